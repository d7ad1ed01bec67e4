import { OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { RawData, Server, WebSocket } from 'ws';
import { BroadcastRelay } from './broadcast-relay';

/**
 * /ws/broadcast (contract §8): every text frame, from any client of any worker, goes to
 * every connected client, the sender included. Frames travel through BroadcastRelay;
 * this gateway only hands them in and fans them out to its worker's sockets.
 */
@WebSocketGateway({ path: '/ws/broadcast' })
export class BroadcastGateway implements OnGatewayConnection, OnModuleInit {
  /** The ws server of this path; its `clients` set tracks the open sockets of this worker. */
  @WebSocketServer()
  private readonly server: Server;

  constructor(private readonly relay: BroadcastRelay) {}

  onModuleInit(): void {
    this.relay.subscribe((text) => this.sendToLocalClients(text));
  }

  handleConnection(client: WebSocket): void {
    client.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        this.relay.publish(data.toString());
      }
    });
  }

  private sendToLocalClients(text: string): void {
    for (const client of this.server.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(text);
      }
    }
  }
}
