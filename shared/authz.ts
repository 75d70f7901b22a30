import type { Context, Role, Viewer } from './context.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * Generic authorization rules, shared by every subgraph. Each subgraph's domain actions have one helper each in
 * `subgraphs/<name>/authz.ts`, built from these, and used by both its Pothos schema (authScopes, resolvers) and its
 * services.
 */

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(ctx: Pick<Context, 'viewer'>): Viewer {
  if (!ctx.viewer) throw unauthenticated('You must be signed in to do this.');
  return ctx.viewer;
}

export const isAdmin = (viewer: Viewer | null | undefined): boolean => viewer?.role === 'ADMIN';

/** The viewer has one of these roles. */
export const hasRole = (viewer: Viewer | null | undefined, ...roles: Role[]): boolean => !!viewer && roles.includes(viewer.role);

/** The viewer is this user, or an admin. */
export const isSelfOrAdmin = (viewer: Viewer | null | undefined, userId: string): boolean => !!viewer && (viewer.id === userId || viewer.role === 'ADMIN');

/**
 * Throws what the schema's scope check throws when a rule says no (UNAUTHENTICATED without a viewer, FORBIDDEN
 * otherwise), so a service refuses exactly as its field would.
 */
export function assertAllowed(viewer: Viewer | null | undefined, allowed: boolean): void {
  if (allowed) return;
  if (!viewer) throw unauthenticated('You must be signed in to do this.');
  throw forbidden('You are not allowed to do this.');
}
