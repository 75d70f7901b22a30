import type { GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { unauthenticated } from '../errors.js';

/**
 * Shared subscriptions: one upstream stream for every subscriber of the same operation.
 *
 * Some subscription fields deliver the same events to everyone allowed to watch (a live stream's gifts, a
 * session's chat messages): the viewer matters only to decide whether they may subscribe. A subgraph marks such a
 * field with `sharedSubscription(...)` (field extensions + a subscribe resolver that separates the authorization
 * from the stream). The gateway then:
 *
 * 1. sends each subscriber's operation once as a PROBE, as that viewer: the subgraph runs the field's subscribe
 *    resolver (its authorization) and answers at once: allowed (or the resolver's errors), or "not shared" for a
 *    field without the mark (the gateway then runs that operation per subscriber, as before);
 * 2. holds ONE upstream STREAM per (operation, variables) for all allowed subscribers, opened with the gateway's
 *    own signed identity (no viewer): the subgraph skips the authorization (already done per subscriber) and
 *    resolves each event once, without a viewer;
 * 3. completes each event once (the plan's fetches to other subgraphs, without a viewer) and, when every fetch
 *    says no resolver read the viewer, renders it once and writes the same bytes to every subscriber. Otherwise
 *    each subscriber's completion is fetched as that subscriber.
 *
 * So no event is resolved with another viewer's rights: the shared parts are resolved with none.
 */

/** `extensions` key of the subscribe message that asks for a probe or a shared stream (gateway → subgraph). */
export const SHARE_EXTENSION = 'soulseerShare';
export type ShareMode = 'probe' | 'stream';
/** `extensions.soulseerShare` of a probe's answer. */
export type ProbeAnswer = 'authorized' | 'unshared';

/** Field extension that marks a subscription field as shared. */
export const SHARED_FIELD = 'soulseerSharedSubscription';

const SHARED_STREAM = Symbol('sharedStream');

/** Marks a context as the gateway's shared stream (no viewer; authorization already done per subscriber). */
export function markSharedStream(ctx: Context): void {
  (ctx as unknown as Record<symbol, boolean>)[SHARED_STREAM] = true;
}

/** Whether this context runs a shared stream for the gateway (set only for the gateway's signed identity). */
export function isSharedStream(ctx: Context): boolean {
  return (ctx as unknown as Record<symbol, boolean>)[SHARED_STREAM] === true;
}

/** Whether a subscription root field is marked shared in this schema. */
export function isSharedField(schema: GraphQLSchema, fieldName: string): boolean {
  return schema.getSubscriptionType()?.getFields()[fieldName]?.extensions?.[SHARED_FIELD] === true;
}

/**
 * Options for a shared subscription field: `authorize` runs for each subscriber (as that viewer, on the probe
 * and when a client subscribes to the subgraph directly) after checking that someone is signed in; `stream`
 * opens the event stream from the arguments alone and must not read the viewer. Spread the result into the Pothos
 * field options, with `authScopes: { authenticated: true, sharedStream: true }` (events are resolved without a
 * viewer on the shared stream).
 */
export function sharedSubscription<Args, Ctx extends Context>(opts: {
  authorize(args: Args, ctx: Ctx): Promise<unknown>;
  stream(args: Args, ctx: Ctx): AsyncIterable<unknown>;
}) {
  return {
    extensions: { [SHARED_FIELD]: true },
    subscribe: async (_root: unknown, args: Args, ctx: Ctx): Promise<AsyncIterable<unknown>> => {
      if (!isSharedStream(ctx)) {
        if (!ctx.viewer) throw unauthenticated('You must be signed in to do this.');
        await opts.authorize(args, ctx);
      }
      return opts.stream(args, ctx);
    },
  };
}
