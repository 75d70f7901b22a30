import { randomUUID, createHash } from 'node:crypto';
import { notifyInTx } from './notices.js';
import type { Context } from '../../../shared/context.js';
import type { Prisma, PrismaClient } from '../../../shared/db/generated/client.js';
import { badInput, conflict, forbidden, notFound } from '../../../shared/errors.js';
import { audit } from '../../../shared/audit.js';
import { parseInput, z } from '../../../shared/validation.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { assertAuthorOf, assertCanPostIn, assertCanSuspendAuthor, requireForumModerator } from '../authz.js';
import { consume, requireAccounts } from './common.js';
import { readUserStanding } from './foreign-reads.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { transact } from '../../../shared/after-commit.js';

export const LIMITS = { titleMin: 3, titleMax: 200, bodyMax: 20_000, replyMax: 10_000, reasonMax: 1_000 } as const;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

const createPostSchema = z.object({
  categoryId: z.string().min(1),
  title: text(LIMITS.titleMin, LIMITS.titleMax),
  content: text(1, LIMITS.bodyMax),
});
const updatePostSchema = z.object({
  postId: z.string().min(1),
  title: text(LIMITS.titleMin, LIMITS.titleMax).nullish(),
  content: text(1, LIMITS.bodyMax).nullish(),
});
const replySchema = z.object({ postId: z.string().min(1), content: text(1, LIMITS.replyMax) });
const updateReplySchema = z.object({ replyId: z.string().min(1), content: text(1, LIMITS.replyMax) });
const flagSchema = z
  .object({ postId: z.string().min(1).nullish(), replyId: z.string().min(1).nullish(), reason: text(3, LIMITS.reasonMax) })
  .refine((v) => !!v.postId !== !!v.replyId, { message: 'Flag exactly one of postId or replyId.', path: ['postId'] });

export async function createPost(ctx: Context, input: unknown) {
  const viewer = requireVerifiedViewer(ctx);
  const data = parseInput(createPostSchema, input);
  const category = await ctx.prisma.forumCategory.findUnique({ where: { id: data.categoryId } });
  if (!category) throw notFound('Category');
  assertCanPostIn(viewer, category);
  await consume(ctx, 'forumWrite', viewer.id);
  return ctx.prisma.forumPost.create({
    data: { authorId: viewer.id, categoryId: category.id, title: data.title, content: data.content },
  });
}

async function ownPost(ctx: Context, postId: string) {
  const viewer = requireViewer(ctx);
  const post = await ctx.prisma.forumPost.findUnique({ where: { id: postId } });
  if (!post || post.status === 'DELETED') throw notFound('Post');
  assertAuthorOf(viewer, post, 'post');
  return post;
}

export async function updatePost(ctx: Context, input: unknown) {
  const data = parseInput(updatePostSchema, input);
  if (data.title == null && data.content == null) throw badInput('Give a new title or content.', 'title');
  const post = await ownPost(ctx, data.postId);
  if (post.status === 'ARCHIVED') throw forbidden('Archived posts cannot be edited.', { reason: 'POST_ARCHIVED' });
  return ctx.prisma.forumPost.update({
    where: { id: post.id },
    data: { ...(data.title != null ? { title: data.title } : {}), ...(data.content != null ? { content: data.content } : {}) },
  });
}

export async function deletePost(ctx: Context, postId: string) {
  const post = await ownPost(ctx, postId);
  return ctx.prisma.forumPost.update({ where: { id: post.id }, data: { status: 'DELETED' } });
}

export async function createReply(ctx: Context, input: unknown) {
  const viewer = requireVerifiedViewer(ctx);
  const data = parseInput(replySchema, input);
  const post = await ctx.prisma.forumPost.findUnique({ where: { id: data.postId }, include: { category: true } });
  if (!post || post.status === 'DELETED' || post.status === 'DRAFT') {
    // Replies are one level deep: a client that threads replies would send a reply's id here.
    const isReply = !post && (await ctx.prisma.forumReply.findUnique({ where: { id: data.postId }, select: { id: true } }));
    if (isReply) {
      throw badInput('Replies are one level deep: reply to the post, not to a reply.', {
        field: 'postId',
        reason: 'REPLY_TO_REPLY',
      });
    }
    throw notFound('Post');
  }
  if (post.isLocked) throw forbidden('This post is locked: no new replies.', { reason: 'POST_LOCKED' });
  if (post.status === 'ARCHIVED') throw forbidden('This post is archived: no new replies.', { reason: 'POST_ARCHIVED' });
  await consume(ctx, 'forumWrite', viewer.id);
  return ctx.prisma.$transaction(async (tx) => {
    const now = new Date();
    const reply = await tx.forumReply.create({ data: { postId: post.id, authorId: viewer.id, content: data.content } });
    await tx.forumPost.update({ where: { id: post.id }, data: { replyCount: { increment: 1 }, lastActivityAt: now } });
    return reply;
  });
}

async function ownReply(ctx: Context, replyId: string) {
  const viewer = requireViewer(ctx);
  const reply = await ctx.prisma.forumReply.findUnique({ where: { id: replyId } });
  if (!reply || reply.status === 'DELETED') throw notFound('Reply');
  assertAuthorOf(viewer, reply, 'reply');
  return reply;
}

export async function updateReply(ctx: Context, input: unknown) {
  const data = parseInput(updateReplySchema, input);
  const reply = await ownReply(ctx, data.replyId);
  return ctx.prisma.forumReply.update({ where: { id: reply.id }, data: { content: data.content } });
}

export async function deleteReply(ctx: Context, replyId: string) {
  const reply = await ownReply(ctx, replyId);
  return removeReply(ctx.prisma, reply.id);
}

/** Soft-deletes a reply and keeps the post's reply count equal to its visible replies. */
async function removeReply(db: PrismaClient | Prisma.TransactionClient, replyId: string) {
  const reply = await db.forumReply.update({ where: { id: replyId }, data: { status: 'DELETED' } });
  const count = await db.forumReply.count({ where: { postId: reply.postId, status: 'PUBLISHED' } });
  await db.forumPost.update({ where: { id: reply.postId }, data: { replyCount: count } });
  return reply;
}

export type PostModeration = 'PIN' | 'UNPIN' | 'LOCK' | 'UNLOCK' | 'ARCHIVE' | 'REMOVE' | 'RESTORE';

export async function moderatePost(ctx: Context, postId: string, action: PostModeration, reason: string | null | undefined) {
  requireForumModerator(ctx);
  const post = await ctx.prisma.forumPost.findUnique({ where: { id: postId } });
  if (!post) throw notFound('Post');
  const change = {
    PIN: { isPinned: true },
    UNPIN: { isPinned: false },
    LOCK: { isLocked: true },
    UNLOCK: { isLocked: false },
    ARCHIVE: { status: 'ARCHIVED' as const },
    REMOVE: { status: 'DELETED' as const },
    RESTORE: { status: 'PUBLISHED' as const },
  }[action];
  return ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.forumPost.update({ where: { id: post.id }, data: change });
    await audit(tx, ctx, {
      action: `forum:${action.toLowerCase()}`,
      entityType: 'forum_post',
      entityId: post.id,
      changes: { before: { isPinned: post.isPinned, isLocked: post.isLocked, status: post.status }, after: change, reason: reason ?? null },
    });
    return updated;
  });
}

export async function adminRemoveReply(ctx: Context, replyId: string, reason: string | null | undefined) {
  requireForumModerator(ctx);
  const reply = await ctx.prisma.forumReply.findUnique({ where: { id: replyId } });
  if (!reply) throw notFound('Reply');
  return ctx.prisma.$transaction(async (tx) => {
    const updated = await removeReply(tx, reply.id);
    await audit(tx, ctx, {
      action: 'forum:remove_reply',
      entityType: 'forum_reply',
      entityId: reply.id,
      changes: { before: { status: reply.status }, after: { status: 'DELETED' }, reason: reason ?? null },
    });
    return updated;
  });
}

/**
 * Counts a view at most once per viewer per post per UTC day: the insert into forum_post_views is the gate,
 * and the counter moves only when that insert happened (one statement, so concurrent reads cannot double count).
 */
export async function recordView(ctx: Context, postId: string): Promise<void> {
  const viewerKey = ctx.viewer
    ? `user:${ctx.viewer.id}`
    : `anon:${createHash('sha256').update(`${ctx.ip ?? ''}|${ctx.userAgent ?? ''}`).digest('hex').slice(0, 32)}`;
  await ctx.prisma.$executeRaw`
    WITH ins AS (
      INSERT INTO forum_post_views (id, post_id, viewer_key, day)
      VALUES (${randomUUID()}, ${postId}, ${viewerKey}, (now() AT TIME ZONE 'UTC')::date)
      ON CONFLICT (post_id, viewer_key, day) DO NOTHING
      RETURNING post_id
    )
    UPDATE forum_posts SET view_count = view_count + 1 WHERE id IN (SELECT post_id FROM ins)`;
}

export async function flagContent(ctx: Context, input: unknown) {
  const viewer = requireViewer(ctx);
  const data = parseInput(flagSchema, input);
  if (data.postId) {
    const post = await ctx.prisma.forumPost.findUnique({ where: { id: data.postId }, select: { status: true, authorId: true } });
    if (!post || post.status === 'DELETED') throw notFound('Post');
  } else {
    const reply = await ctx.prisma.forumReply.findUnique({ where: { id: data.replyId! }, select: { status: true } });
    if (!reply || reply.status === 'DELETED') throw notFound('Reply');
  }
  const existing = await ctx.prisma.contentFlag.findFirst({
    where: { reporterId: viewer.id, ...(data.postId ? { postId: data.postId } : { replyId: data.replyId! }) },
    select: { id: true },
  });
  if (existing) throw conflict('You have already flagged this.');
  await consume(ctx, 'flag', viewer.id);
  try {
    return await ctx.prisma.contentFlag.create({
      data: { reporterId: viewer.id, postId: data.postId ?? null, replyId: data.replyId ?? null, reason: data.reason },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('You have already flagged this.');
    throw err;
  }
}

export type FlagResolution = 'KEEP' | 'REMOVE' | 'SUSPEND_AUTHOR';

/**
 * Resolves a flag and every other open flag on the same post or reply. REMOVE soft-deletes the content;
 * SUSPEND_AUTHOR also suspends the author through accounts' port (AccountsPort.changeUserStatus, in this
 * transaction: row lock, refresh tokens revoked, invites voided, a reader taken offline; their tokens stop working
 * at once).
 * One transaction, audited.
 */
export async function resolveFlag(ctx: Context, flagId: string, resolution: FlagResolution, note: string | null | undefined) {
  const admin = requireForumModerator(ctx);
  const flag = await ctx.prisma.contentFlag.findUnique({ where: { id: flagId }, include: { post: true, reply: true } });
  if (!flag) throw notFound('Flag');
  if (flag.status !== 'OPEN') throw conflict('This flag has already been resolved.');
  const authorId = flag.post?.authorId ?? flag.reply?.authorId;
  const accounts = resolution === 'SUSPEND_AUTHOR' ? requireAccounts(ctx) : null;
  if (resolution === 'SUSPEND_AUTHOR') {
    if (!authorId) throw notFound('Author');
    const author = await readUserStanding(ctx.prisma, authorId);
    assertCanSuspendAuthor(admin, { id: authorId, role: author?.role ?? null });
  }
  const status = ({ KEEP: 'KEPT', REMOVE: 'REMOVED', SUSPEND_AUTHOR: 'AUTHOR_SUSPENDED' } as const)[resolution];
  const now = new Date();
  return transact(ctx, { service: 'community' }, async (tx, after) => {
    // The status condition makes concurrent resolutions of the same flag resolve it once.
    const target = flag.postId ? { postId: flag.postId } : { replyId: flag.replyId! };
    const reporters = await tx.contentFlag.findMany({ where: { ...target, status: 'OPEN' }, select: { reporterId: true }, distinct: ['reporterId'] });
    const claimed = await tx.contentFlag.updateMany({ where: { id: flag.id, status: 'OPEN' }, data: { status, resolvedById: admin.id, resolvedAt: now } });
    if (claimed.count === 0) throw conflict('This flag has already been resolved.');
    await tx.contentFlag.updateMany({ where: { ...target, status: 'OPEN' }, data: { status, resolvedById: admin.id, resolvedAt: now } });
    if (resolution !== 'KEEP') {
      if (flag.postId) await tx.forumPost.update({ where: { id: flag.postId }, data: { status: 'DELETED' } });
      else await removeReply(tx, flag.replyId!);
    }
    // Accounts' own path (row lock, refresh tokens, new auth epoch), in this transaction.
    if (accounts && authorId) {
      const suspension = await accounts.changeUserStatus(tx, authorId, 'SUSPENDED');
      // After commit: the author's access tokens and sockets are refused by every gateway.
      after.run('publish author suspension', () => accounts.publishUserStatusChange(ctx.pubsub, suspension));
    }
    // Everyone who reported this content hears the outcome (never who else reported it, nor the note).
    const outcome = resolution === 'KEEP' ? 'A moderator reviewed it and kept it.' : 'A moderator reviewed it and removed it.';
    for (const r of reporters) {
      await notifyInTx(ctx, tx, { userId: r.reporterId, kind: 'FLAG_RESOLVED', title: 'Your report was reviewed', body: `Thank you for your report. ${outcome}`, data: { flagId: flag.id }, dedupeKey: `flag-resolved:${flag.id}` });
    }
    await audit(tx, ctx, {
      action: `moderation:${resolution.toLowerCase()}`,
      entityType: 'content_flag',
      entityId: flag.id,
      changes: { target, status, authorId: authorId ?? null, note: note ?? null },
    });
    return tx.contentFlag.findUniqueOrThrow({ where: { id: flag.id } });
  });
}
