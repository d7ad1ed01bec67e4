import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * Applies pending migrations once, from the primary process, before any worker starts:
 * workers never race each other to create `nest_user`. Uses its own single connection,
 * closed before the workers open their pools.
 */
export async function runMigrations(config: AppConfig): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(config), poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
