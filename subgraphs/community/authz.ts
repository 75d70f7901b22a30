import type { Context, Role, Viewer } from '../../shared/context.js';
import type { Conversation, LiveStream, Message, Prisma } from '../../shared/db/generated/client.js';
import { badInput, forbidden } from '../../shared/errors.js';
import { hasAdminPermission, hasRole, isAdmin, isSelf, isSelfOrAdmin, requireAdminPermission, requireRole } from '../../shared/authz.js';

/**
 * Community's authorization: one helper per domain action, called by the schema (field scopes, nullable private
 * fields, list filters) and by the services alike. Generic rules (signed in, admin, self or admin) are in
 * shared/authz.ts. Predicates (`canX`, `isX`) never throw; `assertX` / `requireX` throw the error the API documents.
 */

type MaybeViewer = Viewer | null | undefined;

// ---- Forum ----------------------------------------------------------------------------------------------------------

/** Forum moderators (pin, lock, archive, remove, resolve flags, read the moderation queue): admins with MODERATION. */
export const canModerateForum = (viewer: MaybeViewer): boolean => hasAdminPermission(viewer, 'MODERATION');
export const requireForumModerator = (ctx: Pick<Context, 'viewer'>): Viewer => requireAdminPermission(ctx, 'MODERATION');

/** Post statuses the viewer may read: published and archived (read-only); moderators see removed and drafts too. */
export function readablePostStatuses(viewer: MaybeViewer) {
  return canModerateForum(viewer) ? (['PUBLISHED', 'ARCHIVED', 'DELETED', 'DRAFT'] as const) : (['PUBLISHED', 'ARCHIVED'] as const);
}

/** Anyone signed in posts, except in admin-only categories (Announcements): admins with MODERATION there. */
export function assertCanPostIn(viewer: Viewer, category: { adminOnly: boolean; name: string }): void {
  if (category.adminOnly && !canModerateForum(viewer)) {
    throw forbidden(`Only admins post in ${category.name}.`, { reason: 'ADMIN_ONLY_CATEGORY' });
  }
}

/** Only its author edits or deletes a post or reply (moderators remove through the moderation mutations). */
export function assertAuthorOf(viewer: Viewer, item: { authorId: string }, what: 'post' | 'reply'): void {
  if (!isSelf(viewer, item.authorId)) throw forbidden(`Only the author may change this ${what}.`);
}

/** The moderation queue suspends members, never an admin and never the moderator themselves. */
export function assertCanSuspendAuthor(moderator: Viewer, author: { id: string; role: Role | null }): void {
  if (author.role === 'ADMIN') throw forbidden('Admins cannot be suspended from the moderation queue.');
  if (isSelf(moderator, author.id)) throw forbidden('You cannot suspend yourself.');
}

// ---- Live streams -----------------------------------------------------------------------------------------------------

type StreamAudience = Pick<LiveStream, 'id' | 'readerId' | 'visibility'>;

/** Readers schedule streams. */
export const requireStreamer = (ctx: Pick<Context, 'viewer'>): Viewer => requireRole(ctx, 'READER');

/** The stream's own reader: the one who starts, ends and publishes media to it. */
export const isStreamHost = (viewer: MaybeViewer, s: Pick<LiveStream, 'readerId'>): boolean => isSelf(viewer, s.readerId);

export function assertStreamHost(viewer: Viewer, s: Pick<LiveStream, 'readerId'>): void {
  if (!isStreamHost(viewer, s)) throw forbidden('Only the stream\'s reader can do this.');
}

/** The stream's reader and admins: they see its invitees and watch it without an invitation or a ticket. */
export const canManageStream = (viewer: MaybeViewer, s: Pick<LiveStream, 'readerId'>): boolean => isSelfOrAdmin(viewer, s.readerId);

/**
 * Who may see a stream at all: public and premium streams everyone; a private one its reader, admins and invitees.
 * `invited` reads the viewer's invitation, only when it decides.
 */
export async function canSeeStream(viewer: MaybeViewer, s: StreamAudience, invited: (userId: string) => Promise<boolean>): Promise<boolean> {
  if (s.visibility !== 'PRIVATE') return true;
  if (!viewer) return false;
  return canManageStream(viewer, s) || invited(viewer.id);
}

/** canSeeStream as a filter for lists of streams. */
export function visibleStreamsWhere(viewer: MaybeViewer): Prisma.LiveStreamWhereInput {
  if (isAdmin(viewer)) return {};
  return {
    OR: [{ visibility: { not: 'PRIVATE' } }, ...(viewer ? [{ readerId: viewer.id }, { invites: { some: { userId: viewer.id } } }] : [])],
  };
}

/**
 * What a signed-in viewer needs to watch a stream (see its recording, chat, send gifts in it): nothing for its
 * reader, admins and anyone on a public stream; an invitation for a private one; an entry ticket for a premium one.
 */
export function watchRequirement(viewer: Viewer, s: StreamAudience): 'NONE' | 'INVITATION' | 'TICKET' {
  if (canManageStream(viewer, s) || s.visibility === 'PUBLIC') return 'NONE';
  return s.visibility === 'PRIVATE' ? 'INVITATION' : 'TICKET';
}

// ---- Gifts --------------------------------------------------------------------------------------------------------------

/** The gift catalogue (add, change, withdraw, list withdrawn gifts): admins with CATALOGUE (super-admins). */
export const canManageGiftCatalogue = (viewer: MaybeViewer): boolean => hasAdminPermission(viewer, 'CATALOGUE');
export const requireGiftCatalogueManager = (ctx: Pick<Context, 'viewer'>): Viewer => requireAdminPermission(ctx, 'CATALOGUE');

/** Clients send gifts. */
export function assertCanSendGift(viewer: Viewer): void {
  if (!hasRole(viewer, 'CLIENT')) throw forbidden('Only clients send gifts.');
}

/** A reader's gift totals: the reader and admins. */
export const canSeeGiftTotals = (viewer: MaybeViewer, readerId: string): boolean => isSelfOrAdmin(viewer, readerId);

// ---- Direct messages ------------------------------------------------------------------------------------------------------

/** A conversation (and its messages) is read by its two participants only. */
export const isConversationParticipant = (viewer: MaybeViewer, c: Pick<Conversation, 'userAId' | 'userBId'>): boolean =>
  isSelf(viewer, c.userAId) || isSelf(viewer, c.userBId);

/** isConversationParticipant as a filter for the viewer's conversation list. */
export const participantConversationsWhere = (viewer: Viewer): Prisma.ConversationWhereInput => ({ OR: [{ userAId: viewer.id }, { userBId: viewer.id }] });

/**
 * Whether the viewer may read a message's content: everyone who may see the message, but the receiver of a paid
 * reply that has not been unlocked. Every field that could carry the content goes through this.
 */
export function canReadMessageContent(viewer: MaybeViewer, m: Pick<Message, 'receiverId' | 'priceCents' | 'unlockedAt'>): boolean {
  return !(m.priceCents != null && m.unlockedAt == null && isSelf(viewer, m.receiverId));
}

/** Its sender and its receiver may see a message. */
export const isMessageParty = (viewer: MaybeViewer, m: Pick<Message, 'senderId' | 'receiverId'>): boolean =>
  isSelf(viewer, m.senderId) || isSelf(viewer, m.receiverId);

/** Only the receiver pays to open a paid reply. */
export function assertPaidReplyReceiver(viewer: Viewer, m: Pick<Message, 'receiverId'>): void {
  if (!isSelf(viewer, m.receiverId)) throw forbidden('Only the receiver opens a paid reply.');
}

/**
 * Who may write to whom: clients write to readers (and admins); readers answer clients who wrote first, and may
 * write to readers and admins; admins write to anyone. Clients do not message each other. Only a reader's reply to
 * a client may carry a price.
 */
export function assertMayMessage(viewer: Viewer, recipient: { role: Role }, opts: { conversationExists: boolean; priced: boolean }): void {
  if (viewer.role === 'CLIENT' && recipient.role === 'CLIENT') {
    throw forbidden('Clients can message readers, not other clients.', { reason: 'CLIENT_TO_CLIENT' });
  }
  const readerToClient = viewer.role === 'READER' && recipient.role === 'CLIENT';
  if (readerToClient && !opts.conversationExists) {
    throw forbidden('Readers reply to clients who wrote to them first.', { reason: 'READER_FIRST_CONTACT' });
  }
  if (opts.priced && !readerToClient) throw badInput('Only a reader\'s reply to a client can have a price.', { field: 'priceCents' });
}
