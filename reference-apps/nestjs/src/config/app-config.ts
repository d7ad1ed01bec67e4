import { availableParallelism } from 'node:os';

/** The HTTP stacks this app can run on (contract §1, `ADAPTER`). */
export type HttpAdapterName = 'express' | 'fastify';

/**
 * Contract §1, `PROFILE`: `production` as the NestJS and Node docs recommend, `tuned` the
 * fastest configuration within the contract (Fastify, TechEmpower's pool size); README.md.
 */
export type ProfileName = 'production' | 'tuned';

/** Contract §5a, `CACHE`: the article reads served from Redis (`redis`) or never cached (`off`). */
export type CacheName = 'off' | 'redis';

/** Contract §4b, `DB_ACCESS`: the claim-6 routes read through TypeORM (`orm`) or send its SQL themselves (`raw`). */
export type DbAccessName = 'orm' | 'raw';

/** Settings read once from the environment (contract §1). */
export interface AppConfig {
  host: string;
  port: number;
  databaseUrl: string;
  /** Worker processes serving HTTP; 1 means no cluster at all. */
  workers: number;
  adapter: HttpAdapterName;
  jwtSecret: string;
  /** PostgreSQL connections per worker (pg's `Pool` default is 10; 30 when tuned). */
  dbPoolSize: number;
  profile: ProfileName;
  cache: CacheName;
  /** `redis://host:port/db`: the article cache's store when `cache` is `redis`. */
  redisUrl?: string;
  dbAccess: DbAccessName;
  /**
   * Node/V8 options the workers start with (`process.execArgv`), which V8 reads only when a
   * process starts: none in production; in tuned, {@link TUNED_NODE_OPTIONS}.
   */
  nodeOptions: string[];
}

/** Injection token of the {@link AppConfig} provider. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Used only when `JWT_SECRET` is unset; the harness passes a random key per run. */
const DEVELOPMENT_JWT_SECRET = 'bench-nestjs-development-key-not-for-production';

/** pg's own default pool size (`pg.defaults.max`). */
const PG_DEFAULT_POOL_SIZE = 10;

/** TechEmpower's NestJS entry: `extra: { max: 30 }` (src/database/typeorm-options.ts there). */
const TUNED_POOL_SIZE = 30;

/**
 * Tuned: V8's young generation enlarged from Node 20's 16 MiB semi-space to 64 MiB (Node.js
 * docs, CLI options, `--max-semi-space-size`: "Increasing the max size of a semi-space may
 * improve throughput for Node.js at the cost of more memory consumption", with a benchmark
 * loop over 16, 32, 64 and 128). The routes that read 20 rows per request allocate enough
 * (TypeORM's query builder and entities, pg's rows, across awaits) that scavenges cost 15 %
 * of their CPU with the default; README.md, "Profiles", has the numbers.
 */
export const TUNED_NODE_OPTIONS = ['--max-semi-space-size=64'];

/** A setting that cannot be used: main.ts prints the message on one line and exits 1. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is required (postgresql://user:password@host:port/dbname)',
    );
  }
  const profile = env.PROFILE || 'production';
  if (profile !== 'production' && profile !== 'tuned') {
    throw new ConfigError(`PROFILE must be "production" or "tuned", not "${profile}"`);
  }
  const adapter = env.ADAPTER || (profile === 'tuned' ? 'fastify' : 'express');
  if (adapter !== 'express' && adapter !== 'fastify') {
    throw new ConfigError(`ADAPTER must be "express" or "fastify", not "${adapter}"`);
  }
  const cache = env.CACHE || 'off';
  if (cache !== 'off' && cache !== 'redis') {
    throw new ConfigError(`CACHE must be "off" or "redis", not "${cache}"`);
  }
  if (cache === 'redis' && !env.REDIS_URL) {
    throw new ConfigError('CACHE=redis needs REDIS_URL (redis://host:port/db)');
  }
  const dbAccess = env.DB_ACCESS || 'orm';
  if (dbAccess !== 'orm' && dbAccess !== 'raw') {
    throw new ConfigError(`DB_ACCESS must be "orm" or "raw", not "${dbAccess}"`);
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: positiveInteger(env, 'PORT', 8080),
    databaseUrl,
    workers: positiveInteger(env, 'WORKERS', availableParallelism()),
    adapter,
    jwtSecret: env.JWT_SECRET || DEVELOPMENT_JWT_SECRET,
    dbPoolSize: positiveInteger(env, 'DB_POOL_SIZE', profile === 'tuned' ? TUNED_POOL_SIZE : PG_DEFAULT_POOL_SIZE),
    profile,
    cache,
    redisUrl: env.REDIS_URL || undefined,
    dbAccess,
    nodeOptions: profile === 'tuned' ? [...TUNED_NODE_OPTIONS] : [],
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new ConfigError(`${name} must be a positive integer, not "${raw}"`);
  }
  return Number(raw);
}
