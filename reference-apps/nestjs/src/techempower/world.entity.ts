import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of the shared `world` table; serialises as `{"id":N,"randomNumber":M}`. */
@Entity('world')
export class World {
  @PrimaryColumn()
  id: number;

  @Column({ name: 'randomnumber' })
  randomNumber: number;
}
