import { BadRequestException } from '@nestjs/common';

/** Messages per request field, as contract §7 spells a 400: `{"errors": {field: [msg]}}`. */
export type FieldErrors = Record<string, string[]>;

/** Key for a problem with the request body as a whole (`body` is an article field). */
export const BODY_ERROR_KEY = '_body';

export class ValidationException extends BadRequestException {
  constructor(readonly errors: FieldErrors) {
    super({ errors });
  }
}
