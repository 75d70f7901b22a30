import type { Prisma } from '../../../shared/db/generated/client.js';
import type { PersonalDataPort } from '../../../shared/ports.js';

type Tx = Prisma.TransactionClient;

/** What erased content reads as after an account deletion (docs/privacy.md). */
const ERASED = '[deleted]';

/**
 * Community's personal data of a user (shared/ports.ts PersonalDataPort): the direct messages they sent or received
 * (a paid reply they received and never unlocked shows no content: they never paid for it), their forum posts and
 * replies. Deletion blanks what they wrote (messages, post titles and bodies, replies); the threads stay for the others.
 */
export const communityPersonalData: PersonalDataPort = {
  section: 'community',
  async exportUserData(db: Tx, userId: string) {
    const messages = await db.message.findMany({ where: { OR: [{ senderId: userId }, { receiverId: userId }] }, orderBy: { createdAt: 'asc' } });
    const posts = await db.forumPost.findMany({ where: { authorId: userId }, orderBy: { createdAt: 'asc' } });
    const replies = await db.forumReply.findMany({ where: { authorId: userId }, orderBy: { createdAt: 'asc' } });
    return {
      directMessages: messages.map((m) => {
        const locked = m.receiverId === userId && m.priceCents != null && !m.unlockedAt;
        return {
          id: m.id,
          conversationId: m.conversationId,
          senderId: m.senderId,
          receiverId: m.receiverId,
          content: locked ? null : m.content,
          priceCents: m.priceCents,
          unlockedAt: m.unlockedAt,
          sentAt: m.createdAt,
        };
      }),
      forumPosts: posts.map((p) => ({ id: p.id, categoryId: p.categoryId, title: p.title, content: p.content, status: p.status, createdAt: p.createdAt })),
      forumReplies: replies.map((r) => ({ id: r.id, postId: r.postId, content: r.content, status: r.status, createdAt: r.createdAt })),
    };
  },
  async deletionBlocker() {
    return null;
  },
  async eraseUserData(tx, userId) {
    await tx.message.updateMany({ where: { senderId: userId }, data: { content: ERASED } });
    await tx.forumPost.updateMany({ where: { authorId: userId }, data: { title: ERASED, content: ERASED } });
    await tx.forumReply.updateMany({ where: { authorId: userId }, data: { content: ERASED } });
  },
};
