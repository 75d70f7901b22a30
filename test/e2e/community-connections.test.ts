import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommunityCreateVirtualGiftDocument,
  CommunityDeactivateVirtualGiftDocument,
  CommunityForumCategoriesDocument,
  CommunityScheduleLiveStreamDocument,
  CommunityStreamInviteesDocument,
  CommunityVirtualGiftsDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

// The lists that grow (a stream's invitees, the gift catalogue, the forum categories) are Relay connections:
// pages that follow each other with no duplicate and no gap in a stable order, a bounded page size (refused
// above it, not clamped), and the same visibility rules as when they were plain lists.

let fed: TestFederation;
let seed: Seed;
let admin: TestUser;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().create();
});
afterAll(async () => {
  await fed?.stop();
});

interface Page {
  edges: ReadonlyArray<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Follows endCursor from the first page to the last; returns the node ids in order and how many pages it took. */
async function walk(fetchPage: (after: string | undefined) => Promise<Page>) {
  const ids: string[] = [];
  let after: string | undefined;
  for (let pages = 1; pages <= 50; pages++) {
    const page = await fetchPage(after);
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return { ids, pages };
    after = page.pageInfo.endCursor ?? undefined;
  }
  throw new Error('More than 50 pages: the cursor does not advance.');
}

const tag = () => randomBytes(4).toString('hex');

describe('forumCategories', () => {
  it('pages every category once, in display order with ties broken the same way each time', async () => {
    // Four more categories at the same position as an existing one: only the name, then the id, orders them.
    const t = tag();
    for (const n of ['d', 'a', 'c', 'b']) {
      await fed.db.prisma.forumCategory.create({ data: { slug: `extra-${t}-${n}`, name: `Extra ${t} ${n}`, sortOrder: 1 } });
    }
    const expected = (await fed.db.prisma.forumCategory.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }, { id: 'asc' }], select: { id: true } })).map((r) => r.id);
    expect(expected.length).toBeGreaterThanOrEqual(9);

    const fetchPage = async (after?: string) => {
      const res = await fed.run(CommunityForumCategoriesDocument, { first: 2, after });
      expect(res.errors).toBeUndefined();
      return res.data!.forumCategories;
    };
    const { ids, pages } = await walk(fetchPage);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    // The same page asked twice is the same page.
    const second = (await fetchPage()).pageInfo.endCursor!;
    expect((await fetchPage(second)).edges).toEqual((await fetchPage(second)).edges);

    // Without `first`, one page of up to 50 holds them all.
    const all = await fed.run(CommunityForumCategoriesDocument, {});
    expect(all.data!.forumCategories.edges.map((e) => e.node.id)).toEqual(expected);
    expect(all.data!.forumCategories.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a page over 100, a negative page and a forged cursor with BAD_USER_INPUT', async () => {
    expect((await fed.run(CommunityForumCategoriesDocument, { first: 100 })).errors).toBeUndefined();
    const over = await fed.run(CommunityForumCategoriesDocument, { first: 101 });
    expect(errorCode(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0]!.extensions).toMatchObject({ field: 'first' });
    expect(over.data).toBeNull();
    expect(errorCode(await fed.run(CommunityForumCategoriesDocument, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunityForumCategoriesDocument, { first: 2, after: 'garbage' }))).toBe('BAD_USER_INPUT');
  });
});

describe('virtualGifts', () => {
  it('pages the catalogue without duplicates in a stable order; inactive gifts only for an admin who asks', async () => {
    // Five gifts at the same position and price: the id breaks the tie.
    const t = tag();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fed.run(
        CommunityCreateVirtualGiftDocument,
        { input: { name: `Tie ${t} ${i}`, priceCents: 777, sortOrder: 5, imageUrl: 'https://cdn.example.com/t.png' } },
        admin.token,
      );
      expect(res.errors).toBeUndefined();
      created.push(res.data!.createVirtualGift.id);
    }
    const inactive = created[2]!;
    expect((await fed.run(CommunityDeactivateVirtualGiftDocument, { id: inactive }, admin.token)).errors).toBeUndefined();

    const order = [{ sortOrder: 'asc' as const }, { priceCents: 'asc' as const }, { id: 'asc' as const }];
    const activeIds = (await fed.db.prisma.virtualGift.findMany({ where: { isActive: true }, orderBy: order, select: { id: true } })).map((g) => g.id);
    const allIds = (await fed.db.prisma.virtualGift.findMany({ orderBy: order, select: { id: true } })).map((g) => g.id);

    const pagesFor = (token: string | undefined, includeInactive: boolean) =>
      walk(async (after) => {
        const res = await fed.run(CommunityVirtualGiftsDocument, { first: 2, after, includeInactive }, token);
        expect(res.errors).toBeUndefined();
        return res.data!.virtualGifts;
      });

    const anonymous = await pagesFor(undefined, false);
    expect(anonymous.ids).toEqual(activeIds);
    expect(activeIds.length).toBeGreaterThanOrEqual(4);
    expect(anonymous.pages).toBe(Math.ceil(activeIds.length / 2));
    expect(new Set(anonymous.ids).size).toBe(anonymous.ids.length);
    expect(anonymous.ids).not.toContain(inactive);

    // A client asking for inactive gifts gets the active catalogue, as before.
    const client = await seed.client().create();
    expect((await pagesFor(client.token, true)).ids).toEqual(activeIds);
    // An admin who asks pages through everything, the deactivated gift in its place.
    const everything = await pagesFor(admin.token, true);
    expect(everything.ids).toEqual(allIds);
    expect(everything.ids).toContain(inactive);
  });

  it('refuses a page over 100, a negative page and a forged cursor with BAD_USER_INPUT', async () => {
    expect((await fed.run(CommunityVirtualGiftsDocument, { first: 100 })).errors).toBeUndefined();
    const over = await fed.run(CommunityVirtualGiftsDocument, { first: 101 });
    expect(errorCode(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0]!.extensions).toMatchObject({ field: 'first' });
    expect(errorCode(await fed.run(CommunityVirtualGiftsDocument, { first: -5 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunityVirtualGiftsDocument, { first: 2, after: 'Z1BDOm5vcGU=' }))).toBe('BAD_USER_INPUT');
  });
});

describe('LiveStream.invitedUsers', () => {
  async function privateStream(reader: TestUser, invitees: TestUser[]) {
    const res = await fed.run(
      CommunityScheduleLiveStreamDocument,
      {
        input: {
          title: 'Private circle',
          category: 'tarot',
          scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
          visibility: 'PRIVATE',
          invitedUserIds: invitees.map((u) => u.id),
        },
      },
      reader.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.scheduleLiveStream.id;
  }

  it('pages the invitees in invitation order, each once, for the reader and for admins', async () => {
    const reader = await seed.reader().create();
    const invitees = await Promise.all(Array.from({ length: 5 }, () => seed.client().create()));
    const id = await privateStream(reader, invitees);
    // Invited together, they share createdAt: the invitation id is the tie-breaker.
    const expected = (await fed.db.prisma.streamInvite.findMany({ where: { streamId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((r) => r.userId);
    expect(new Set(expected)).toEqual(new Set(invitees.map((u) => u.id)));

    for (const viewer of [reader, admin]) {
      const { ids, pages } = await walk(async (after) => {
        const res = await fed.run(CommunityStreamInviteesDocument, { id, first: 2, after }, viewer.token);
        expect(res.errors).toBeUndefined();
        return res.data!.liveStream!.invitedUsers!;
      });
      expect(ids).toEqual(expected);
      expect(pages).toBe(3);
    }
    // A page asked twice is the same page; the default page holds all five.
    const again = async () => (await fed.run(CommunityStreamInviteesDocument, { id, first: 2 }, reader.token)).data!.liveStream!.invitedUsers!.edges;
    expect(await again()).toEqual(await again());
    const whole = await fed.run(CommunityStreamInviteesDocument, { id }, reader.token);
    expect(whole.data!.liveStream!.invitedUsers!.edges.map((e) => e.node.id)).toEqual(expected);
  });

  it('stays hidden from everyone but the stream\'s reader and admins, whatever the page arguments', async () => {
    const reader = await seed.reader().create();
    const invitee = await seed.client().create();
    const id = await privateStream(reader, [invitee]);
    const otherReader = await seed.reader().create();

    // An invitee sees the stream but not who else is invited (null, no error), even with a page too large.
    for (const first of [1, 101]) {
      const res = await fed.run(CommunityStreamInviteesDocument, { id, first }, invitee.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.liveStream).toMatchObject({ id, invitedUsers: null });
    }
    // Other readers and anonymous users do not see the private stream at all.
    for (const token of [otherReader.token, undefined]) {
      const res = await fed.run(CommunityStreamInviteesDocument, { id, first: 1 }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.liveStream).toBeNull();
    }
    // An invitation id used as a cursor on another stream reveals nothing either: the invitee's own view is null.
    const cursor = (await fed.run(CommunityStreamInviteesDocument, { id, first: 1 }, reader.token)).data!.liveStream!.invitedUsers!.edges[0]!.cursor;
    const probe = await fed.run(CommunityStreamInviteesDocument, { id, first: 1, after: cursor }, invitee.token);
    expect(probe.data!.liveStream!.invitedUsers).toBeNull();
  });

  it('refuses a page over 100, a negative page and a forged cursor with BAD_USER_INPUT (for those who may see it)', async () => {
    const reader = await seed.reader().create();
    const id = await privateStream(reader, [await seed.client().create()]);
    expect((await fed.run(CommunityStreamInviteesDocument, { id, first: 100 }, reader.token)).errors).toBeUndefined();
    const over = await fed.run(CommunityStreamInviteesDocument, { id, first: 101 }, reader.token);
    expect(errorCode(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0]!.extensions).toMatchObject({ field: 'first' });
    expect(errorCode(await fed.run(CommunityStreamInviteesDocument, { id, first: -1 }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunityStreamInviteesDocument, { id, first: 1, after: 'garbage' }, reader.token))).toBe('BAD_USER_INPUT');
  });
});
