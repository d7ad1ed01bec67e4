'use strict';
/*
 * The bare baseline on Fastify 5, set up as the NestJS app's FastifyAdapter is
 * (reference-apps/nestjs/src/http-server.ts): no logger, the Server header from an onRequest
 * hook, @fastify/helmet in production, @fastify/view with Handlebars (production: compiled once)
 * for /fortunes.
 */
const path = require('node:path');
const Fastify = require('fastify');
const Handlebars = require('handlebars');

const SERVER = 'bare';

async function listen(h, config) {
  const app = Fastify({
    logger: false,
    // errors Fastify raises before routing (a badly percent-encoded URL): the same JSON shape
    frameworkErrors: (error, request, reply) => {
      reply.code(error.statusCode ?? 400).header('Server', SERVER).send({ error: error.message });
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('Server', SERVER);
    done();
  });
  if (config.profile === 'production') await app.register(require('@fastify/helmet'));
  await app.register(require('@fastify/view'), {
    engine: { handlebars: Handlebars },
    templates: path.join(__dirname, 'views'),
    viewExt: 'hbs',
    production: true,
  });

  const send = (reply, [status, body]) => reply.code(status).send(body);
  const route = (fn) => (req, reply) => fn(req).then((r) => send(reply, r), () => send(reply, [503, { error: 'Service Unavailable' }]));
  app.get('/json', route(() => h.json()));
  app.get('/plaintext', (req, reply) => reply.type('text/plain').send('Hello, World!'));
  app.get('/db', route(() => h.db()));
  app.get('/queries', route((req) => h.queries(req.query)));
  app.get('/fortunes', (req, reply) => h.fortunes().then((fortunes) => reply.view('fortunes', { fortunes }),
    () => send(reply, [503, { error: 'Service Unavailable' }])));
  app.get('/api/articles', route((req) => h.articles(req.query)));
  app.get('/api/articles/:id', route((req) => h.article(req.params.id)));
  app.get('/health', route(() => h.health()));
  app.setNotFoundHandler((req, reply) => send(reply, [404, { error: `Cannot ${req.method} ${req.url.split('?')[0]}` }]));
  app.setErrorHandler((err, req, reply) => {
    const status = err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    send(reply, [status, { error: status === 400 ? 'Bad Request' : err.message }]);
  });
  await app.listen({ port: config.port, host: config.host });
  return app.server;
}

module.exports = { listen };
