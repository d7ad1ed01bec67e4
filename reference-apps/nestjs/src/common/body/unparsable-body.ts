/**
 * Stands in for a request body that is not valid JSON.
 *
 * Both adapters parse the body before Nest routes the request, so a parser that failed
 * there would answer 400 before the guard could answer 401, and contract §5 wants the
 * token checked first. The parsers below therefore never fail on bad JSON: they leave
 * this marker as the body, and RequestValidationPipe (which runs after guards) turns it
 * into the 400 on `_body` of contract §7. Routes that read no body never look at it.
 */
export class UnparsableBody {
  constructor(readonly reason: string) {}
}
