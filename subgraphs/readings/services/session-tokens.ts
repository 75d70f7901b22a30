import type { Context } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { conflict, notFound } from '../../../shared/errors.js';
import { readingsDeps } from '../deps.js';
import { assertParticipant } from '../authz.js';
import { isBilling } from './billing-gate.js';
import type { SessionTokenGrant } from './livekit.js';

/**
 * A short-lived LiveKit token for one of the two participants while the session is accepted or in progress. With a
 * media server, a participant publishes only while the session bills (granted in the room when it starts).
 */
export async function sessionToken(ctx: Context, sessionId: string): Promise<SessionTokenGrant> {
  const viewer = requireViewer(ctx);
  const { livekit } = readingsDeps(ctx);
  const s = await ctx.prisma.session.findUnique({ where: { id: sessionId } });
  if (!s) throw notFound('Session', { sessionId });
  assertParticipant(viewer, s);
  if (s.status !== 'ACCEPTED' && s.status !== 'IN_PROGRESS') {
    throw conflict(`Tokens are issued only while a session is accepted or in progress (it is ${s.status.toLowerCase()}).`, {
      status: s.status,
    });
  }
  return livekit.token(s.externalId, viewer.id, s.type, !livekit.mediaServer || isBilling(s));
}
