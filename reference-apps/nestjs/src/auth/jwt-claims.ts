/** Claims of the access token: `sub` is the user id (the NestJS docs' JWT recipe). */
export interface JwtClaims {
  sub: number;
  username: string;
}

/** Lifetime of an access token; the contract asks for at least an hour, runs may last longer. */
export const ACCESS_TOKEN_LIFETIME = '24h';
