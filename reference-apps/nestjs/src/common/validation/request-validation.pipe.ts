import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { UnparsableBody } from '../body/unparsable-body';
import { BODY_ERROR_KEY, FieldErrors, ValidationException } from './validation.exception';

/**
 * The global ValidationPipe, configured for contract §7: class-validator's messages
 * grouped by field, and a body that is not JSON, or is JSON but not an object (an array,
 * a string, `null`), rejected on the key `_body` before class-validator sees it. Every
 * string field of every DTO is also refused when it holds a NUL character (see
 * {@link nulCharacterErrors}).
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

  /** class-validator's errors, and one per DTO string field that holds a NUL character. */
  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    return nulCharacterErrors(object, errors);
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

const NUL_MESSAGE = 'Null characters are not allowed.';

/**
 * PostgreSQL's text types cannot hold U+0000, so a NUL that reached a query would fail there,
 * a 500. Contract §7 makes it a 400 on the field, as Django REST framework's CharField does
 * (with the same message), here for every string property of every DTO at once. Runs after
 * class-validator, whose whitelist has then removed the properties no DTO declares.
 */
function nulCharacterErrors(object: object, errors: ValidationError[]): ValidationError[] {
  for (const [property, value] of Object.entries(object)) {
    if (typeof value !== 'string' || !value.includes('\u0000')) {
      continue;
    }
    const existing = errors.find((error) => error.property === property);
    if (existing) {
      existing.constraints = { ...existing.constraints, nulCharacters: NUL_MESSAGE };
    } else {
      errors.push({ property, children: [], constraints: { nulCharacters: NUL_MESSAGE } });
    }
  }
  return errors;
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
