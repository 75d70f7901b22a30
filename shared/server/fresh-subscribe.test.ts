import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subscribeWithFreshContext } from './fresh-subscribe.js';

interface Ctx {
  name: string;
  cache: Map<string, number>;
}

/** A source whose next() waits until an event is pushed; records when return() is called. */
function source() {
  const waiting: Array<(r: IteratorResult<number>) => void> = [];
  const state = { returned: 0 };
  const it: AsyncIterableIterator<number> = {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    return: () => {
      state.returned += 1;
      waiting.splice(0).forEach((w) => w({ value: undefined, done: true }));
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => it,
  };
  return { it, state, push: (n: number) => waiting.shift()!({ value: n, done: false }) };
}

function schemaFor(events: AsyncIterableIterator<number>, seen: Ctx[]) {
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        tick: {
          type: new GraphQLObjectType({ name: 'Tick', fields: { n: { type: GraphQLInt }, who: { type: GraphQLString }, cachedFirst: { type: GraphQLInt } } }),
          subscribe: (_root, _args, ctx: Ctx) => {
            if (ctx.name !== 'operation') throw new Error('subscribe must run with the operation context');
            return events;
          },
          // A per-context cache, like a DataLoader: it answers the first value it saw in this context.
          resolve: (n: number, _args, ctx: Ctx) => {
            seen.push(ctx);
            if (!ctx.cache.has('first')) ctx.cache.set('first', n);
            return { n, who: ctx.name, cachedFirst: ctx.cache.get('first') };
          },
        },
      },
    }),
  });
}

describe('subscribeWithFreshContext', () => {
  it('executes every event with a new context from the operation\'s, so no per-context cache outlives an event', async () => {
    const src = source();
    const seen: Ctx[] = [];
    const operation: Ctx = { name: 'operation', cache: new Map() };
    const result = await subscribeWithFreshContext(
      { schema: schemaFor(src.it, seen), document: parse('subscription { tick { n who cachedFirst } }'), contextValue: operation },
      (ctx) => ({ name: `event of ${(ctx as Ctx).name}`, cache: new Map() }),
    );
    if (!(Symbol.asyncIterator in result)) throw new Error('expected a stream');
    const values: unknown[] = [];
    for (const n of [1, 2, 3]) {
      const next = result.next();
      src.push(n);
      values.push((await next).value);
    }
    expect(values).toEqual([1, 2, 3].map((n) => ({ data: { tick: { n, who: 'event of operation', cachedFirst: n } } })));
    expect(new Set(seen).size).toBe(3);
    expect(seen).not.toContain(operation);
    await result.return!();
  });

  it('return() ends the source at once, even while an event is awaited', async () => {
    const src = source();
    const result = await subscribeWithFreshContext(
      { schema: schemaFor(src.it, []), document: parse('subscription { tick { n } }'), contextValue: { name: 'operation', cache: new Map() } },
      () => ({ name: 'event', cache: new Map() }),
    );
    if (!(Symbol.asyncIterator in result)) throw new Error('expected a stream');
    const pending = result.next();
    await expect(result.return!()).resolves.toEqual({ value: undefined, done: true });
    expect(src.state.returned).toBe(1);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
  });

  it('answers the subscribe-time error as a result, opening no stream', async () => {
    const src = source();
    const result = await subscribeWithFreshContext(
      { schema: schemaFor(src.it, []), document: parse('subscription { tick { n } }'), contextValue: { name: 'someone else', cache: new Map() } },
      () => ({ name: 'event', cache: new Map() }),
    );
    if (Symbol.asyncIterator in result) throw new Error('expected no stream');
    expect(result.errors?.[0]?.message).toMatch(/operation context/);
    expect(src.state.returned).toBe(0);
  });
});
