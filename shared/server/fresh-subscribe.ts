import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

type EventIterator = AsyncIterableIterator<ExecutionResult>;

/**
 * graphql's `subscribe`, except that every event is executed with a context of its own.
 *
 * A graphql-ws operation builds ONE context when it starts, and the per-request caches hang off it: `ctx.loaders`
 * (DataLoaders), and the caches Pothos plugins keep per context object (prisma, dataloader, scope-auth). With
 * graphql's `subscribe` every event of a subscription is executed with that same context, so an event resolved a
 * row through a loader and every later event got that first row back (readerStatusChanged kept saying ONLINE).
 *
 * Here the source stream is created with the operation's context (the field's `subscribe` and its authorization
 * run once, as the subscriber), and each event is executed with `freshContext(ctx)`: the same identity, nothing
 * cached. The returned iterator is hand-written: its `return()` reaches the source's `return()` at once, even
 * while an event is waiting or executing, so no bus listener outlives the operation.
 */
export async function subscribeWithFreshContext(
  args: ExecutionArgs,
  freshContext: (operationContext: unknown) => unknown,
  /** Wraps each event's execution (a span per event: shared/server/socket-tracing.ts). */
  aroundEvent: (run: () => Promise<ExecutionResult>) => Promise<ExecutionResult> = (run) => run(),
): Promise<EventIterator | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const source = stream[Symbol.asyncIterator]();
  const close = async () => {
    try {
      await source.return?.();
    } catch {
      // The execution error is the one to report.
    }
  };
  const it: EventIterator = {
    async next() {
      const r = await source.next();
      if (r.done) return { value: undefined, done: true };
      try {
        const value = await aroundEvent(async () => execute({ ...args, rootValue: r.value, contextValue: freshContext(args.contextValue) }));
        return { value, done: false };
      } catch (error) {
        await close();
        throw error;
      }
    },
    async return() {
      await close();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
