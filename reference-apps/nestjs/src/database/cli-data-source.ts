import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * Entry point for the TypeORM CLI (`npm run migration:run`), for running the migrations by
 * hand; the app itself runs them at start (src/main.ts).
 */
export default new DataSource(dataSourceOptions(loadConfig()));
