import type { Prisma } from '../../../shared/db/generated/client.js';
import type { PersonalDataPort } from '../../../shared/ports.js';

type Tx = Prisma.TransactionClient;

/** What erased content reads as after an account deletion (docs/privacy.md). */
export const ERASED = '[deleted]';

/** Session states in which a session still needs both parties: the account cannot be deleted meanwhile. */
const OPEN_STATES = ['REQUESTED', 'ACCEPTED', 'SCHEDULED', 'IN_PROGRESS'] as const;

/**
 * Readings' personal data of a user (shared/ports.ts PersonalDataPort): their sessions, as client or reader, each with
 * its chat transcript, and the reviews they wrote. Deletion blanks the chat messages the user sent and the comments
 * of their reviews; sessions themselves stay (their ids are what the ledger's transactions point to).
 */
export const readingsPersonalData: PersonalDataPort = {
  section: 'readings',
  async exportUserData(db: Tx, userId: string) {
    const sessions = await db.session.findMany({
      where: { OR: [{ clientId: userId }, { readerId: userId }] },
      orderBy: { createdAt: 'asc' },
      include: { chatMessages: { orderBy: { seq: 'asc' } } },
    });
    const reviews = await db.review.findMany({ where: { clientId: userId }, orderBy: { createdAt: 'asc' } });
    return {
      sessions: sessions.map((s) => ({
        id: s.id,
        as: s.clientId === userId ? 'CLIENT' : 'READER',
        clientId: s.clientId,
        readerId: s.readerId,
        type: s.type,
        status: s.status,
        rateCents: s.rateCents,
        requestedAt: s.requestedAt,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        billedMinutes: s.billedMinutes,
        totalCostCents: s.totalCostCents,
        transcript: s.chatMessages.map((m) => ({ seq: m.seq, senderId: m.senderId, type: m.messageType, content: m.content, sentAt: m.createdAt })),
      })),
      reviews: reviews.map((r) => ({ id: r.id, sessionId: r.sessionId, readerId: r.readerId, rating: r.rating, comment: r.comment, createdAt: r.createdAt })),
    };
  },
  async deletionBlocker(tx, userId) {
    const open = await tx.session.count({ where: { OR: [{ clientId: userId }, { readerId: userId }], status: { in: [...OPEN_STATES] } } });
    if (open === 0) return null;
    return { reason: 'SESSION_OPEN', message: 'A session or booking of this account is still open: end or cancel it first.' };
  },
  async eraseUserData(tx, userId) {
    await tx.chatMessage.updateMany({ where: { senderId: userId }, data: { content: ERASED } });
    await tx.review.updateMany({ where: { clientId: userId }, data: { comment: null } });
  },
};
