import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** The running @nestjs/core, as installed (not as declared in package.json). */
const NEST_VERSION: string = require('@nestjs/core/package.json').version;

export interface HealthReport {
  status: 'ok' | 'degraded';
  framework: 'nestjs';
  frameworkVersion: string;
  runtime: 'node';
  runtimeVersion: string;
  server: string;
  workers: number;
  threads: number;
  database: 'up' | 'down';
  dbPoolSize: number;
  passwordHasher: 'bcrypt';
  profile: string;
  /** Contract §5a: whether the article reads are cached in Redis. */
  cache: string;
  /** Contract §4b: how /db, /queries and the article reads reach PostgreSQL. */
  dbAccess: string;
  /** The serving process's Node/V8 options (`process.execArgv`: the tuned profile's, see AppConfig). */
  nodeOptions: string[];
}

/** Both Express's response and Fastify's reply set the status this way. */
interface StatusSettable {
  status(code: number): unknown;
}

/** GET /health (contract §9): what is running, and whether PostgreSQL answers. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) response: StatusSettable): Promise<HealthReport> {
    const databaseUp = await this.databaseAnswers();
    if (!databaseUp) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    return {
      status: databaseUp ? 'ok' : 'degraded',
      framework: 'nestjs',
      frameworkVersion: NEST_VERSION,
      runtime: 'node',
      runtimeVersion: process.versions.node,
      server: this.config.adapter,
      workers: this.config.workers,
      threads: 1, // a Node.js worker runs JavaScript on one thread
      database: databaseUp ? 'up' : 'down',
      dbPoolSize: this.config.dbPoolSize,
      passwordHasher: 'bcrypt',
      profile: this.config.profile,
      cache: this.config.cache,
      dbAccess: this.config.dbAccess,
      nodeOptions: process.execArgv,
    };
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
