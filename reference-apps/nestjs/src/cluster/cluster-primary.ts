import cluster, { Worker } from 'node:cluster';
import type { AppConfig } from '../config/app-config';
import { isBroadcastEnvelope } from '../ws/broadcast-relay';

/** How long workers get to close their connections after SIGTERM/SIGINT before SIGKILL. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The primary of a multi-worker run: forks WORKERS workers that all listen on the same
 * port (node:cluster hands out connections round-robin), relays /ws/broadcast frames
 * between them, forwards SIGTERM/SIGINT and exits once every worker is gone.
 *
 * A worker that dies before it ever listened failed to start: the whole app stops with
 * exit code 1 rather than fork it again and again. A worker that dies later is logged
 * and replaced, so that `workers` in /health stays true.
 */
export function runClusterPrimary(config: AppConfig, onAllListening: () => void): void {
  const listening = new Set<number>();
  let announced = false;
  let shuttingDown = false;

  // the tuned profile's V8 options (AppConfig.nodeOptions) on every worker's command line
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...config.nodeOptions] });
  const fork = () => cluster.fork({ WORKERS: String(config.workers) });
  const liveWorkers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

  const shutDown = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      return;
    }
    shuttingDown = true;
    for (const worker of liveWorkers()) {
      worker.process.kill(signal);
    }
    setTimeout(() => liveWorkers().forEach((worker) => worker.process.kill('SIGKILL')), SHUTDOWN_GRACE_MS).unref();
  };

  cluster.on('message', (_sender, message: unknown) => {
    if (isBroadcastEnvelope(message)) {
      for (const worker of liveWorkers()) {
        if (worker.isConnected()) {
          worker.send(message);
        }
      }
    }
  });

  cluster.on('listening', (worker) => {
    listening.add(worker.id);
    if (listening.size === config.workers && !announced) {
      announced = true;
      onAllListening();
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    if (!shuttingDown) {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (wasListening) {
        console.error(`worker ${worker.process.pid} died (${how}); starting a replacement`);
        fork();
      } else {
        console.error(`worker ${worker.process.pid} failed to start (${how}); stopping`);
        shutDown('SIGTERM');
        process.exitCode = 1;
      }
    }
    if (liveWorkers().length === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });

  process.on('SIGTERM', () => shutDown('SIGTERM'));
  process.on('SIGINT', () => shutDown('SIGINT'));

  for (let i = 0; i < config.workers; i++) {
    fork();
  }
}
