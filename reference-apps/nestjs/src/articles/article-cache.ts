import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER, Cache } from '@nestjs/cache-manager';
import { createKeyv } from '@keyv/redis';
import type { Keyv } from 'keyv';
import type { AppConfig } from '../config/app-config';

/** Entries live 300 s, Django's default `TIMEOUT`: the bound on a write made outside this app (contract §5a). */
export const ARTICLE_CACHE_TTL_MS = 300_000;

/**
 * The current generation of every article entry. Entries carry the generation they were read
 * in; a write starts a new one, so one `SET` invalidates every detail and every page at once
 * (pages cannot be listed for deletion: any limit and offset is a key).
 */
const GENERATION_KEY = 'articles:generation';

interface Entry<T> {
  generation: string;
  value: T;
}

/**
 * The article reads' cache (contract §5a): `read` serves a key from the cache when it holds
 * an entry of the current generation, otherwise loads it from the database and stores it;
 * `invalidate`, awaited after every write and before its response, starts a new generation.
 *
 * Why a read after a write is never stale, whatever the interleaving: a reader takes the
 * generation (in the same MGET as the entry) before it reads the database, and stores its
 * row under that generation. A write commits, then replaces the generation. A reader that read
 * the old row therefore stored it under a generation that is already gone, or about to go
 * before the write answers.
 */
export abstract class ArticleCache {
  abstract read<T>(key: string, load: () => Promise<T>): Promise<T>;

  abstract invalidate(): Promise<void>;
}

/** CACHE=off: every read goes to the database. */
@Injectable()
export class NoArticleCache extends ArticleCache {
  read<T>(_key: string, load: () => Promise<T>): Promise<T> {
    return load();
  }

  async invalidate(): Promise<void> {}
}

/** CACHE=redis: the cache-manager of @nestjs/cache-manager, on the Redis store of articleCacheStore. */
@Injectable()
export class RedisArticleCache extends ArticleCache {
  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {
    super();
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    // One round trip; cache-manager answers undefined for both when Redis cannot be reached.
    const [generation, entry] = await this.cache.mget<unknown>([GENERATION_KEY, key]);
    const hit = entry as Entry<T> | undefined;
    if (typeof generation === 'string' && hit?.generation === generation) {
      return hit.value;
    }
    const value = await load();
    if (typeof generation === 'string') {
      // A failed store costs the next reader a database read, never a wrong answer.
      await this.cache.set<Entry<T>>(key, { generation, value }).catch(() => undefined);
    }
    return value;
  }

  /** Throws when Redis cannot take the new generation: the write then fails rather than leave stale entries. */
  async invalidate(): Promise<void> {
    await startArticleCacheGeneration(this.cache);
  }
}

/**
 * The Redis store: @keyv/redis's Keyv (the NestJS caching docs' "alternative cache store"),
 * every key under the namespace of this app's database name, so that apps sharing one Redis
 * (two targets, or an app and Django Channels) never read each other's entries, and all the
 * instances of one app, which share its database, share its entries. `throwOnErrors`: a
 * failed write of the generation must reach the caller (see invalidate).
 */
export function articleCacheStore(config: AppConfig): Keyv {
  const database = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
  return createKeyv(config.redisUrl, { namespace: database, throwOnErrors: true });
}

/** A new generation; no TTL, so that an entry can never outlive the generation it was read in. */
export async function startArticleCacheGeneration(cache: { set(key: string, value: string, ttl: number): Promise<unknown> }): Promise<void> {
  await cache.set(GENERATION_KEY, randomUUID(), 0);
}

/**
 * Run by the primary once per start, after the migrations: the harness re-creates a target's
 * database for every run while Redis may outlive it, so entries read from the previous
 * database must not be served from this one.
 */
export async function startArticleCacheGenerationAtBoot(config: AppConfig): Promise<void> {
  const store = articleCacheStore(config);
  try {
    await startArticleCacheGeneration(store);
  } finally {
    await store.disconnect();
  }
}
