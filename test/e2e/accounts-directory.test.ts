import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReaderDirectoryDocument,
  ReaderStatusViewDocument,
  SetReaderStatusDocument,
  SetUserStatusDocument,
  InviteReaderDocument,
  type ReaderDirectoryQueryVariables,
  type ReaderFilter,
  type ReaderSort,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, uniqueEmail, type Actor, type Seed } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
let admin: Actor;
let client: Actor;
const r: Record<'aria' | 'basil' | 'cora' | 'dax' | 'esme', Actor> = {} as never;
const name = new Map<string, string>();

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
  client = await seed.client().registered().create();
  const specs = {
    aria: { first: 'Aria', last: 'Moon', headline: 'Tarot & love', specialties: ['tarot', 'love'], languages: ['en'], exp: 5, rating: 4.9, status: 'ONLINE', rates: { CHAT: 200, CALL: 500 } },
    basil: { first: 'Basil', last: 'Star', headline: 'Astrology charts', specialties: ['astrology'], languages: ['en', 'fr'], exp: 20, rating: 4.5, status: 'INVISIBLE', rates: { VIDEO: 1500 } },
    cora: { first: 'Cora', last: 'Quill', headline: 'Mediumship', specialties: ['mediumship', 'tarot'], languages: ['es'], exp: 1, rating: 3.0, status: 'AWAY', rates: { CHAT: 100 } },
    dax: { first: 'Dax', last: 'Fern', headline: 'Dream interpretation and tarot', specialties: ['dreams'], languages: ['de', 'en'], exp: 12, rating: 4.7, status: 'ONLINE', rates: { CALL: 800, VIDEO: 900 } },
    esme: { first: 'Esme', last: 'Gale', headline: 'Runes', specialties: ['tarot'], languages: ['en'], exp: 30, rating: 5.0, status: 'OFFLINE', rates: {} },
  } as const;
  for (const [key, s] of Object.entries(specs)) {
    const rates = Object.entries(s.rates).map(([sessionType, ratePerMinuteCents]) => ({ sessionType: sessionType as 'CHAT', ratePerMinuteCents }));
    const actor = await seed
      .reader()
      .named(s.first, { lastName: s.last, displayName: `${s.first} ${s.last}` })
      .invitedBy(admin)
      .withProfile({
        headline: s.headline,
        specialties: [...s.specialties],
        languages: [...s.languages],
        yearsOfExperience: s.exp,
        sessionTypes: rates.map((x) => x.sessionType),
        rates,
      })
      .create();
    r[key as keyof typeof r] = actor;
    name.set(actor.id, key);
    // Ratings are written by the readings subgraph when reviews arrive; set them directly here.
    await fed.db.sql('UPDATE readers SET average_rating = $1, rating_count = 10 WHERE user_id = $2', [s.rating, actor.id]);
    if (s.status !== 'OFFLINE') expect((await fed.run(SetReaderStatusDocument, { status: s.status }, actor.token)).errors).toBeUndefined();
  }
  // Never listed: a suspended reader and a pending (invited, not yet accepted) one.
  const suspended = await seed.reader().named('Sus', { lastName: 'Pended' }).invitedBy(admin).withProfile({ specialties: ['tarot'] }).create();
  await fed.run(SetUserStatusDocument, { input: { userId: suspended.id, status: 'SUSPENDED', reason: 'test' } }, admin.token);
  await fed.run(InviteReaderDocument, { input: { email: uniqueEmail('pending'), firstName: 'Pen', lastName: 'Ding' } }, admin.token);
}, 120_000);
afterAll(async () => {
  await fed?.stop();
});

async function page(vars: ReaderDirectoryQueryVariables, token?: string) {
  const res = await fed.run(ReaderDirectoryDocument, vars, token);
  expect(res.errors).toBeUndefined();
  const c = res.data!.readers;
  return { names: c.edges.map((e) => name.get(e.node.id)), c };
}

/** Walks every page with `after`, checking totalCount stays the same on each. */
async function all(filter: ReaderFilter | undefined, sort: ReaderSort | undefined, first: number) {
  const names: Array<string | undefined> = [];
  let after: string | null | undefined;
  let total: number | undefined;
  let pages = 0;
  for (;;) {
    const { names: n, c } = await page({ filter, sort, first, after });
    total ??= c.totalCount;
    expect(c.totalCount).toBe(total);
    names.push(...n);
    pages += 1;
    if (!c.pageInfo.hasNextPage) break;
    expect(n).toHaveLength(first);
    after = c.pageInfo.endCursor;
  }
  expect(names).toHaveLength(total!);
  return { names, pages };
}

describe('reader directory', () => {
  it('lists only active readers, by rating by default, with totalCount', async () => {
    const { names, c } = await page({});
    expect(names).toEqual(['esme', 'aria', 'dax', 'basil', 'cora']);
    expect(c.totalCount).toBe(5);
  });

  it.each<[string, ReaderSort, string[]]>([
    ['rating', 'RATING', ['esme', 'aria', 'dax', 'basil', 'cora']],
    ['price, cheapest first (no rate last)', 'PRICE_LOW', ['cora', 'aria', 'dax', 'basil', 'esme']],
    ['price, dearest first (no rate last)', 'PRICE_HIGH', ['basil', 'dax', 'aria', 'cora', 'esme']],
    ['experience', 'EXPERIENCE', ['esme', 'basil', 'dax', 'aria', 'cora']],
  ])('sorts by %s across pages of 2 via after', async (_label, sort, expected) => {
    const { names, pages } = await all(undefined, sort, 2);
    expect(names).toEqual(expected);
    expect(pages).toBe(3);
  });

  it.each<[string, ReaderFilter, string[]]>([
    ['specialty (any case)', { specialty: ' TAROT ' }, ['esme', 'aria', 'cora']],
    ['session type', { sessionType: 'VIDEO' }, ['dax', 'basil']],
    ['session type with a price range on that type', { sessionType: 'CALL', maxPriceCents: 600 }, ['aria']],
    ['language (any case)', { language: 'EN' }, ['esme', 'aria', 'dax', 'basil']],
    ['online now (INVISIBLE and AWAY excluded)', { onlineNow: true }, ['aria', 'dax']],
    ['price range on the lowest rate', { minPriceCents: 150, maxPriceCents: 900 }, ['aria', 'dax']],
    ['minimum price only', { minPriceCents: 1000 }, ['basil']],
    ['text in the display name', { search: 'moon' }, ['aria']],
    ['text in the headline', { search: 'TAROT' }, ['aria', 'dax']],
    ['text in the last name', { search: 'quill' }, ['cora']],
    ['text that matches nobody', { search: 'zzz' }, []],
    ['several filters at once', { specialty: 'tarot', language: 'en', maxPriceCents: 300 }, ['aria']],
  ])('filters by %s', async (_label, filter, expected) => {
    const { names, c } = await page({ filter });
    expect(names).toEqual(expected);
    expect(c.totalCount).toBe(expected.length);
  });

  it('paginates a filtered, sorted list with after (page 2 and the end)', async () => {
    const p1 = await page({ filter: { specialty: 'tarot' }, sort: 'EXPERIENCE', first: 2 });
    expect(p1.names).toEqual(['esme', 'aria']);
    expect(p1.c.pageInfo.hasNextPage).toBe(true);
    const p2 = await page({ filter: { specialty: 'tarot' }, sort: 'EXPERIENCE', first: 2, after: p1.c.pageInfo.endCursor });
    expect(p2.names).toEqual(['cora']);
    expect(p2.c.pageInfo.hasNextPage).toBe(false);
    expect(p2.c.totalCount).toBe(3);
    const byPrice = await all({ language: 'en' }, 'PRICE_LOW', 1);
    expect(byPrice.names).toEqual(['aria', 'dax', 'basil', 'esme']);
  });

  it('shows an INVISIBLE reader as OFFLINE to everyone but the reader and admins', async () => {
    const view = async (token?: string) => (await fed.run(ReaderStatusViewDocument, { id: r.basil.id }, token)).data!.reader!.status;
    expect(await view()).toBe('OFFLINE');
    expect(await view(client.token)).toBe('OFFLINE');
    expect(await view(r.aria.token)).toBe('OFFLINE');
    expect(await view(r.basil.token)).toBe('INVISIBLE');
    expect(await view(admin.token)).toBe('INVISIBLE');
    const listed = await fed.run(ReaderDirectoryDocument, { filter: { language: 'fr' } }, client.token);
    expect(listed.data!.readers.edges[0]!.node.status).toBe('OFFLINE');
  });

  it('setReaderStatus is for readers, and BUSY is the platform\'s to set', async () => {
    expect(errorCode(await fed.run(SetReaderStatusDocument, { status: 'ONLINE' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(SetReaderStatusDocument, { status: 'ONLINE' }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(SetReaderStatusDocument, { status: 'BUSY' }, r.esme.token))).toBe('BAD_USER_INPUT');
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: r.esme.id } })).status).toBe('OFFLINE');
  });

  it('refuses bad filters and page sizes with BAD_USER_INPUT', async () => {
    for (const vars of [
      { filter: { search: 's'.repeat(101) } },
      { filter: { minPriceCents: -1 } },
      { filter: { maxPriceCents: 100_001 } },
      { filter: { specialty: 's'.repeat(101) } },
      { filter: { sessionType: 'TELEPATHY' } },
      { first: 'ten' },
      { first: -1 },
      { sort: 'RANDOM' },
    ] as ReaderDirectoryQueryVariables[]) {
      const res = await fed.run(ReaderDirectoryDocument, vars);
      expect(errorCode(res), JSON.stringify(vars)).toBe('BAD_USER_INPUT');
    }
  });
});
