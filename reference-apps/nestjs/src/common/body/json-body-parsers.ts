import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { json, NextFunction, Request, Response } from 'express';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, nestsDeeperThan } from './json-limits';
import { UnparsableBody } from './unparsable-body';

const TOO_DEEP = `nested deeper than ${MAX_JSON_DEPTH} levels`;

/**
 * Express: body-parser's JSON parser (what Nest registers by default) with the contract's
 * size limit, followed by an error handler that keeps a syntax error as an
 * {@link UnparsableBody}, and by the depth check. Other parser errors (413 too large, 415
 * unsupported charset) go on to the exception filter.
 */
export function useExpressJsonBody(app: NestExpressApplication): void {
  app.use(json({ limit: MAX_BODY_BYTES }));
  app.use((error: unknown, request: Request, _response: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      request.body = new UnparsableBody((error as Error).message);
      next();
    } else {
      next(error);
    }
  });
  app.use((request: Request, _response: Response, next: NextFunction) => {
    if (nestsDeeperThan(request.body, MAX_JSON_DEPTH)) {
      request.body = new UnparsableBody(TOO_DEEP);
    }
    next();
  });
}

/**
 * Fastify: Fastify's own JSON parser (with its prototype-poisoning checks) with the
 * contract's size limit; its failures (malformed or empty JSON) and values nested too
 * deep become an {@link UnparsableBody}.
 */
export function useFastifyJsonBody(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
    parseJson(request, body.toString('utf8'), (error, parsed) => {
      if (error) {
        done(null, new UnparsableBody(error.message));
      } else {
        done(null, nestsDeeperThan(parsed, MAX_JSON_DEPTH) ? new UnparsableBody(TOO_DEEP) : parsed);
      }
    });
  });
}
