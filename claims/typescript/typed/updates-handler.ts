// The /updates route's work as reference-apps/nestjs/src/techempower/techempower.service.ts
// writes it (updateRandomWorlds), standalone: its database reads and its UPDATE are passed in.
export interface World {
  id: number;
  randomNumber: number;
}

export type ReadWorld = () => Promise<World>;
export type Update = (sql: string, params: number[]) => Promise<unknown>;

export function randomWorldNumber(): number {
  return 1 + Math.floor(Math.random() * 10000);
}

export async function updateRandomWorlds(count: number, readWorld: ReadWorld, update: Update): Promise<World[]> {
  const worlds: World[] = await Promise.all(Array.from({ length: count }, (): Promise<World> => readWorld()));
  const newNumbers = new Map<number, number>();
  for (const world of worlds) {
    let newNumber: number | undefined = newNumbers.get(world.id);
    if (newNumber === undefined) {
      newNumber = randomWorldNumber();
      newNumbers.set(world.id, newNumber);
    }
    world.randomNumber = newNumber;
  }
  const ids: number[] = [...newNumbers.keys()].sort((a: number, b: number): number => a - b);
  const values: string = ids.map((_: number, i: number): string => `($${2 * i + 1}::int, $${2 * i + 2}::int)`).join(', ');
  const params: number[] = ids.flatMap((id: number): number[] => [id, newNumbers.get(id)!]);
  await update(
    `UPDATE world SET randomnumber = v.randomnumber
       FROM (VALUES ${values}) AS v (id, randomnumber) WHERE world.id = v.id`,
    params,
  );
  return worlds;
}
