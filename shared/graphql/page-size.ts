import { badInput } from '../errors.js';

interface PageArgs {
  first?: number | null;
  last?: number | null;
}

/**
 * The `maxSize` of a connection that refuses a page larger than `max` (BAD_USER_INPUT naming the argument)
 * instead of quietly answering fewer results than asked, so a client learns the bound from the error. A negative
 * `first`/`last` is refused by Pothos itself (also BAD_USER_INPUT). Pass it as a prismaConnection's `maxSize`
 * (called with the field's arguments) or call it before `resolveCursorConnection`.
 */
export function strictMaxSize(max: number) {
  return (args: PageArgs): number => {
    for (const name of ['first', 'last'] as const) {
      const n = args[name];
      if (n != null && n > max) throw badInput(`${name} must be at most ${max}.`, name);
    }
    return max;
  };
}
