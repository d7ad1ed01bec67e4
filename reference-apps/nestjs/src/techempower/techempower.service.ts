import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Fortune } from './fortune.entity';
import { World } from './world.entity';

/** Rows in `world`; ids are 1..WORLD_ROWS (../db/seed.sql). */
const WORLD_ROWS = 10_000;

/** A uniformly random id or randomNumber in 1..10000. */
function randomWorldNumber(): number {
  return 1 + Math.floor(Math.random() * WORLD_ROWS);
}

/**
 * DB_ACCESS=raw (contract §4b): the statement TypeORM sends for `findOneBy({ id })` (read from
 * pg_stat_statements; the LIMIT is its `take(1)`, written inline), through the same pg pool.
 */
const WORLD_BY_ID_SQL =
  'SELECT "World"."id" AS "World_id", "World"."randomnumber" AS "World_randomnumber" ' +
  'FROM "world" "World" WHERE (("World"."id" = $1)) LIMIT 1';

/** A `world` row as TypeORM's query builder and WORLD_BY_ID_SQL name its columns. */
interface WorldRow {
  World_id: number;
  World_randomnumber: number;
}

/** A plain object with the entity's properties in its order: the same JSON as the entity. */
function worldOfRow(row: WorldRow): World {
  return { id: row.World_id, randomNumber: row.World_randomnumber };
}

/** Orders strings by Unicode code point, as the contract asks (plain `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) {
      return x - y;
    }
    if (x > 0xffff) {
      i++; // skip the low surrogate of an astral code point
    }
  }
  return a.length - b.length;
}

@Injectable()
export class TechEmpowerService {
  /** All `world` rows by id, loaded on the first /cached-queries of this worker. */
  private worldCache?: Promise<Map<number, World>>;

  /** How /db and /queries read a row (claim 6 compares the two): TypeORM, or its SQL sent directly. */
  private readonly readWorld: (id: number) => Promise<World>;

  /** How every TypeORM read of a row by id goes: an entity, or (tuned) the entity's fields as a plain object. */
  private readonly ormWorld: (id: number) => Promise<World>;

  /** How /fortunes reads its rows: entities, or (tuned) plain objects (see {@link fortuneRows}). */
  private readonly readFortunes: () => Promise<Fortune[]>;

  constructor(
    @InjectRepository(World) private readonly worlds: Repository<World>,
    @InjectRepository(Fortune) private readonly fortunes: Repository<Fortune>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const rowsNotEntities = config.profile === 'tuned';
    this.ormWorld = rowsNotEntities ? (id) => this.ormWorldRow(id) : (id) => this.ormWorldEntity(id);
    this.readFortunes = rowsNotEntities ? () => this.fortuneRows() : () => this.fortunes.find();
    this.readWorld = config.dbAccess === 'raw' ? (id) => this.rawWorld(id) : this.ormWorld;
  }

  randomWorld(): Promise<World> {
    return this.readWorld(randomWorldNumber());
  }

  /** N random rows, each read by its own query (concurrently, over the pool). */
  randomWorlds(count: number): Promise<World[]> {
    return Promise.all(Array.from({ length: count }, () => this.randomWorld()));
  }

  private async ormWorldEntity(id: number): Promise<World> {
    return (await this.worlds.findOneBy({ id }))!;
  }

  /**
   * The tuned profile's read, as Django's tuned `values_list()`: TypeORM builds the statement
   * from the same find options (the very text `findOneBy` sends, WORLD_BY_ID_SQL) and hands back
   * the row instead of an entity made of it (`getRawOne`). 6 µs less CPU per row here.
   */
  private async ormWorldRow(id: number): Promise<World> {
    const row = await this.worlds
      .createQueryBuilder('World')
      .setFindOptions({ where: { id }, take: 1 })
      .getRawOne<WorldRow>();
    return worldOfRow(row!);
  }

  private async rawWorld(id: number): Promise<World> {
    const rows = await this.dataSource.query<WorldRow[]>(WORLD_BY_ID_SQL, [id]);
    return worldOfRow(rows[0]);
  }

  /**
   * Reads N random rows one query each, gives each a new random number and writes them
   * all in one UPDATE before returning. A row drawn twice gets one new number, so the
   * response never shows a value that is not the one stored.
   */
  async updateRandomWorlds(count: number): Promise<World[]> {
    // through TypeORM whatever DB_ACCESS says: /updates is not one of claim 6's routes
    const worlds = await Promise.all(Array.from({ length: count }, () => this.ormWorld(randomWorldNumber())));
    const newNumbers = new Map<number, number>();
    for (const world of worlds) {
      let newNumber = newNumbers.get(world.id);
      if (newNumber === undefined) {
        newNumber = randomWorldNumber();
        newNumbers.set(world.id, newNumber);
      }
      world.randomNumber = newNumber;
    }
    // Rows locked in id order, so concurrent requests cannot deadlock on each other.
    const ids = [...newNumbers.keys()].sort((a, b) => a - b);
    const values = ids.map((_, i) => `($${2 * i + 1}::int, $${2 * i + 2}::int)`).join(', ');
    const params = ids.flatMap((id) => [id, newNumbers.get(id)!]);
    await this.worlds.query(
      `UPDATE world SET randomnumber = v.randomnumber
       FROM (VALUES ${values}) AS v (id, randomnumber) WHERE world.id = v.id`,
      params,
    );
    return worlds;
  }

  /** N random rows from the in-process cache: the rows are cached, never a response. */
  async cachedWorlds(count: number): Promise<World[]> {
    this.worldCache ??= this.loadWorldCache();
    const cache = await this.worldCache;
    return Array.from({ length: count }, () => cache.get(randomWorldNumber())!);
  }

  /** All fortunes plus one added at request time, sorted by message. */
  async sortedFortunes(): Promise<Fortune[]> {
    const fortunes = await this.readFortunes();
    fortunes.push({ id: 0, message: 'Additional fortune added at request time.' });
    return fortunes.sort((a, b) => compareCodePoints(a.message, b.message));
  }

  /** Tuned: the statement of `find()`, the rows as plain objects (see {@link ormWorldRow}); 12 µs less CPU per request here. */
  private async fortuneRows(): Promise<Fortune[]> {
    const rows = await this.fortunes
      .createQueryBuilder('Fortune')
      .setFindOptions({})
      .getRawMany<{ Fortune_id: number; Fortune_message: string }>();
    return rows.map((row) => ({ id: row.Fortune_id, message: row.Fortune_message }));
  }

  private async loadWorldCache(): Promise<Map<number, World>> {
    try {
      const rows = await this.worlds.find();
      return new Map(rows.map((world) => [world.id, world]));
    } catch (error) {
      this.worldCache = undefined; // let the next request try again
      throw error;
    }
  }
}
