import type { Context, Viewer } from './context.js';
import { unauthenticated } from './errors.js';

/**
 * Generic authorization rules every subgraph uses. Domain actions ("who may end this session", "who may see this
 * wallet") are one helper each in `subgraphs/<name>/authz.ts`, built on these, and used by the schema and the
 * services alike.
 */

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(ctx: Pick<Context, 'viewer'>): Viewer {
  if (!ctx.viewer) throw unauthenticated('You must be signed in to do this.');
  return ctx.viewer;
}

export function isAdmin(viewer: Viewer | null | undefined): boolean {
  return viewer?.role === 'ADMIN';
}

/** The viewer is this user, or an admin. */
export function isSelfOrAdmin(viewer: Viewer | null | undefined, userId: string): boolean {
  return !!viewer && (viewer.id === userId || viewer.role === 'ADMIN');
}
