// The /queries route as reference-apps/nestjs/src/techempower/ declares it (controller method
// and QueryCountPipe), standalone: Nest decorators on a typed method and parameter.
import { Controller, Get, Injectable, PipeTransform, Query } from '@nestjs/common';

const MAX_QUERIES = 500;

@Injectable()
export class QueryCountPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) {
      return 1;
    }
    return Math.min(MAX_QUERIES, Math.max(1, Number(value)));
  }
}

@Controller()
export class QueriesController {
  @Get('queries')
  queries(@Query('queries', QueryCountPipe) count: number): number[] {
    return Array.from({ length: count }, (): number => 1 + Math.floor(Math.random() * 10000));
  }
}
