import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { POSTGRES_INTEGER_MAX, POSTGRES_INTEGER_MIN } from '../../database/postgres-integer';

/** Body of POST and PUT /api/articles: all three fields, always (PUT is a full replacement). */
export class ArticleInputDto {
  @IsString()
  @Length(1, 200)
  title: string;

  @IsString()
  @Length(1, 10_000)
  body: string;

  /**
   * Checked against `author` by the database on write; outside int4 it could name none, and
   * the database would refuse the value itself (a 500) rather than report a missing author.
   */
  @IsInt()
  @Min(POSTGRES_INTEGER_MIN)
  @Max(POSTGRES_INTEGER_MAX)
  author_id: number;
}
