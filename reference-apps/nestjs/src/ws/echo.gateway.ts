import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { RawData, WebSocket } from 'ws';

/**
 * /ws/echo (contract §8): each frame back unchanged, byte for byte. The socket's own
 * 'message' listener is used rather than @SubscribeMessage, because WsAdapter
 * JSON-encodes whatever a message handler returns.
 */
@WebSocketGateway({ path: '/ws/echo' })
export class EchoGateway implements OnGatewayConnection {
  handleConnection(client: WebSocket): void {
    client.on('message', (data: RawData, isBinary: boolean) => {
      client.send(data, { binary: isBinary });
    });
  }
}
