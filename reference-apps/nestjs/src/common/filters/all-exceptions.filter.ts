import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ValidationException } from '../validation/validation.exception';

/**
 * Every error of every route, on both adapters, in the two shapes of contract §7:
 * `{"errors": {field: [msg]}}` for a request that failed validation (or JSON parsing, see
 * RequestValidationPipe), `{"error": msg}` for any other status. Unknown routes (Nest's
 * NotFoundException) land here too. Nothing but a server fault answers 5xx, and no body
 * carries a stack trace (those go to the log).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const [status, body] = this.describe(exception);
    httpAdapter.reply(http.getResponse(), body, status);
  }

  private describe(exception: unknown): [number, object] {
    if (exception instanceof ValidationException) {
      return [HttpStatus.BAD_REQUEST, { errors: exception.errors }];
    }
    if (exception instanceof HttpException) {
      return [exception.getStatus(), { error: exception.message }];
    }
    // Client errors raised below Nest, e.g. Express body-parser's 413 or 415.
    const clientStatus = clientErrorStatus(exception);
    if (clientStatus !== undefined) {
      return [clientStatus, { error: (exception as Error).message }];
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return [HttpStatus.INTERNAL_SERVER_ERROR, { error: 'Internal Server Error' }];
  }
}

function clientErrorStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) {
    return undefined;
  }
  const { status, statusCode } = exception as Error & { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}
