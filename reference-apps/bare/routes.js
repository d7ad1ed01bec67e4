'use strict';
/*
 * What the bare baseline answers (CONTRACT.md §10), shared by both stacks: each handler takes
 * the request's parameters and returns [status, body] (an object is sent as JSON) or, for
 * /fortunes, the rows to render. The statements are the NestJS app's for the same routes, as
 * TypeORM writes them (reference-apps/nestjs/src/techempower/techempower.service.ts and
 * src/articles/article-sql.ts; the conformance suite checks both send the same text), sent with
 * pool.query as TypeORM's DataSource.query sends them: unnamed statements, parameters as $n.
 */

const WORLD_ROWS = 10_000;
const MAX_QUERIES = 500;
const INTEGER_MAX = 2 ** 31 - 1; // PostgreSQL's integer

const WORLD_BY_ID_SQL =
  'SELECT "World"."id" AS "World_id", "World"."randomnumber" AS "World_randomnumber" ' +
  'FROM "world" "World" WHERE (("World"."id" = $1)) LIMIT 1';
const FORTUNES_SQL = 'SELECT "Fortune"."id" AS "Fortune_id", "Fortune"."message" AS "Fortune_message" FROM "fortune" "Fortune"';
const ARTICLE_WITH_AUTHOR =
  'SELECT "article"."id" AS "article_id", "article"."title" AS "article_title", "article"."body" AS "article_body", ' +
  '"article"."author_id" AS "article_author_id", "article"."created_at" AS "article_created_at", ' +
  '"author"."id" AS "author_id", "author"."name" AS "author_name" ' +
  'FROM "article" "article" INNER JOIN "author" "author" ON "author"."id"="article"."author_id"';
const ARTICLE_BY_ID_SQL = `${ARTICLE_WITH_AUTHOR} WHERE "article"."id" = $1`;
const ARTICLE_COUNT_SQL = 'SELECT COUNT(1) AS "cnt" FROM "article" "Article"';

const NOT_FOUND = [404, { error: 'Article not found.' }];

const randomWorldNumber = () => 1 + Math.floor(Math.random() * WORLD_ROWS);

/** N of /queries (CONTRACT.md §4): an integer clamped to 1..500, anything else 1. */
function queryCount(value) {
  if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) return 1;
  return Math.min(MAX_QUERIES, Math.max(1, Number(value)));
}

/** limit/offset of GET /api/articles: digits within bounds, else a 400 on that field (CONTRACT.md §5, §7). */
function pageParameter(query, name, fallback, min, max, errors) {
  const value = query[name];
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    errors[name] = [`${name} must be an integer from ${min} to ${max}`];
  }
  return n;
}

/** Orders strings by Unicode code point, as the contract asks (plain `<` compares UTF-16 units). */
function compareCodePoints(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function articleView(row) {
  return {
    id: row.article_id,
    title: row.article_title,
    body: row.article_body,
    author: { id: row.author_id, name: row.author_name },
    created_at: row.article_created_at.toISOString(),
  };
}

function routes(pool) {
  const world = async () => {
    const { rows } = await pool.query(WORLD_BY_ID_SQL, [randomWorldNumber()]);
    return { id: rows[0].World_id, randomNumber: rows[0].World_randomnumber };
  };
  return {
    json: async () => [200, { message: 'Hello, World!' }],
    db: async () => [200, await world()],
    queries: async (query) => [200, await Promise.all(Array.from({ length: queryCount(query.queries) }, world))],
    fortunes: async () => {
      const { rows } = await pool.query(FORTUNES_SQL);
      const fortunes = rows.map((r) => ({ id: r.Fortune_id, message: r.Fortune_message }));
      fortunes.push({ id: 0, message: 'Additional fortune added at request time.' });
      return fortunes.sort((a, b) => compareCodePoints(a.message, b.message));
    },
    articles: async (query) => {
      const errors = {};
      const limit = pageParameter(query, 'limit', 20, 1, 100, errors);
      const offset = pageParameter(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, errors);
      if (Object.keys(errors).length > 0) return [400, { errors }];
      // both checked integers: written into the text as TypeORM writes them
      const [page, count] = await Promise.all([
        pool.query(`${ARTICLE_WITH_AUTHOR} ORDER BY "article"."id" ASC LIMIT ${limit} OFFSET ${offset}`),
        pool.query(ARTICLE_COUNT_SQL),
      ]);
      return [200, { count: parseInt(count.rows[0].cnt, 10), results: page.rows.map(articleView) }];
    },
    article: async (id) => {
      const n = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : NaN;
      if (!(n >= 1 && n <= INTEGER_MAX)) return NOT_FOUND;
      const { rows } = await pool.query(ARTICLE_BY_ID_SQL, [n]);
      return rows.length === 0 ? NOT_FOUND : [200, articleView(rows[0])];
    },
  };
}

module.exports = { routes };
