import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { json, NextFunction, Request, Response } from 'express';
import { UnparsableBody } from './unparsable-body';

/**
 * Express: body-parser's JSON parser (what Nest registers by default), followed by an
 * error handler that keeps a syntax error as an {@link UnparsableBody}. Other parser
 * errors (413 too large, 415 unsupported charset) go on to the exception filter.
 */
export function useExpressJsonBody(app: NestExpressApplication): void {
  app.use(json());
  app.use((error: unknown, request: Request, _response: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      request.body = new UnparsableBody((error as Error).message);
      next();
    } else {
      next(error);
    }
  });
}

/**
 * Fastify: Fastify's own JSON parser (with its prototype-poisoning checks), whose
 * failures (malformed or empty JSON) become an {@link UnparsableBody}.
 */
export function useFastifyJsonBody(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', {}, (request, body, done) => {
    parseJson(request, body.toString('utf8'), (error, parsed) => {
      done(null, error ? new UnparsableBody(error.message) : parsed);
    });
  });
}
