/** The range of PostgreSQL's `integer` (int4), the type of every id in the schema. */
export const POSTGRES_INTEGER_MAX = 2_147_483_647;
export const POSTGRES_INTEGER_MIN = -2_147_483_648;
