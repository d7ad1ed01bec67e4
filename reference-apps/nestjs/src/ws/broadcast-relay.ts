import cluster from 'node:cluster';
import { Injectable, OnModuleDestroy } from '@nestjs/common';

/** The IPC message that carries one /ws/broadcast frame between worker and primary. */
export interface BroadcastEnvelope {
  type: 'ws-broadcast';
  text: string;
}

export function isBroadcastEnvelope(message: unknown): message is BroadcastEnvelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as BroadcastEnvelope).type === 'ws-broadcast' &&
    typeof (message as BroadcastEnvelope).text === 'string'
  );
}

type BroadcastListener = (text: string) => void;

/**
 * Carries /ws/broadcast frames to every worker (contract §8: every client of the app, not
 * only those of the receiving worker). Each worker holds only its own sockets, so in a
 * cluster a frame goes up to the primary over the IPC channel node:cluster already opened,
 * and the primary sends it down to every worker, the sender's included (src/cluster).
 * A single process delivers locally. No broker is needed: all workers are children of one
 * primary on one machine.
 */
@Injectable()
export class BroadcastRelay implements OnModuleDestroy {
  private readonly listeners = new Set<BroadcastListener>();
  private readonly fromPrimary = (message: unknown) => {
    if (isBroadcastEnvelope(message)) {
      this.deliver(message.text);
    }
  };

  constructor() {
    if (cluster.isWorker) {
      process.on('message', this.fromPrimary);
    }
  }

  publish(text: string): void {
    if (cluster.isWorker) {
      const envelope: BroadcastEnvelope = { type: 'ws-broadcast', text };
      process.send!(envelope);
    } else {
      this.deliver(text);
    }
  }

  subscribe(listener: BroadcastListener): void {
    this.listeners.add(listener);
  }

  onModuleDestroy(): void {
    process.off('message', this.fromPrimary);
    this.listeners.clear();
  }

  private deliver(text: string): void {
    for (const listener of this.listeners) {
      listener(text);
    }
  }
}
