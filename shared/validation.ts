import { z } from 'zod';
import { badInput } from './errors.js';

export { z };

/** Parses input with a zod schema; throws BAD_USER_INPUT naming the first offending field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  throw badInput(field ? `${field}: ${issue.message}` : issue.message, {
    field: field || undefined,
    issues: result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}
