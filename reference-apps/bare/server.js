'use strict';
/*
 * The bare baseline (CONTRACT.md §10): the routes of claim 7 ("NestJS's decorators and
 * abstractions may introduce a slight overhead") on the HTTP stack NestJS runs on, without
 * Nest. Everything else is the NestJS app's: Node, the stack and its version (Express 5 or
 * Fastify 5, ADAPTER), helmet in production, the view engine of /fortunes, the pg driver and
 * pool size (10 per worker, 30 when PROFILE=tuned), the process model (node:cluster, one
 * worker per core), the statements (routes.js). What is left between the two is Nest itself:
 * modules and dependency injection, its router over the stack, decorators, pipes, guards,
 * interceptors and exception filters (and, for the database routes, TypeORM's
 * DataSource.query around pool.query, when the NestJS app runs DB_ACCESS=raw).
 *
 * Env: HOST, PORT, DATABASE_URL (required), WORKERS, ADAPTER, DB_POOL_SIZE, PROFILE (CONTRACT.md §1).
 */
const cluster = require('node:cluster');
const os = require('node:os');
const { Pool } = require('pg');
const { routes } = require('./routes');

process.env.NODE_ENV ??= 'production'; // Express's view cache, as in the NestJS app

/** A setting that cannot be used: one line, exit 1 (CONTRACT.md §1). */
function fail(message) {
  console.error(message);
  process.exit(1);
}

function positive(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) fail(`${name} must be a positive integer, not "${raw}"`);
  return Number(raw);
}

const profile = process.env.PROFILE || 'production';
if (profile !== 'production' && profile !== 'tuned') fail(`PROFILE must be "production" or "tuned", not "${profile}"`);
const config = {
  host: process.env.HOST || '127.0.0.1',
  port: positive('PORT', 8080),
  databaseUrl: process.env.DATABASE_URL || fail('DATABASE_URL is required (postgresql://user:password@host:port/dbname)'),
  workers: positive('WORKERS', os.availableParallelism()),
  // the NestJS app's defaults: Express in production, Fastify when tuned
  adapter: process.env.ADAPTER || (profile === 'tuned' ? 'fastify' : 'express'),
  // pg's default pool, 30 when tuned (TechEmpower's NestJS entry), as in the NestJS app
  dbPoolSize: positive('DB_POOL_SIZE', profile === 'tuned' ? 30 : 10),
  profile,
  // tuned: the NestJS app's V8 options (its src/config/app-config.ts, TUNED_NODE_OPTIONS), which
  // V8 reads only at a process's start: the workers are forked with them, even a single one
  nodeOptions: profile === 'tuned' ? ['--max-semi-space-size=64'] : [],
};
if (config.adapter !== 'express' && config.adapter !== 'fastify') {
  fail(`ADAPTER must be "express" or "fastify", not "${config.adapter}"`);
}

/** GET /health (CONTRACT.md §9): the NestJS app's keys; no ORM and no cache. */
function health(pool) {
  const stackVersion = require(`${config.adapter}/package.json`).version;
  return async () => {
    let up = true;
    try {
      await pool.query('SELECT 1');
    } catch {
      up = false;
    }
    return [up ? 200 : 503, {
      status: up ? 'ok' : 'degraded', framework: 'bare', frameworkVersion: stackVersion,
      runtime: 'node', runtimeVersion: process.versions.node, server: config.adapter,
      workers: config.workers, threads: 1, database: up ? 'up' : 'down', dbPoolSize: config.dbPoolSize,
      passwordHasher: 'none', profile: config.profile, cache: 'off', dbAccess: 'raw', nodeOptions: process.execArgv,
    }];
  };
}

async function serve() {
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.dbPoolSize });
  const handlers = { ...routes(pool), health: health(pool) };
  const stack = require(config.adapter === 'fastify' ? './fastify-stack' : './express-stack');
  const server = await stack.listen(handlers, config);
  const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function announce() {
  console.log(`bare (${config.adapter}) listening on http://${config.host}:${config.port} with ${config.workers} worker(s)`);
}

if ((config.workers > 1 || config.nodeOptions.length > 0) && cluster.isPrimary) {
  // as the NestJS app's primary: forks the workers, which share the port; a worker that dies
  // before listening stops the app (exit 1), SIGTERM/SIGINT are forwarded
  let listening = 0;
  let stopping = false;
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...config.nodeOptions] });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('listening', () => {
    if (++listening === config.workers) announce();
  });
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      console.error(`worker ${worker.process.pid} exited (${signal ?? code})`);
      process.exit(1);
    }
    if (Object.keys(cluster.workers).length === 0) process.exit(0);
  });
  const stop = (signal) => {
    stopping = true;
    for (const w of Object.values(cluster.workers)) w.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} else {
  serve().then(
    () => { if (cluster.isPrimary) announce(); },
    (e) => fail(`bare failed to start: ${e.message}`),
  );
}
