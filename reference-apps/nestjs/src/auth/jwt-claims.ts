import { POSTGRES_INTEGER_MAX } from '../database/postgres-integer';

/** Claims of the access token: `sub` is the user id (the NestJS docs' JWT recipe). */
export interface JwtClaims {
  sub: number;
  username: string;
}

/** Lifetime of an access token; the contract asks for at least an hour, runs may last longer. */
export const ACCESS_TOKEN_LIFETIME = '24h';

/**
 * The latest `exp` accepted: the end of the year 9999 (seconds since the epoch), what the
 * date types of both apps' runtimes can represent; a token that claims to live longer is
 * as unusable as one without `exp`.
 */
const LATEST_EXPIRY = 253_402_300_799;

/**
 * Contract §6, "Token claims": a signature check alone accepts whatever claims the key signed.
 * `jsonwebtoken` verifies `exp` only when it is there, and `sub` not at all; a token without
 * `exp` would never expire, and one whose `sub` is not a user id would act as nobody (or, read
 * loosely, as someone). Both are refused, as Django's simplejwt refuses them.
 */
export function hasRequiredClaims(claims: unknown): claims is JwtClaims & { exp: number } {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return false;
  }
  const { sub, exp } = claims as Record<string, unknown>;
  return (
    Number.isSafeInteger(sub) &&
    (sub as number) >= 1 &&
    (sub as number) <= POSTGRES_INTEGER_MAX &&
    typeof exp === 'number' &&
    Number.isFinite(exp) &&
    exp <= LATEST_EXPIRY
  );
}
