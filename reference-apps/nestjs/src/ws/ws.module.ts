import { Module } from '@nestjs/common';
import { BroadcastGateway } from './broadcast.gateway';
import { BroadcastRelay } from './broadcast-relay';
import { EchoGateway } from './echo.gateway';

/** Both gateways ride on the HTTP server's port through @nestjs/platform-ws's WsAdapter. */
@Module({
  providers: [EchoGateway, BroadcastGateway, BroadcastRelay],
})
export class WsModule {}
