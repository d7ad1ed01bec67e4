import http from 'node:http';
import type { Duplex } from 'node:stream';

type UpgradeListener = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Node hands every request that carries `Upgrade` to the server's 'upgrade' listeners as
 * soon as one exists — here the ws adapter's — and that listener ignores what is not a
 * WebSocket handshake, so a client offering `Upgrade: h2c` (curl --http2, the JDK client's
 * default) would wait for ever. RFC 9110 §7.8 lets a server ignore an upgrade it does not
 * support and answer normally: non-WebSocket upgrades are served as plain HTTP/1.1
 * requests, and the connection is closed after the answer. A WebSocket handshake for a path
 * no gateway serves gets a 404 with a JSON body instead of a silently closed connection.
 */
export function answerNonWebSocketUpgradesAsHttp(server: http.Server, webSocketPaths: readonly string[]): void {
  const webSocketListeners = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((request.headers.upgrade ?? '').toLowerCase() === 'websocket') {
      const path = (request.url ?? '').split('?')[0];
      if (!webSocketPaths.includes(path)) {
        // ws would drop the connection without a word; the contract wants a 4xx with JSON
        const body = JSON.stringify({ error: `no WebSocket endpoint at ${path}` });
        socket.end(
          `HTTP/1.1 404 Not Found\r\nServer: NestJS\r\nDate: ${new Date().toUTCString()}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `Connection: close\r\n\r\n${body}`,
        );
        return;
      }
      for (const listener of webSocketListeners) {
        listener.call(server, request, socket, head);
      }
      return;
    }
    if (head.length > 0) {
      socket.unshift(head);
    }
    const response = new http.ServerResponse(request);
    response.shouldKeepAlive = false;
    response.assignSocket(socket as unknown as import('node:net').Socket);
    response.on('finish', () => {
      response.detachSocket(socket as unknown as import('node:net').Socket);
      socket.end();
    });
    server.emit('request', request, response);
  });
}
