/**
 * Limits on a JSON request body (CONTRACT.md §7, "Limits"), the same on both HTTP stacks.
 *
 * Bytes: 1 MiB, Fastify's default `bodyLimit` (Express's body-parser defaults to 100 KB, which
 * a valid article can exceed: 10,000 characters written as `\uXXXX` escapes take 60 KB, and
 * astral ones as escaped surrogate pairs 120 KB). Larger bodies are a 413.
 *
 * Depth: the contract's bodies are flat objects, so 32 levels of arrays and objects leave
 * room for any client while keeping hostile nesting (`[[[[...` 500,000 deep fits in 1 MiB)
 * away from code that walks values recursively: class-transformer's `plainToInstance`
 * overflows the stack around 10,000 levels, which would be a 500.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;

/**
 * Whether arrays and objects nest deeper than `limit` in a parsed JSON value (`{}` is one
 * level, `{"a": [1]}` two). Iterative: a recursive walk would overflow on exactly the input
 * it is there to refuse.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) {
      continue;
    }
    if (depth > limit) {
      return true;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) {
        pending.push([child, depth + 1]);
      }
    }
  }
  return false;
}
