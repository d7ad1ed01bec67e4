// The /updates route's work as reference-apps/nestjs/src/techempower/techempower.service.ts
// writes it (updateRandomWorlds), standalone: its database reads and its UPDATE are passed in.
export function randomWorldNumber() {
  return 1 + Math.floor(Math.random() * 10000);
}

export async function updateRandomWorlds(count, readWorld, update) {
  const worlds = await Promise.all(Array.from({ length: count }, () => readWorld()));
  const newNumbers = new Map();
  for (const world of worlds) {
    let newNumber = newNumbers.get(world.id);
    if (newNumber === undefined) {
      newNumber = randomWorldNumber();
      newNumbers.set(world.id, newNumber);
    }
    world.randomNumber = newNumber;
  }
  const ids = [...newNumbers.keys()].sort((a, b) => a - b);
  const values = ids.map((_, i) => `($${2 * i + 1}::int, $${2 * i + 2}::int)`).join(', ');
  const params = ids.flatMap((id) => [id, newNumbers.get(id)]);
  await update(
    `UPDATE world SET randomnumber = v.randomnumber
       FROM (VALUES ${values}) AS v (id, randomnumber) WHERE world.id = v.id`,
    params,
  );
  return worlds;
}
