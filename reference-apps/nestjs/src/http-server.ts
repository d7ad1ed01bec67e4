import { join } from 'node:path';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { useExpressJsonBody, useFastifyJsonBody } from './common/body/json-body-parsers';
import { answerNonWebSocketUpgradesAsHttp } from './common/upgrade';
import { AppConfig } from './config/app-config';

/** Production logging: no per-request lines, nothing but warnings and errors. */
const LOG_LEVELS: LogLevel[] = ['error', 'warn'];

/** Contract §3 asks for a non-empty `Server` header on every response, errors included. */
const SERVER_HEADER = 'NestJS';

/** The paths of the gateways in src/ws (contract §8). */
const WEBSOCKET_PATHS = ['/ws/echo', '/ws/broadcast'] as const;

/** views/ sits beside dist/ and src/. */
const VIEWS_DIR = join(__dirname, '..', 'views');

/** Builds the Nest application on the configured HTTP stack and starts listening. */
export async function startHttpServer(config: AppConfig): Promise<INestApplication> {
  const app = config.adapter === 'fastify' ? await createFastifyApp(config) : await createExpressApp(config);
  // No gateway uses @SubscribeMessage (both read raw frames, see src/ws), so WsAdapter
  // need not JSON.parse every frame looking for an `event` to dispatch.
  app.useWebSocketAdapter(new WsAdapter(app, { messageParser: () => undefined }));
  // SIGTERM/SIGINT close the server, the sockets and the database pool, then exit.
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  answerNonWebSocketUpgradesAsHttp(app.getHttpServer(), WEBSOCKET_PATHS);
  return app;
}

async function createExpressApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LOG_LEVELS,
    forceCloseConnections: true,
    bodyParser: false, // JSON only, registered below so that bad JSON is answered after auth
  });
  app.disable('x-powered-by');
  app.use((_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
    response.setHeader('Server', SERVER_HEADER);
    next();
  });
  if (config.profile === 'production') {
    // The NestJS security docs' recipe (https://docs.nestjs.com/security/helmet): security
    // headers on every response, as Django's SecurityMiddleware does in its production
    // profile. The tuned profile, like TechEmpower's entry, sends none.
    app.use(helmet());
  }
  useExpressJsonBody(app);
  // hbs, Express's Handlebars view engine, as in the NestJS MVC docs. With "view cache"
  // on (Express's production default) each template is compiled once per worker.
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view cache', true);
  // The template is a whole page. Without this, hbs looks for views/layout.hbs on disk
  // at every render (and caches only a layout it found).
  app.set('view options', { layout: false });
  return app;
}

async function createFastifyApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({
      logger: false,
      // Errors Fastify raises before routing (e.g. a badly percent-encoded URL) never
      // reach Nest's exception filter: answer them in the same shape, with the header.
      frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
        reply
          .code(error.statusCode ?? 400)
          .header('Server', SERVER_HEADER)
          .send({ error: error.message });
      },
    }),
    // JSON only, registered below so that bad JSON is answered after auth.
    { logger: LOG_LEVELS, forceCloseConnections: true, bodyParser: false },
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.header('Server', SERVER_HEADER);
      done();
    });
  if (config.profile === 'production') {
    // The NestJS security docs' Fastify recipe: @fastify/helmet (see the Express stack above).
    await app.register(fastifyHelmet as never);
  }
  useFastifyJsonBody(app);
  // @fastify/view with Handlebars, as in the NestJS MVC docs' Fastify section;
  // `production` compiles each template once and keeps it.
  app.setViewEngine({
    engine: { handlebars: Handlebars },
    templates: VIEWS_DIR,
    viewExt: 'hbs',
    production: true,
  });
  return app;
}
