import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Framework-owned table, created by src/migrations (not part of the shared schema). */
@Entity('nest_user')
export class User {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column({ length: 150, unique: true })
  username: string;

  @Column({ name: 'password_hash', length: 100 })
  passwordHash: string;
}
