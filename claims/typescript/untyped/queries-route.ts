// The /queries route as reference-apps/nestjs/src/techempower/ declares it (controller method
// and QueryCountPipe), standalone: the same Nest decorators on a method and parameter without types.
import { Controller, Get, Injectable, Query } from '@nestjs/common';

const MAX_QUERIES = 500;

@Injectable()
export class QueryCountPipe {
  transform(value) {
    if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) {
      return 1;
    }
    return Math.min(MAX_QUERIES, Math.max(1, Number(value)));
  }
}

@Controller()
export class QueriesController {
  @Get('queries')
  queries(@Query('queries', QueryCountPipe) count) {
    return Array.from({ length: count }, () => 1 + Math.floor(Math.random() * 10000));
  }
}
