import { PostStatus, FlagStatus } from '../../../shared/db/generated/enums.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { strictMaxSize } from '../../../shared/graphql/page-size.js';
import { readablePostStatuses } from '../authz.js';
import { builder } from '../builder.js';
import * as forum from '../services/forum.js';
import { UserRef } from './refs.js';

const PostStatusEnum = builder.enumType('PostStatus', {
  description: 'Where a forum post or reply stands.',
  values: {
    DRAFT: { description: 'Not published.' },
    PUBLISHED: { description: 'Visible and open (unless locked).' },
    ARCHIVED: { description: 'Readable, out of listings, closed to replies.' },
    DELETED: { description: 'Removed by its author or an admin (soft delete).' },
  } as const satisfies Record<keyof typeof PostStatus, unknown>,
});
const FlagStatusEnum = builder.enumType('FlagStatus', {
  description: 'Where a content flag stands in review.',
  values: {
    OPEN: { description: 'Waiting for an admin.' },
    KEPT: { description: 'Reviewed: the content stays.' },
    REMOVED: { description: 'Reviewed: the content was removed.' },
    AUTHOR_SUSPENDED: { description: 'Reviewed: the content was removed and its author suspended.' },
  } as const satisfies Record<keyof typeof FlagStatus, unknown>,
});
const ForumPostOrder = builder.enumType('ForumPostOrder', {
  description: 'How to order forum posts (pinned posts always come first).',
  values: {
    NEWEST: { description: 'Newest first.' },
    MOST_ACTIVE: { description: 'Most recent activity (new reply) first.' },
  } as const,
});
const PostModeration = builder.enumType('ForumPostModeration', {
  description: 'An admin action on a post.',
  values: {
    PIN: { description: 'Show it first in its category.' },
    UNPIN: { description: 'Stop pinning it.' },
    LOCK: { description: 'Allow no new replies.' },
    UNLOCK: { description: 'Allow replies again.' },
    ARCHIVE: { description: 'Keep it readable but out of listings and closed to replies.' },
    REMOVE: { description: 'Remove it (soft delete).' },
    RESTORE: { description: 'Publish it again.' },
  } as const,
});
const FlagResolution = builder.enumType('FlagResolution', {
  description: 'How an admin resolves a flag.',
  values: {
    KEEP: { description: 'The content stays.' },
    REMOVE: { description: 'The content is removed.' },
    SUSPEND_AUTHOR: { description: 'The content is removed and its author suspended (signed out everywhere).' },
  } as const,
});

builder.prismaObject('ForumCategory', {
  description: 'A forum section.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the category; pass it as categoryId to createForumPost or forumPosts.' }),
    slug: t.exposeString('slug', { description: 'URL-safe name.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    description: t.exposeString('description', { nullable: true, description: 'What belongs here.' }),
    icon: t.exposeString('icon', { nullable: true, description: 'Icon name.' }),
    sortOrder: t.exposeInt('sortOrder', { description: 'Position in the list.' }),
    adminOnly: t.exposeBoolean('adminOnly', { description: 'Only admins may post here.' }),
  }),
});

builder.prismaObject('ForumPost', {
  description: 'A forum thread. Title and content are plain text exactly as written; clients must render them as text.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the post; pass it to forumPost, createForumReply or flagContent.' }),
    title: t.exposeString('title', { description: 'Title, as written.' }),
    content: t.exposeString('content', { description: 'Body, as written (plain text, never interpreted by the API).' }),
    status: t.expose('status', { type: PostStatusEnum, description: 'Published, archived or deleted.' }),
    isPinned: t.exposeBoolean('isPinned', { description: 'Shown first in its category.' }),
    isLocked: t.exposeBoolean('isLocked', { description: 'No new replies.' }),
    viewCount: t.exposeInt('viewCount', { description: 'Views, counted once per viewer per day.' }),
    replyCount: t.exposeInt('replyCount', { description: 'Visible replies.' }),
    lastActivityAt: t.expose('lastActivityAt', { type: 'DateTime', description: 'Last new reply (or creation).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the author published the post (UTC); edits do not change it.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change.' }),
    author: t.field({ type: UserRef, description: 'Who wrote it.', resolve: (p) => ({ id: p.authorId }) }),
    category: t.relation('category', { description: 'The forum section the post was published in (its rules, e.g. admins-only, apply).' }),
    replies: t.relatedConnection(
      'replies',
      {
        cursor: 'id',
        defaultSize: 20,
        maxSize: 100,
        description: 'Replies, oldest first (one level deep).',
        query: () => ({ where: { status: 'PUBLISHED' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      },
      { description: 'A page of replies.' },
      { description: 'A reply in a page.' },
    ),
  }),
});

builder.prismaObject('ForumReply', {
  description: 'A reply to a forum post. Content is plain text exactly as written.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the reply; pass it to updateForumReply, deleteForumReply or flagContent.' }),
    postId: t.exposeID('postId', { description: 'The post it answers.' }),
    content: t.exposeString('content', { description: 'Body, as written.' }),
    status: t.expose('status', { type: PostStatusEnum, description: 'Published or deleted.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the author published the reply (UTC); edits do not change it.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change.' }),
    author: t.field({ type: UserRef, description: 'Who wrote it.', resolve: (r) => ({ id: r.authorId }) }),
  }),
});

builder.prismaObject('ContentFlag', {
  description: 'A report that a post or reply breaks the rules, awaiting or after admin review.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the flag; admins pass it to resolveFlag.' }),
    reason: t.exposeString('reason', { description: 'Why it was flagged, as written.' }),
    status: t.expose('status', { type: FlagStatusEnum, description: 'Open or how it was resolved.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was raised.' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true, description: 'When an admin resolved it.' }),
    reporter: t.field({ type: UserRef, description: 'Who raised it.', resolve: (f) => ({ id: f.reporterId }) }),
    resolvedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'The admin who resolved it.',
      resolve: (f) => (f.resolvedById ? { id: f.resolvedById } : null),
    }),
    post: t.relation('post', { nullable: true, description: 'The flagged post, if a post was flagged.' }),
    reply: t.relation('reply', { nullable: true, description: 'The flagged reply, if a reply was flagged.' }),
  }),
});

const CreateForumPostInput = builder.inputType('CreateForumPostInput', {
  description: 'A new forum post.',
  fields: (t) => ({
    categoryId: t.id({ required: true, description: 'Category to post in.' }),
    title: t.string({ required: true, description: `Title, ${forum.LIMITS.titleMin}–${forum.LIMITS.titleMax} characters.` }),
    content: t.string({ required: true, description: `Body, up to ${forum.LIMITS.bodyMax} characters.` }),
  }),
});
const UpdateForumPostInput = builder.inputType('UpdateForumPostInput', {
  description: 'Changes to the viewer\'s own post.',
  fields: (t) => ({
    postId: t.id({ required: true, description: 'Id of a post the viewer wrote; other posts answer FORBIDDEN.' }),
    title: t.string({ description: 'New title.' }),
    content: t.string({ description: 'New body.' }),
  }),
});
const CreateForumReplyInput = builder.inputType('CreateForumReplyInput', {
  description: 'A reply to a post (replies are one level deep).',
  fields: (t) => ({
    postId: t.id({ required: true, description: 'The post to reply to (not a reply).' }),
    content: t.string({ required: true, description: `Body, up to ${forum.LIMITS.replyMax} characters.` }),
  }),
});
const UpdateForumReplyInput = builder.inputType('UpdateForumReplyInput', {
  description: 'A new body for the viewer\'s own reply.',
  fields: (t) => ({
    replyId: t.id({ required: true, description: 'Id of a reply the viewer wrote; other replies answer FORBIDDEN.' }),
    content: t.string({ required: true, description: 'New body.' }),
  }),
});
const FlagContentInput = builder.inputType('FlagContentInput', {
  description: 'A report on a post or a reply (give exactly one).',
  fields: (t) => ({
    postId: t.id({ description: 'The post to flag.' }),
    replyId: t.id({ description: 'The reply to flag.' }),
    reason: t.string({ required: true, description: `Why, up to ${forum.LIMITS.reasonMax} characters.` }),
  }),
});

const postOrder: Record<'NEWEST' | 'MOST_ACTIVE', Prisma.ForumPostOrderByWithRelationInput[]> = {
  NEWEST: [{ isPinned: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
  MOST_ACTIVE: [{ isPinned: 'desc' }, { lastActivityAt: 'desc' }, { id: 'desc' }],
};

builder.queryFields((t) => ({
  forumCategories: t.prismaConnection(
    {
      type: 'ForumCategory',
      cursor: 'id',
      defaultSize: 50,
      maxSize: strictMaxSize(100),
      description:
        'Forum categories in display order (sortOrder, then name), 50 a page by default and at most 100 ' +
        '(a larger `first` is refused with BAD_USER_INPUT); admins add categories over time, so follow ' +
        '`pageInfo.endCursor` while `hasNextPage`.',
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.forumCategory.findMany({ ...query, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }, { id: 'asc' }] }),
    },
    { description: 'A page of forum categories, in display order.' },
    { description: 'A forum category in a page, with the cursor to continue after it.' },
  ),
  forumPosts: t.prismaConnection(
    {
      type: 'ForumPost',
      cursor: 'id',
      defaultSize: 10,
      maxSize: 50,
      description: 'Published posts, pinned first, 10 a page by default.',
      args: {
        categoryId: t.arg.id({ description: 'Only this category.' }),
        categorySlug: t.arg.string({ description: 'Only the category with this slug.' }),
        order: t.arg({ type: ForumPostOrder, defaultValue: 'NEWEST', description: 'Order after pinned posts.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.forumPost.findMany({
          ...query,
          where: {
            status: 'PUBLISHED',
            ...(args.categoryId ? { categoryId: String(args.categoryId) } : {}),
            ...(args.categorySlug ? { category: { slug: args.categorySlug } } : {}),
          },
          orderBy: postOrder[args.order ?? 'NEWEST'],
        }),
    },
    { description: 'A page of forum posts.' },
    { description: 'A forum post in a page.' },
  ),
  forumPost: t.prismaField({
    type: 'ForumPost',
    nullable: true,
    description: 'One post; reading it counts a view (once per viewer per day).',
    args: { id: t.arg.id({ required: true, description: 'Id of a published or archived post (admins see every status); any other id answers null.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id);
      const exists = await ctx.prisma.forumPost.findFirst({ where: { id, status: { in: [...readablePostStatuses(ctx.viewer)] } }, select: { id: true } });
      if (!exists) return null;
      await forum.recordView(ctx, id);
      return ctx.prisma.forumPost.findUnique({ ...query, where: { id } });
    },
  }),
  moderationQueue: t.prismaConnection(
    {
      type: 'ContentFlag',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: { adminPermission: 'MODERATION' },
      description: 'Flags for admin review, oldest first (open ones by default). Admins only.',
      args: { status: t.arg({ type: FlagStatusEnum, defaultValue: 'OPEN', description: 'Which flags.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.contentFlag.findMany({ ...query, where: { status: args.status ?? 'OPEN' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    },
    { description: 'A page of flags.' },
    { description: 'A flag in a page.' },
  ),
}));


builder.mutationFields((t) => ({
  createForumPost: t.prismaField({
    type: 'ForumPost',
    authScopes: { authenticated: true },
    description: 'Posts in a category (Announcements: admins only).',
    args: { input: t.arg({ type: CreateForumPostInput, required: true, description: 'Category, title and body of the new post.' }) },
    resolve: async (query, _root, args, ctx) => {
      const post = await forum.createPost(ctx, args.input);
      return ctx.prisma.forumPost.findUniqueOrThrow({ ...query, where: { id: post.id } });
    },
  }),
  updateForumPost: t.prismaField({
    type: 'ForumPost',
    authScopes: { authenticated: true },
    description: 'Edits the viewer\'s own post.',
    args: { input: t.arg({ type: UpdateForumPostInput, required: true, description: 'The post\'s id and its new title and/or body.' }) },
    resolve: async (query, _root, args, ctx) => {
      const post = await forum.updatePost(ctx, args.input);
      return ctx.prisma.forumPost.findUniqueOrThrow({ ...query, where: { id: post.id } });
    },
  }),
  deleteForumPost: t.prismaField({
    type: 'ForumPost',
    authScopes: { authenticated: true },
    description: 'Deletes the viewer\'s own post (soft delete: status DELETED).',
    args: { postId: t.arg.id({ required: true, description: 'Id of a post the viewer wrote; it stops being listed (admins still see it).' }) },
    resolve: async (query, _root, args, ctx) => {
      const post = await forum.deletePost(ctx, String(args.postId));
      return ctx.prisma.forumPost.findUniqueOrThrow({ ...query, where: { id: post.id } });
    },
  }),
  createForumReply: t.prismaField({
    type: 'ForumReply',
    authScopes: { authenticated: true },
    description: 'Replies to a post (not to a reply; not in locked or archived posts).',
    args: { input: t.arg({ type: CreateForumReplyInput, required: true, description: 'Id of the post answered and the reply\'s body.' }) },
    resolve: async (query, _root, args, ctx) => {
      const reply = await forum.createReply(ctx, args.input);
      return ctx.prisma.forumReply.findUniqueOrThrow({ ...query, where: { id: reply.id } });
    },
  }),
  updateForumReply: t.prismaField({
    type: 'ForumReply',
    authScopes: { authenticated: true },
    description: 'Edits the viewer\'s own reply.',
    args: { input: t.arg({ type: UpdateForumReplyInput, required: true, description: 'The reply\'s id and its new body.' }) },
    resolve: async (query, _root, args, ctx) => {
      const reply = await forum.updateReply(ctx, args.input);
      return ctx.prisma.forumReply.findUniqueOrThrow({ ...query, where: { id: reply.id } });
    },
  }),
  deleteForumReply: t.prismaField({
    type: 'ForumReply',
    authScopes: { authenticated: true },
    description: 'Deletes the viewer\'s own reply (soft delete).',
    args: { replyId: t.arg.id({ required: true, description: 'Id of a reply the viewer wrote; others answer FORBIDDEN, and it stops being listed.' }) },
    resolve: async (query, _root, args, ctx) => {
      const reply = await forum.deleteReply(ctx, String(args.replyId));
      return ctx.prisma.forumReply.findUniqueOrThrow({ ...query, where: { id: reply.id } });
    },
  }),
  moderateForumPost: t.prismaField({
    type: 'ForumPost',
    authScopes: { adminPermission: 'MODERATION' },
    description: 'Pins, locks, archives, removes or restores a post. Admins only; audited.',
    args: {
      postId: t.arg.id({ required: true, description: 'Id of any post, whoever wrote it.' }),
      action: t.arg({ type: PostModeration, required: true, description: 'What to do.' }),
      reason: t.arg.string({ description: 'Why (kept in the audit log).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const post = await forum.moderatePost(ctx, String(args.postId), args.action, args.reason);
      return ctx.prisma.forumPost.findUniqueOrThrow({ ...query, where: { id: post.id } });
    },
  }),
  removeForumReply: t.prismaField({
    type: 'ForumReply',
    authScopes: { adminPermission: 'MODERATION' },
    description: 'Removes a reply. Admins only; audited.',
    args: {
      replyId: t.arg.id({ required: true, description: 'Id of any reply, whoever wrote it; it stops being listed.' }),
      reason: t.arg.string({ description: 'Why (kept in the audit log).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const reply = await forum.adminRemoveReply(ctx, String(args.replyId), args.reason);
      return ctx.prisma.forumReply.findUniqueOrThrow({ ...query, where: { id: reply.id } });
    },
  }),
  flagContent: t.prismaField({
    type: 'ContentFlag',
    authScopes: { authenticated: true },
    description: 'Flags a post or a reply for admin review, once per user and item (CONFLICT on repeat).',
    args: { input: t.arg({ type: FlagContentInput, required: true, description: 'What and why.' }) },
    resolve: async (query, _root, args, ctx) => {
      const flag = await forum.flagContent(ctx, args.input);
      return ctx.prisma.contentFlag.findUniqueOrThrow({ ...query, where: { id: flag.id } });
    },
  }),
  resolveFlag: t.prismaField({
    type: 'ContentFlag',
    authScopes: { adminPermission: 'MODERATION' },
    description: 'Resolves a flag (and the other open flags on the same content). Admins only; audited.',
    args: {
      flagId: t.arg.id({ required: true, description: 'Id of an OPEN flag from the moderation queue.' }),
      resolution: t.arg({ type: FlagResolution, required: true, description: 'Keep, remove, or remove and suspend the author.' }),
      note: t.arg.string({ description: 'Why (kept in the audit log).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const flag = await forum.resolveFlag(ctx, String(args.flagId), args.resolution, args.note);
      return ctx.prisma.contentFlag.findUniqueOrThrow({ ...query, where: { id: flag.id } });
    },
  }),
}));
