import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateReaderProfileDocument, type UpdateReaderProfileInput } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Actor, type Seed } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
let admin: Actor;
beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
});
afterAll(async () => {
  await fed?.stop();
});

const dbState = async (userId: string) => {
  const reader = await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId }, include: { rates: { orderBy: { sessionType: 'asc' } } } });
  return {
    ...reader,
    updatedAt: undefined,
    rates: reader.rates.map((r) => [r.sessionType, r.ratePerMinuteCents]),
  };
};

describe('updateReaderProfile', () => {
  it('updates every field, normalises tags and keeps rates and lowest_rate_cents in step', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    const input: UpdateReaderProfileInput = {
      firstName: 'Luna',
      lastName: 'Vale',
      displayName: 'Luna the Seer',
      headline: 'Tarot and moon magic',
      bio: 'Twenty years of readings.',
      avatarUrl: 'https://cdn.example.com/luna.png',
      specialties: ['Tarot', '  Love   Readings', 'tarot', 'ASTROLOGY'],
      yearsOfExperience: 20,
      certifications: ['Certified Tarot Reader'],
      languages: ['EN', 'es', 'en'],
      timezone: 'america/new_york',
      sessionTypes: ['CHAT', 'VIDEO'],
      rates: [
        { sessionType: 'CHAT', ratePerMinuteCents: 299 },
        { sessionType: 'VIDEO', ratePerMinuteCents: 599 },
      ],
    };
    const res = await fed.run(UpdateReaderProfileDocument, { input }, reader.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateReaderProfile.reader).toEqual({
      id: reader.id,
      firstName: 'Luna',
      lastName: 'Vale',
      displayName: 'Luna the Seer',
      headline: 'Tarot and moon magic',
      bio: 'Twenty years of readings.',
      avatarUrl: 'https://cdn.example.com/luna.png',
      specialties: ['tarot', 'love readings', 'astrology'],
      yearsOfExperience: 20,
      certifications: ['Certified Tarot Reader'],
      languages: ['en', 'es'],
      timezone: 'America/New_York',
      sessionTypes: ['CHAT', 'VIDEO'],
      lowestRateCents: 299,
      rates: expect.arrayContaining([
        { sessionType: 'CHAT', ratePerMinuteCents: 299 },
        { sessionType: 'VIDEO', ratePerMinuteCents: 599 },
      ]),
      chatRate: 299,
      isVerified: false,
    });

    // Changing one rate keeps the other; the lowest follows.
    const cheaper = await fed.run(UpdateReaderProfileDocument, { input: { rates: [{ sessionType: 'VIDEO', ratePerMinuteCents: 150 }] } }, reader.token);
    expect(cheaper.data!.updateReaderProfile.reader.lowestRateCents).toBe(150);
    expect((await dbState(reader.id)).rates).toEqual([
      ['CHAT', 299],
      ['VIDEO', 150],
    ]);

    // Dropping a type removes its rate; adding one needs a rate.
    const dropVideo = await fed.run(
      UpdateReaderProfileDocument,
      { input: { sessionTypes: ['CHAT', 'CALL'], rates: [{ sessionType: 'CALL', ratePerMinuteCents: 400 }] } },
      reader.token,
    );
    expect(dropVideo.errors).toBeUndefined();
    const state = await dbState(reader.id);
    expect(state.rates).toEqual([
      ['CHAT', 299],
      ['CALL', 400],
    ]);
    expect(state.lowestRateCents).toBe(299);
    expect(state.sessionTypes).toEqual(['CHAT', 'CALL']);

    // Offering nothing clears the rates and the lowest rate; null clears the headline.
    const none = await fed.run(UpdateReaderProfileDocument, { input: { sessionTypes: [], headline: null } }, reader.token);
    expect(none.data!.updateReaderProfile.reader).toMatchObject({ sessionTypes: [], rates: [], lowestRateCents: null, headline: null, chatRate: null });
  });

  const bad: Array<[string, UpdateReaderProfileInput, string]> = [
    ['a rate below $1.00', { rates: [{ sessionType: 'CHAT', ratePerMinuteCents: 99 }] }, 'rates.0.ratePerMinuteCents'],
    ['a rate above $1,000.00', { rates: [{ sessionType: 'CHAT', ratePerMinuteCents: 100_001 }] }, 'rates.0.ratePerMinuteCents'],
    ['an offered type without a rate', { sessionTypes: ['CHAT', 'CALL'] }, 'rates'],
    ['a rate for a type not offered', { rates: [{ sessionType: 'VIDEO', ratePerMinuteCents: 500 }] }, 'rates.0.sessionType'],
    [
      'the same type twice',
      { rates: [{ sessionType: 'CHAT', ratePerMinuteCents: 500 }, { sessionType: 'CHAT', ratePerMinuteCents: 600 }] },
      'rates.1.sessionType',
    ],
    ['an over-long headline', { headline: 'h'.repeat(121) }, 'headline'],
    ['an over-long bio', { bio: 'b'.repeat(5001) }, 'bio'],
    ['a one-letter display name', { displayName: 'L' }, 'displayName'],
    ['an empty first name', { firstName: ' ' }, 'firstName'],
    ['too many specialties', { specialties: Array.from({ length: 16 }, (_, i) => `specialty ${i}`) }, 'specialties'],
    ['an over-long specialty', { specialties: ['s'.repeat(41)] }, 'specialties.0'],
    ['an unknown language', { languages: ['zz'] }, 'languages.0'],
    ['a language name instead of a code', { languages: ['English'] }, 'languages.0'],
    ['negative experience', { yearsOfExperience: -1 }, 'yearsOfExperience'],
    ['implausible experience', { yearsOfExperience: 81 }, 'yearsOfExperience'],
    ['a bad avatar URL', { avatarUrl: 'ftp://example.com/a.png' }, 'avatarUrl'],
    ['a bad timezone', { timezone: 'Moon/Base' }, 'timezone'],
    ['a null display name', { displayName: null }, 'displayName'],
  ];
  // One reader for all the refusals: each one must leave it exactly as it was.
  let target: Actor | undefined;
  it.each(bad)('refuses %s with BAD_USER_INPUT naming the field, changing nothing', async (_name, input, field) => {
    target ??= await seed
      .reader()
      .invitedBy(admin)
      .withProfile({ sessionTypes: ['CHAT'], rates: [{ sessionType: 'CHAT', ratePerMinuteCents: 250 }], headline: 'Keep me' })
      .create();
    const reader = target;
    const before = await dbState(reader.id);
    const res = await fed.run(UpdateReaderProfileDocument, { input }, reader.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(await dbState(reader.id)).toEqual(before);
  });

  it('refuses wrong types at the GraphQL layer', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    const wrong = await fed.run(UpdateReaderProfileDocument, { input: { yearsOfExperience: 'ten' } as never }, reader.token);
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    const fractional = await fed.run(UpdateReaderProfileDocument, { input: { rates: [{ sessionType: 'CHAT', ratePerMinuteCents: 2.5 }] } as never }, reader.token);
    expect(errorCode(fractional)).toBe('BAD_USER_INPUT');
  });

  it('is for the signed-in reader only', async () => {
    const client = await seed.client().registered().create();
    expect(errorCode(await fed.run(UpdateReaderProfileDocument, { input: { bio: 'x' } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(UpdateReaderProfileDocument, { input: { bio: 'x' } }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(UpdateReaderProfileDocument, { input: { bio: 'x' } }, admin.token))).toBe('FORBIDDEN');
  });

  it('keeps offered types, rates and lowest_rate_cents consistent under concurrent edits', async () => {
    const reader = await seed
      .reader()
      .invitedBy(admin)
      .withProfile({ sessionTypes: ['CHAT', 'CALL', 'VIDEO'], rates: [
        { sessionType: 'CHAT', ratePerMinuteCents: 500 },
        { sessionType: 'CALL', ratePerMinuteCents: 500 },
        { sessionType: 'VIDEO', ratePerMinuteCents: 500 },
      ] })
      .create();
    const edits: UpdateReaderProfileInput[] = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0
        ? { sessionTypes: ['CHAT'], rates: [{ sessionType: 'CHAT', ratePerMinuteCents: 100 + i }] }
        : { sessionTypes: ['CHAT', 'CALL', 'VIDEO'], rates: [
            { sessionType: 'CHAT', ratePerMinuteCents: 1000 + i },
            { sessionType: 'CALL', ratePerMinuteCents: 2000 + i },
            { sessionType: 'VIDEO', ratePerMinuteCents: 300 + i },
          ] },
    );
    const results = await Promise.all(edits.map((input) => fed.run(UpdateReaderProfileDocument, { input }, reader.token)));
    expect(results.every((r) => !r.errors)).toBe(true);
    const state = await dbState(reader.id);
    expect(state.rates.map(([t]) => t).sort()).toEqual([...state.sessionTypes].sort());
    expect(state.lowestRateCents).toBe(Math.min(...state.rates.map(([, c]) => c as number)));
  });
});
