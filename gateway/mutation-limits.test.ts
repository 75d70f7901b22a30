import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR } from './supergraph.js';
import { DEFAULT_MUTATION_LIMITS, MUTATION_CLASSES, MUTATION_CLASS_FIELDS, mutationCounts, mutationLimitsFromEnv } from './mutation-limits.js';

describe('mutation classes', () => {
  it('list every Mutation field of the supergraph exactly once (a new mutation must be given its class)', async () => {
    const sdl = await readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    const schema = buildSchema(sdl, { assumeValidSDL: true });
    const fields = Object.keys(schema.getMutationType()!.getFields()).sort();
    const listed = MUTATION_CLASSES.flatMap((c) => MUTATION_CLASS_FIELDS[c]);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(fields);
  });

  it('counts each root field once per occurrence (aliases, fragments) and nothing for queries', () => {
    const doc = parse(`
      mutation M { a: sendGift(input: {}) { replayed } b: sendGift(input: {}) { replayed } ...F ... on Mutation { login(input: {}) { accessToken } } __typename }
      fragment F on Mutation { sendMessage(input: {}) { id } }
      query Q { me { id } }
    `);
    expect(Object.fromEntries(mutationCounts(doc, getOperationAST(doc, 'M')!))).toEqual({ money: 2, messages: 1, auth: 1 });
    expect(mutationCounts(doc, getOperationAST(doc, 'Q')!).size).toBe(0);
  });

  it('reads its limits from the environment, keeping defaults for unset or unreadable values', () => {
    const limits = mutationLimitsFromEnv({ RATE_LIMIT_MONEY_PER_USER: '5', RATE_LIMIT_AUTH_PER_IP: 'many', RATE_LIMIT_WINDOW_SECONDS: '30' });
    expect(limits.enabled).toBe(true);
    expect(limits.windowSeconds).toBe(30);
    expect(limits.classes.money).toEqual({ perUser: 5, perIp: DEFAULT_MUTATION_LIMITS.classes.money.perIp });
    expect(limits.classes.auth).toEqual(DEFAULT_MUTATION_LIMITS.classes.auth);
    expect(mutationLimitsFromEnv({ RATE_LIMITS: 'off' }).enabled).toBe(false);
  });
});
