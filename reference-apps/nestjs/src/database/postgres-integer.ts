/** The largest value of PostgreSQL's `integer` (int4), the type of every id in the schema. */
export const POSTGRES_INTEGER_MAX = 2_147_483_647;
