import { Injectable, PipeTransform } from '@nestjs/common';

/** Upper bound of `queries`/`count` (TechEmpower rule). */
const MAX_QUERIES = 500;

/**
 * The TechEmpower reading of `?queries=N` / `?count=N` (contract §4): never an error,
 * clamped to 1..500; missing, empty or not an integer ("foo", "2.5", "1e2") reads as 1.
 */
@Injectable()
export class QueryCountPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) {
      return 1;
    }
    return Math.min(MAX_QUERIES, Math.max(1, Number(value)));
  }
}
