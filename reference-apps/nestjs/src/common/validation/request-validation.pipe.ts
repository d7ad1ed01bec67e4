import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { UnparsableBody } from '../body/unparsable-body';
import { BODY_ERROR_KEY, FieldErrors, ValidationException } from './validation.exception';

/**
 * The global ValidationPipe, configured for contract §7: class-validator's messages
 * grouped by field, and a body that is not JSON, or is JSON but not an object (an array,
 * a string, `null`), rejected on the key `_body` before class-validator sees it.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      exceptionFactory: (errors) => new ValidationException(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      if (value instanceof UnparsableBody) {
        throw new ValidationException({ [BODY_ERROR_KEY]: [`Malformed JSON: ${value.reason}`] });
      }
      // `undefined` is a request without a JSON body: the DTO then reports each missing field.
      if (value !== undefined && !isPlainObject(value)) {
        throw new ValidationException({ [BODY_ERROR_KEY]: ['The body must be a JSON object.'] });
      }
    }
    return super.transform(value, metadata);
  }

  /**
   * Leaves a single path or query value as it came, a string: the route's own pipe
   * (ArticleIdPipe, QueryCountPipe) reads it by the contract's rule. ValidationPipe's
   * implicit `Number()` would read "1e2" as 100 and "" as 0.
   */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function toFieldErrors(errors: ValidationError[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    fields[error.property] = Object.values(error.constraints ?? {});
  }
  return fields;
}
