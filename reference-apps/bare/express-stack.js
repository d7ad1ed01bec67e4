'use strict';
/*
 * The bare baseline on Express 5, set up as the NestJS app's Express platform is
 * (reference-apps/nestjs/src/http-server.ts): no x-powered-by, the Server header on every
 * response, helmet in production, hbs with the view cache for /fortunes, Express's defaults
 * otherwise (its weak ETag included).
 */
const path = require('node:path');
const express = require('express');
const helmet = require('helmet');

const SERVER = 'bare';

function listen(h, config) {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    res.setHeader('Server', SERVER);
    next();
  });
  if (config.profile === 'production') app.use(helmet());
  app.set('views', path.join(__dirname, 'views'));
  app.set('view engine', 'hbs');
  app.set('view cache', true);
  app.set('view options', { layout: false });

  const send = (res, [status, body]) => res.status(status).json(body);
  // a handler's failure (the database) is a 503 with a JSON body, never a stack trace
  const route = (fn) => (req, res) => fn(req).then((r) => send(res, r), () => send(res, [503, { error: 'Service Unavailable' }]));
  app.get('/json', route(() => h.json()));
  app.get('/plaintext', (req, res) => res.type('text/plain').send('Hello, World!'));
  app.get('/db', route(() => h.db()));
  app.get('/queries', route((req) => h.queries(req.query)));
  app.get('/fortunes', (req, res) => h.fortunes().then((fortunes) => res.render('fortunes', { fortunes }),
    () => send(res, [503, { error: 'Service Unavailable' }])));
  app.get('/api/articles', route((req) => h.articles(req.query)));
  app.get('/api/articles/:id', route((req) => h.article(req.params.id)));
  app.get('/health', route(() => h.health()));
  app.use((req, res) => send(res, [404, { error: `Cannot ${req.method} ${req.path}` }]));
  // errors Express raises itself (a malformed percent-encoding in a path): a 4xx in the JSON shape
  app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
    const status = err.status >= 400 && err.status < 500 ? err.status : 400;
    send(res, [status, { error: status === 400 ? 'Bad Request' : err.message }]);
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host, (error) => (error ? reject(error) : resolve(server)));
  });
}

module.exports = { listen };
