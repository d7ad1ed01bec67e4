import * as bcrypt from 'bcrypt';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BCRYPT_COST } from '../auth/password';

/** The user the harness logs in as (contract §6), hashed like any other user. */
export class SeedBenchUser1714000000001 implements MigrationInterface {
  name = 'SeedBenchUser1714000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const passwordHash = await bcrypt.hash('bench-password', BCRYPT_COST);
    await queryRunner.query('INSERT INTO nest_user (username, password_hash) VALUES ($1, $2)', [
      'bench',
      passwordHash,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM nest_user WHERE username = $1', ['bench']);
  }
}
