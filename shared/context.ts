import type { PrismaClient } from './db/generated/client.js';
import type { PubSub } from './pubsub.js';

export type Role = 'CLIENT' | 'READER' | 'ADMIN';

/** Who is asking, as verified by the gateway. */
export interface Viewer {
  id: string;
  role: Role;
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
