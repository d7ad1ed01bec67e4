import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { POSTGRES_INTEGER_MAX } from '../database/postgres-integer';

/**
 * `{id}` of /api/articles/{id}: anything that cannot be an article id (not a string of
 * digits, or beyond PostgreSQL's `integer`) is simply an article that does not exist, 404.
 */
@Injectable()
export class ArticleIdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= POSTGRES_INTEGER_MAX)) {
      throw new NotFoundException('Article not found.');
    }
    return id;
  }
}
