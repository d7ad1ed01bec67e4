import http from 'node:http';
import type { Duplex } from 'node:stream';

type UpgradeListener = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Node hands every request that carries `Upgrade` to the server's 'upgrade' listeners as
 * soon as one exists — here the ws adapter's — and that listener ignores what is not a
 * WebSocket handshake, so a client offering `Upgrade: h2c` (curl --http2, the JDK client's
 * default) would wait for ever. RFC 9110 §7.8 lets a server ignore an upgrade it does not
 * support and answer normally: non-WebSocket upgrades are served as plain HTTP/1.1
 * requests, and the connection is closed after the answer.
 */
export function answerNonWebSocketUpgradesAsHttp(server: http.Server): void {
  const webSocketListeners = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((request.headers.upgrade ?? '').toLowerCase() === 'websocket') {
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
