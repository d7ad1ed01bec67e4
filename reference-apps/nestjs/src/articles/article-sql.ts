import type { ArticlePage, ArticleView } from './article.view';

/*
 * DB_ACCESS=raw (contract §4b): the article reads as the very statements TypeORM sends for
 * them (its query builder's text, read from pg_stat_statements: aliases, quoting, the LIMIT and
 * OFFSET it writes inline), sent with DataSource.query through the same pg pool, and the rows
 * mapped straight to the views. What differs from DB_ACCESS=orm is TypeORM's work around the
 * statement: building it, and hydrating entities from the rows.
 */

const ARTICLE_WITH_AUTHOR =
  'SELECT "article"."id" AS "article_id", "article"."title" AS "article_title", "article"."body" AS "article_body", ' +
  '"article"."author_id" AS "article_author_id", "article"."created_at" AS "article_created_at", ' +
  '"author"."id" AS "author_id", "author"."name" AS "author_name" ' +
  'FROM "article" "article" INNER JOIN "author" "author" ON "author"."id"="article"."author_id"';

/** ArticlesService's `withAuthor().where('article.id = :id')`: the id as parameter $1. */
export const ARTICLE_BY_ID_SQL = `${ARTICLE_WITH_AUTHOR} WHERE "article"."id" = $1`;

/** `Repository.count()`. */
export const ARTICLE_COUNT_SQL = 'SELECT COUNT(1) AS "cnt" FROM "article" "Article"';

/**
 * `withAuthor().orderBy('article.id').offset(o).limit(l)`: TypeORM writes both numbers into the
 * text. They come validated as integers (PaginationQueryDto: 1..100 and 0..2^53-1), so they
 * cannot carry SQL.
 */
export function articlePageSql(limit: number, offset: number): string {
  if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset)) {
    throw new TypeError('limit and offset must be integers');
  }
  return `${ARTICLE_WITH_AUTHOR} ORDER BY "article"."id" ASC LIMIT ${limit} OFFSET ${offset}`;
}

export interface ArticleRow {
  article_id: number;
  article_title: string;
  article_body: string;
  article_created_at: Date;
  author_id: number;
  author_name: string;
}

/** The same view toArticleView makes of an entity (pg parses timestamptz into a Date either way). */
export function rowToArticleView(row: ArticleRow): ArticleView {
  return {
    id: row.article_id,
    title: row.article_title,
    body: row.article_body,
    author: { id: row.author_id, name: row.author_name },
    created_at: row.article_created_at.toISOString(),
  };
}

/** COUNT is a bigint, which pg returns as text; TypeORM's count() parses it the same way. */
export function toArticlePage(rows: ArticleRow[], countRows: Array<{ cnt: string }>): ArticlePage {
  return { count: parseInt(countRows[0].cnt, 10), results: rows.map(rowToArticleView) };
}
