import type { Session } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { notFound } from '../../../shared/errors.js';
import { assertCanViewSession } from '../authz.js';
import type { SessionEvent } from './events.js';
import { sessionEvent } from './session-store.js';

/** The session, if the viewer is a participant or an admin (NOT_FOUND, FORBIDDEN otherwise). */
export async function visibleSession(ctx: Context, sessionId: string): Promise<Session> {
  const viewer = requireViewer(ctx);
  const s = await ctx.prisma.session.findUnique({ where: { id: sessionId } });
  if (!s) throw notFound('Session', { sessionId });
  assertCanViewSession(viewer, s);
  return s;
}

/** The meter as of now (for queries; subscriptions get it in each event). */
export async function sessionMeter(ctx: Context, s: Session): Promise<SessionEvent> {
  return sessionEvent(ctx, ctx.prisma, s, 'JOINED', new Date());
}
