import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { AppConfig } from '../config/app-config';
import { Article } from '../articles/article.entity';
import { Author } from '../articles/author.entity';
import { User } from '../auth/user.entity';
import { CreateNestUser1714000000000 } from '../migrations/1714000000000-CreateNestUser';
import { SeedBenchUser1714000000001 } from '../migrations/1714000000001-SeedBenchUser';
import { Fortune } from '../techempower/fortune.entity';
import { World } from '../techempower/world.entity';

const ENTITIES = [World, Fortune, Author, Article, User];

/**
 * One definition of the database for the Nest app (TypeOrmModule), the cluster primary
 * (migrations before forking) and the TypeORM CLI.
 *
 * `synchronize` stays off: the shared tables belong to ../db/schema.sql, loaded by the
 * harness; the only tables this app owns (`nest_user`, `nest_migrations`) come from the
 * migrations in src/migrations, run by the primary process at start.
 */
export function dataSourceOptions(config: AppConfig): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    poolSize: config.dbPoolSize,
    entities: ENTITIES,
    migrations: [CreateNestUser1714000000000, SeedBenchUser1714000000001],
    migrationsTableName: 'nest_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
  };
}
