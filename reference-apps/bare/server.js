'use strict';
/*
 * The bare baseline (CONTRACT.md section 11): the routes NestJS serves for claim 7 ("Nest's
 * decorators and abstractions may introduce a slight overhead"), on the same HTTP stack
 * NestJS runs on (Express 5 or Fastify 5, ADAPTER), the same Node, the same pg driver and
 * pool size, the same process model (node:cluster, one worker per core), and the same SQL as
 * the NestJS app's raw-SQL mode (DB_ACCESS=raw). No framework on top: what is left between
 * this and NestJS is Nest itself (its module system, decorators, pipes, guards, filters).
 *
 * Routes: /json, /plaintext, /db, /queries?queries=N, /api/articles/:id, /health.
 * Anything else: 404 {"error": ...}. Env: PORT, HOST, DATABASE_URL, WORKERS, ADAPTER,
 * DB_POOL_SIZE (CONTRACT.md section 1).
 */
const cluster = require('node:cluster');
const os = require('node:os');
const { Pool } = require('pg');

const WORLD_ROWS = 10000;
const SERVER = 'bare';

function positive(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    console.error(`${name} must be a positive integer, not "${raw}"`);
    process.exit(1);
  }
  return Number(raw);
}

const config = {
  host: process.env.HOST || '127.0.0.1',
  port: positive('PORT', 8080),
  databaseUrl: process.env.DATABASE_URL,
  workers: positive('WORKERS', os.availableParallelism()),
  adapter: process.env.ADAPTER || 'express',
  dbPoolSize: positive('DB_POOL_SIZE', 10), // pg's default, as the NestJS app's
};
if (!config.databaseUrl) {
  console.error('DATABASE_URL is required (postgresql://user:password@host:port/dbname)');
  process.exit(1);
}
if (config.adapter !== 'express' && config.adapter !== 'fastify') {
  console.error(`ADAPTER must be "express" or "fastify", not "${config.adapter}"`);
  process.exit(1);
}

/** N from the query string, clamped to 1..500 (CONTRACT.md section 4). */
function queryCount(raw) {
  const n = Number.parseInt(typeof raw === 'string' ? raw : '', 10);
  return Number.isNaN(n) || n < 1 ? 1 : Math.min(n, 500);
}

const randomId = () => 1 + Math.floor(Math.random() * WORLD_ROWS);

/** The handlers, shared by both stacks: each returns [status, body] (an object is sent as JSON). */
function handlers(pool) {
  const world = async () => {
    const r = await pool.query({ name: 'world', text: 'SELECT id, randomnumber FROM world WHERE id = $1', values: [randomId()] });
    return { id: r.rows[0].id, randomNumber: r.rows[0].randomnumber };
  };
  return {
    json: async () => [200, { message: 'Hello, World!' }],
    db: async () => [200, await world()],
    queries: async (q) => [200, await Promise.all(Array.from({ length: queryCount(q.queries) }, world))],
    article: async (id) => {
      if (!/^\d{1,9}$/.test(id)) return [404, { error: 'not found' }];
      const r = await pool.query({
        name: 'article',
        text: 'SELECT a.id, a.title, a.body, a.created_at, u.id AS author_id, u.name AS author_name '
          + 'FROM article a JOIN author u ON u.id = a.author_id WHERE a.id = $1',
        values: [Number(id)],
      });
      if (r.rows.length === 0) return [404, { error: 'not found' }];
      const a = r.rows[0];
      return [200, { id: a.id, title: a.title, body: a.body, author: { id: a.author_id, name: a.author_name },
        created_at: a.created_at.toISOString().replace('.000Z', 'Z') }];
    },
    health: async () => {
      let database = 'up';
      try {
        await pool.query('SELECT 1');
      } catch {
        database = 'down';
      }
      return [database === 'up' ? 200 : 503, {
        status: database === 'up' ? 'ok' : 'degraded', framework: 'bare', frameworkVersion: require(`${config.adapter}/package.json`).version,
        runtime: 'node', runtimeVersion: process.versions.node, server: config.adapter, workers: config.workers, threads: 1,
        database, dbPoolSize: config.dbPoolSize, profile: process.env.PROFILE || 'production', passwordHasher: 'none',
      }];
    },
  };
}

function express(h) {
  const app = require('express')();
  app.disable('x-powered-by');
  app.set('etag', false);
  const send = (res, [status, body]) => res.status(status).set('Server', SERVER).json(body);
  const wrap = (fn) => (req, res) => fn(req).then((r) => send(res, r), () => send(res, [503, { error: 'database unavailable' }]));
  app.get('/json', wrap(() => h.json()));
  app.get('/plaintext', (req, res) => res.status(200).set('Server', SERVER).type('text/plain').send('Hello, World!'));
  app.get('/db', wrap(() => h.db()));
  app.get('/queries', wrap((req) => h.queries(req.query)));
  app.get('/api/articles/:id', wrap((req) => h.article(req.params.id)));
  app.get('/health', wrap(() => h.health()));
  app.use((req, res) => send(res, [404, { error: 'not found' }]));
  app.use((err, req, res, next) => send(res, [400, { error: 'bad request' }])); // eslint-disable-line no-unused-vars
  return new Promise((resolve) => {
    const server = app.listen(config.port, config.host, () => resolve(server));
    server.keepAliveTimeout = 65_000;
  });
}

async function fastify(h) {
  const app = require('fastify')({ logger: false, keepAliveTimeout: 65_000 });
  const send = (reply, [status, body]) => reply.code(status).header('Server', SERVER).send(body);
  const wrap = (fn) => (req, reply) => fn(req).then((r) => send(reply, r), () => send(reply, [503, { error: 'database unavailable' }]));
  app.get('/json', wrap(() => h.json()));
  app.get('/plaintext', (req, reply) => reply.code(200).header('Server', SERVER).type('text/plain').send('Hello, World!'));
  app.get('/db', wrap(() => h.db()));
  app.get('/queries', wrap((req) => h.queries(req.query)));
  app.get('/api/articles/:id', wrap((req) => h.article(req.params.id)));
  app.get('/health', wrap(() => h.health()));
  app.setNotFoundHandler((req, reply) => send(reply, [404, { error: 'not found' }]));
  app.setErrorHandler((err, req, reply) => send(reply, [err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400,
    { error: 'bad request' }]));
  await app.listen({ port: config.port, host: config.host });
  return app.server;
}

async function worker() {
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.dbPoolSize });
  const h = handlers(pool);
  const server = await (config.adapter === 'fastify' ? fastify(h) : express(h));
  const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (config.workers > 1 && cluster.isPrimary) {
  // node:cluster as the NestJS app's primary does it: one worker per core, signals forwarded
  let listening = 0;
  let stopping = false;
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('listening', () => {
    if (++listening === config.workers) {
      console.log(`bare (${config.adapter}) listening on http://${config.host}:${config.port} with ${config.workers} worker(s)`);
    }
  });
  cluster.on('exit', (w, code) => {
    if (!stopping && code !== 0) {
      console.error(`worker ${w.process.pid} exited with ${code}`);
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
  worker().then(
    () => { if (cluster.isPrimary) console.log(`bare (${config.adapter}) listening on http://${config.host}:${config.port}`); },
    (e) => { console.error(`bare failed to start: ${e.message}`); process.exit(1); },
  );
}
