import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommunityCreateForumPostDocument,
  CommunityCreateForumReplyDocument,
  CommunityDeleteForumPostDocument,
  CommunityDeleteForumReplyDocument,
  CommunityFlagContentDocument,
  CommunityForumCategoriesDocument,
  CommunityForumPostDocument,
  CommunityForumPostsDocument,
  CommunityModerateForumPostDocument,
  CommunityModerationQueueDocument,
  CommunityResolveFlagDocument,
  CommunityUpdateForumPostDocument,
  CommunityUpdateForumReplyDocument,
} from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { print } from 'graphql';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
let admin: TestUser;
const GENERAL = 'forum-general';
const ANNOUNCEMENTS = 'forum-announcements';

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().create();
});
afterAll(async () => {
  await fed?.stop();
});

async function post(author: TestUser, title = `Post ${randomBytes(3).toString('hex')}`, categoryId = GENERAL) {
  const res = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId, title, content: 'Hello there' } }, author.token);
  expect(res.errors).toBeUndefined();
  return res.data!.createForumPost;
}

describe('forum categories and posts', () => {
  it('lists the five categories of the rules in order, Announcements admin-only', async () => {
    const res = await fed.run(CommunityForumCategoriesDocument, {});
    expect(res.data!.forumCategories.edges.map(({ node: c }) => [c.name, c.adminOnly])).toEqual([
      ['General', false],
      ['Readings', false],
      ['Spiritual Growth', false],
      ['Ask a Reader', false],
      ['Announcements', true],
    ]);
  });

  it('stores text exactly as written and never interprets it', async () => {
    const author = await seed.client().create();
    const content = '<script>alert("x")</script> **bold** {{template}} ${injection} \u202Eevil';
    const res = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: GENERAL, title: '<b>Hi</b> & "you"', content } }, author.token);
    expect(res.errors).toBeUndefined();
    const read = await fed.run(CommunityForumPostDocument, { id: res.data!.createForumPost.id }, author.token);
    expect(read.data!.forumPost).toMatchObject({ title: '<b>Hi</b> & "you"', content, author: { id: author.id } });
  });

  it('refuses bad input and writes nothing', async () => {
    const author = await seed.client().create();
    const before = await fed.db.prisma.forumPost.count();
    const cases = [
      { categoryId: GENERAL, title: 'ab', content: 'x' },
      { categoryId: GENERAL, title: 'x'.repeat(201), content: 'x' },
      { categoryId: GENERAL, title: 'Fine title', content: '   ' },
      { categoryId: GENERAL, title: 'Fine title', content: 'x'.repeat(20_001) },
    ];
    for (const input of cases) {
      const res = await fed.run(CommunityCreateForumPostDocument, { input }, author.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    }
    const missing = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: 'nope', title: 'Fine title', content: 'x' } }, author.token);
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const anonymous = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: GENERAL, title: 'Fine title', content: 'x' } });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(await fed.db.prisma.forumPost.count()).toBe(before);
  });

  it('lets only admins post in Announcements', async () => {
    const before = await fed.db.prisma.forumPost.count({ where: { categoryId: ANNOUNCEMENTS } });
    for (const role of ['CLIENT', 'READER'] as const) {
      const res = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: ANNOUNCEMENTS, title: 'Big news', content: 'x' } }, (await seed.user(role).create()).token);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0]!.extensions!.reason).toBe('ADMIN_ONLY_CATEGORY');
    }
    expect(await fed.db.prisma.forumPost.count({ where: { categoryId: ANNOUNCEMENTS } })).toBe(before);
    await post(admin, 'Welcome', ANNOUNCEMENTS);
    expect(await fed.db.prisma.forumPost.count({ where: { categoryId: ANNOUNCEMENTS } })).toBe(before + 1);
  });

  it('pages 10 posts by default, pinned first, newest or most active', async () => {
    const author = await seed.client().create();
    const start = Date.now() - 3600_000;
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) {
      const p = await fed.db.prisma.forumPost.create({
        data: { authorId: author.id, categoryId: 'forum-readings', title: `Paged ${i}`, content: 'x', createdAt: new Date(start + i * 1000), lastActivityAt: new Date(start + i * 1000) },
      });
      ids.push(p.id);
    }
    await fed.run(CommunityModerateForumPostDocument, { postId: ids[0]!, action: 'PIN' }, admin.token);
    const page1 = await fed.run(CommunityForumPostsDocument, { categorySlug: 'readings' });
    const nodes = page1.data!.forumPosts.edges.map((e) => e.node);
    expect(nodes).toHaveLength(10);
    expect(nodes[0]).toMatchObject({ id: ids[0], isPinned: true });
    expect(nodes.slice(1).map((n) => n.id)).toEqual(ids.slice(4).reverse());
    expect(page1.data!.forumPosts.pageInfo.hasNextPage).toBe(true);
    const page2 = await fed.run(CommunityForumPostsDocument, { categorySlug: 'readings', after: page1.data!.forumPosts.pageInfo.endCursor });
    expect(page2.data!.forumPosts.edges.map((e) => e.node.id)).toEqual(ids.slice(1, 4).reverse());
    expect(page2.data!.forumPosts.pageInfo.hasNextPage).toBe(false);

    // A reply to the oldest unpinned post makes it the most active.
    await fed.run(CommunityCreateForumReplyDocument, { input: { postId: ids[1]!, content: 'bump' } }, author.token);
    const active = await fed.run(CommunityForumPostsDocument, { categoryId: 'forum-readings', order: 'MOST_ACTIVE', first: 3 });
    expect(active.data!.forumPosts.edges.map((e) => e.node.id)).toEqual([ids[0], ids[1], ids[12]]);
  });

  it('counts a view once per viewer per day', async () => {
    const author = await seed.client().create();
    const p = await post(author);
    const reader = await seed.reader().create();
    const view = (token?: string, ua = 'agent-a') =>
      postGraphQL<{ forumPost: { viewCount: number } }>(fed.url, { query: print(CommunityForumPostDocument), variables: { id: p.id } }, token, { 'user-agent': ua });
    expect((await view(author.token)).data!.forumPost.viewCount).toBe(1);
    expect((await view(author.token)).data!.forumPost.viewCount).toBe(1);
    expect((await view(reader.token)).data!.forumPost.viewCount).toBe(2);
    expect((await view(undefined, 'anon-1')).data!.forumPost.viewCount).toBe(3);
    expect((await view(undefined, 'anon-1')).data!.forumPost.viewCount).toBe(3);
    await Promise.all(Array.from({ length: 5 }, () => view(reader.token)));
    expect((await fed.db.prisma.forumPost.findUniqueOrThrow({ where: { id: p.id } })).viewCount).toBe(3);
  });
});

describe('replies, editing and moderation', () => {
  it('replies one level deep: replying to a reply is refused', async () => {
    const author = await seed.client().create();
    const p = await post(author);
    const r = await fed.run(CommunityCreateForumReplyDocument, { input: { postId: p.id, content: 'First!' } }, author.token);
    expect(r.errors).toBeUndefined();
    const nested = await fed.run(CommunityCreateForumReplyDocument, { input: { postId: r.data!.createForumReply.id, content: 'nested' } }, author.token);
    expect(errorCode(nested)).toBe('BAD_USER_INPUT');
    expect(nested.errors![0]!.extensions!.reason).toBe('REPLY_TO_REPLY');
    expect(await fed.db.prisma.forumReply.count({ where: { authorId: author.id } })).toBe(1);
    const read = await fed.run(CommunityForumPostDocument, { id: p.id });
    expect(read.data!.forumPost!.replyCount).toBe(1);
    expect(read.data!.forumPost!.replies.edges.map((e) => e.node.content)).toEqual(['First!']);
  });

  it('refuses replies in a locked post and audits the lock', async () => {
    const author = await seed.client().create();
    const p = await post(author);
    const notAdmin = await fed.run(CommunityModerateForumPostDocument, { postId: p.id, action: 'LOCK' }, author.token);
    expect(errorCode(notAdmin)).toBe('FORBIDDEN');
    const lock = await fed.run(CommunityModerateForumPostDocument, { postId: p.id, action: 'LOCK', reason: 'heated' }, admin.token);
    expect(lock.data!.moderateForumPost.isLocked).toBe(true);
    const reply = await fed.run(CommunityCreateForumReplyDocument, { input: { postId: p.id, content: 'let me in' } }, author.token);
    expect(errorCode(reply)).toBe('FORBIDDEN');
    expect(reply.errors![0]!.extensions!.reason).toBe('POST_LOCKED');
    expect(await fed.db.prisma.forumReply.count({ where: { postId: p.id } })).toBe(0);
    const audit = await fed.db.prisma.auditLog.findMany({ where: { entityType: 'forum_post', entityId: p.id } });
    expect(audit).toMatchObject([{ action: 'forum:lock', userId: admin.id }]);

    const archived = await fed.run(CommunityModerateForumPostDocument, { postId: p.id, action: 'ARCHIVE' }, admin.token);
    expect(archived.data!.moderateForumPost.status).toBe('ARCHIVED');
    const listed = await fed.run(CommunityForumPostsDocument, { categoryId: GENERAL, first: 50 });
    expect(listed.data!.forumPosts.edges.some((e) => e.node.id === p.id)).toBe(false);
    expect((await fed.run(CommunityForumPostDocument, { id: p.id })).data!.forumPost!.status).toBe('ARCHIVED');
  });

  it('lets only authors edit and delete (soft delete)', async () => {
    const author = await seed.client().create();
    const other = await seed.client().create();
    const p = await post(author, 'Original title');
    const r = (await fed.run(CommunityCreateForumReplyDocument, { input: { postId: p.id, content: 'mine' } }, author.token)).data!.createForumReply;

    expect(errorCode(await fed.run(CommunityUpdateForumPostDocument, { input: { postId: p.id, title: 'Hijacked' } }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CommunityDeleteForumPostDocument, { postId: p.id }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CommunityUpdateForumReplyDocument, { input: { replyId: r.id, content: 'x' } }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CommunityUpdateForumPostDocument, { input: { postId: p.id } }, author.token))).toBe('BAD_USER_INPUT');

    const edited = await fed.run(CommunityUpdateForumPostDocument, { input: { postId: p.id, title: 'Better title' } }, author.token);
    expect(edited.data!.updateForumPost).toMatchObject({ title: 'Better title', content: 'Hello there' });
    expect((await fed.run(CommunityUpdateForumReplyDocument, { input: { replyId: r.id, content: 'edited' } }, author.token)).data!.updateForumReply.content).toBe('edited');

    expect((await fed.run(CommunityDeleteForumReplyDocument, { replyId: r.id }, author.token)).data!.deleteForumReply.status).toBe('DELETED');
    expect((await fed.db.prisma.forumPost.findUniqueOrThrow({ where: { id: p.id } })).replyCount).toBe(0);
    expect((await fed.run(CommunityDeleteForumPostDocument, { postId: p.id }, author.token)).data!.deleteForumPost.status).toBe('DELETED');
    expect(await fed.db.prisma.forumPost.count({ where: { id: p.id } })).toBe(1);
    expect((await fed.run(CommunityForumPostDocument, { id: p.id }, author.token)).data!.forumPost).toBeNull();
    expect(errorCode(await fed.run(CommunityCreateForumReplyDocument, { input: { postId: p.id, content: 'ghost' } }, other.token))).toBe('NOT_FOUND');
  });

  it('limits how fast one user posts (RATE_LIMITED, nothing written)', async () => {
    const flooder = await seed.client().create();
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: GENERAL, title: `Flood ${i}`, content: 'x' } }, flooder.token));
    expect(results.slice(0, 10).every((r) => !r.errors)).toBe(true);
    expect(errorCode(results[10]!)).toBe('RATE_LIMITED');
    expect(results[10]!.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(await fed.db.prisma.forumPost.count({ where: { authorId: flooder.id } })).toBe(10);
  });
});

describe('flags and the moderation queue', () => {
  it('flags once per user, queues for admins, and suspends the author on request', async () => {
    const author = await seed.client().create();
    await fed.db.prisma.refreshToken.create({
      data: { userId: author.id, tokenHash: randomBytes(16).toString('hex'), familyId: 'f1', expiresAt: new Date(Date.now() + 86400_000) },
    });
    const p = await post(author, 'Buy my crystals');
    const reporter = await seed.client().create();
    const reporter2 = await seed.reader().create();

    const bad = await fed.run(CommunityFlagContentDocument, { input: { reason: 'spam' } }, reporter.token);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const f1 = await fed.run(CommunityFlagContentDocument, { input: { postId: p.id, reason: 'spam' } }, reporter.token);
    expect(f1.data!.flagContent.status).toBe('OPEN');
    const again = await fed.run(CommunityFlagContentDocument, { input: { postId: p.id, reason: 'still spam' } }, reporter.token);
    expect(errorCode(again)).toBe('CONFLICT');
    await fed.run(CommunityFlagContentDocument, { input: { postId: p.id, reason: 'scam' } }, reporter2.token);
    expect(await fed.db.prisma.contentFlag.count({ where: { postId: p.id } })).toBe(2);

    expect(errorCode(await fed.run(CommunityModerationQueueDocument, {}, reporter.token))).toBe('FORBIDDEN');
    const queue = await fed.run(CommunityModerationQueueDocument, { first: 50 }, admin.token);
    const mine = queue.data!.moderationQueue.edges.filter((e) => e.node.post?.id === p.id);
    expect(mine.map((e) => e.node.reason)).toEqual(['spam', 'scam']);

    expect(errorCode(await fed.run(CommunityResolveFlagDocument, { flagId: f1.data!.flagContent.id, resolution: 'KEEP' }, reporter.token))).toBe('FORBIDDEN');
    const resolved = await fed.run(CommunityResolveFlagDocument, { flagId: f1.data!.flagContent.id, resolution: 'SUSPEND_AUTHOR', note: 'scammer' }, admin.token);
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolveFlag).toMatchObject({ status: 'AUTHOR_SUSPENDED', resolvedBy: { id: admin.id } });

    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: author.id } })).status).toBe('SUSPENDED');
    expect(await fed.db.prisma.refreshToken.count({ where: { userId: author.id, revokedAt: null } })).toBe(0);
    expect((await fed.db.prisma.forumPost.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('DELETED');
    expect(await fed.db.prisma.contentFlag.count({ where: { postId: p.id, status: 'OPEN' } })).toBe(0);
    const audit = await fed.db.prisma.auditLog.findMany({ where: { entityType: 'content_flag', entityId: f1.data!.flagContent.id } });
    expect(audit).toMatchObject([{ action: 'moderation:suspend_author', userId: admin.id }]);

    const twice = await fed.run(CommunityResolveFlagDocument, { flagId: f1.data!.flagContent.id, resolution: 'KEEP' }, admin.token);
    expect(errorCode(twice)).toBe('CONFLICT');
  });

  it('flags a reply and removes it on review', async () => {
    const author = await seed.client().create();
    const p = await post(author);
    const r = (await fed.run(CommunityCreateForumReplyDocument, { input: { postId: p.id, content: 'rude' } }, author.token)).data!.createForumReply;
    const reporter = await seed.client().create();
    const f = await fed.run(CommunityFlagContentDocument, { input: { replyId: r.id, reason: 'rude reply' } }, reporter.token);
    expect(errorCode(await fed.run(CommunityFlagContentDocument, { input: { replyId: r.id, reason: 'again' } }, reporter.token))).toBe('CONFLICT');
    const res = await fed.run(CommunityResolveFlagDocument, { flagId: f.data!.flagContent.id, resolution: 'REMOVE' }, admin.token);
    expect(res.data!.resolveFlag.status).toBe('REMOVED');
    expect((await fed.db.prisma.forumReply.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('DELETED');
    expect((await fed.db.prisma.forumPost.findUniqueOrThrow({ where: { id: p.id } })).replyCount).toBe(0);
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: author.id } })).status).toBe('ACTIVE');
  });
});
