import { IsInt, IsString, Length, Max } from 'class-validator';
import { POSTGRES_INTEGER_MAX } from '../../database/postgres-integer';

/** Body of POST and PUT /api/articles: all three fields, always (PUT is a full replacement). */
export class ArticleInputDto {
  @IsString()
  @Length(1, 200)
  title: string;

  @IsString()
  @Length(1, 10_000)
  body: string;

  /** Checked against `author` by the database on write; past int4 it could name none. */
  @IsInt()
  @Max(POSTGRES_INTEGER_MAX)
  author_id: number;
}
