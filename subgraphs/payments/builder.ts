import { createBuilder } from '../../shared/builder.js';
import type { Context } from '../../shared/context.js';
import { forbidden, internal, unauthenticated } from '../../shared/errors.js';
import type { PaymentsService } from './services/payments.js';
import './deps.js';

export const builder = createBuilder();
builder.queryType({ description: 'Read operations.' });
builder.mutationType({ description: 'Write operations.' });
builder.subscriptionType({ description: 'Live events over graphql-ws.' });

/** The payments service of this process (set by startPayments). */
export function payments(ctx: Context): PaymentsService {
  const service = ctx.deps.payments;
  if (!service) throw internal('The payments service is not running.');
  return service;
}

/** The signed-in viewer; the field's authScopes already refused anonymous callers. */
export function viewerOf(ctx: Context) {
  if (!ctx.viewer) throw unauthenticated('You must be signed in to do this.');
  return ctx.viewer;
}

/** The viewer's own id, or `userId` when an admin asks about someone else (anyone else: FORBIDDEN). */
export function ownOrAdmin(ctx: Context, userId: string | null | undefined): string {
  const viewer = viewerOf(ctx);
  if (!userId || userId === viewer.id) return viewer.id;
  if (viewer.role !== 'ADMIN') throw forbidden('You can only see your own money.');
  return userId;
}
