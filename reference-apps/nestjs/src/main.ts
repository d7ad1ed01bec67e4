import cluster from 'node:cluster';
import { performance } from 'node:perf_hooks';
import { runClusterPrimary } from './cluster/cluster-primary';
import { startArticleCacheGenerationAtBoot } from './articles/article-cache';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { runMigrations } from './database/run-migrations';
import { startHttpServer } from './http-server';

/*
 * Start-up, in the order the contract asks:
 *   1. read the settings (exit 1 with one line if DATABASE_URL is missing);
 *   2. primary process: run the TypeORM migrations, once; with CACHE=redis, start a new
 *      generation of the article cache (entries of an earlier database are never served);
 *   3. WORKERS = 1: serve from this process; WORKERS > 1: fork the workers (node:cluster),
 *      each of which builds the Nest app and listens on the shared port.
 */

// Express (view cache) and other libraries read NODE_ENV when the app is created.
process.env.NODE_ENV ??= 'production';

async function main(): Promise<void> {
  const config = readConfig();
  if (cluster.isWorker) {
    await startHttpServer(config);
    return;
  }
  await runMigrations(config);
  if (config.cache === 'redis') {
    await startArticleCacheGenerationAtBoot(config);
  }
  // One worker and no Node options: serve from this process. The tuned profile's V8 options
  // take effect only at a process's start, so there even one worker is forked with them.
  if (config.workers === 1 && config.nodeOptions.length === 0) {
    await startHttpServer(config);
    announce(config);
  } else {
    runClusterPrimary(config, () => announce(config));
  }
}

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** One line once every worker listens; milliseconds since this (primary) process started. */
function announce(config: AppConfig): void {
  console.log(
    `nestjs (${config.adapter}) listening on http://${config.host}:${config.port} ` +
      `with ${config.workers} worker(s), ready ${Math.round(performance.now())} ms after start`,
  );
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`${cluster.isWorker ? 'worker' : 'nestjs'} failed to start: ${reason}`);
  process.exit(1);
});
