import type { PrismaClient } from './db/generated/client.js';
import { internal } from './errors.js';
import type { PubSub } from './pubsub.js';
import type { AdminRole } from './admin-permissions.js';

export type Role = 'CLIENT' | 'READER' | 'ADMIN';

/** Who is asking, as verified by the gateway. */
export interface Viewer {
  id: string;
  role: Role;
  /**
   * The account's email is verified / two-factor authentication is on, as the gateway knew it for this request
   * (fresh from accounts, dropped on every change). Always set on a viewer that came through the gateway; `false`
   * refuses paying and messaging (EMAIL_NOT_VERIFIED) and admin actions (TWO_FACTOR_REQUIRED) — shared/authz.ts.
   */
  emailVerified?: boolean;
  twoFactor?: boolean;
  /** An admin's roles (shared/admin-permissions.ts), as accounts stores them now; absent or empty for everyone else. */
  adminRoles?: readonly AdminRole[];
}

/** Per-subgraph dependencies (LiveKit, Stripe, billing…); each subgraph augments this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceDeps {}

/** The request context every subgraph resolver receives. One per HTTP request or subscription operation. */
export interface Context {
  viewer: Viewer | null;
  prisma: PrismaClient;
  pubsub: PubSub;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  deps: ServiceDeps;
  /** Request-scoped memo for DataLoaders created with `loader()` (shared/graphql/loaders.ts). */
  loaders: Map<unknown, unknown>;
}

/**
 * The context of work no request asked for (a job, a webhook, the billing sweep): no viewer, the process's pool,
 * pub/sub and service dependencies, fresh loaders. Services are written once, as `(ctx, input)` functions, and
 * called the same way from resolvers and from background work.
 */
export function backgroundContext(rt: { prisma: PrismaClient; pubsub: PubSub }, deps: ServiceDeps, requestId = `background:${Date.now()}`): Context {
  return { viewer: null, prisma: rt.prisma, pubsub: rt.pubsub, requestId, ip: null, userAgent: null, deps, loaders: new Map() };
}

/** One subgraph's dependencies in this context, or INTERNAL when that service is not running in this process. */
export function depsOf<K extends keyof ServiceDeps>(ctx: Pick<Context, 'deps'>, service: K): NonNullable<ServiceDeps[K]> {
  const deps = ctx.deps[service];
  if (!deps) throw internal(`The ${String(service)} service is not running here.`);
  return deps as NonNullable<ServiceDeps[K]>;
}
