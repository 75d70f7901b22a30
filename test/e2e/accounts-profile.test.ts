import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangePasswordDocument,
  LoginDocument,
  MyProfileDocument,
  RefreshTokenDocument,
  UpdateClientProfileDocument,
  type UpdateClientProfileInput,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, login, PASSWORD, type Seed } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
});

describe('changePassword', () => {
  it('needs the current password, revokes every refresh token and returns a working new pair', async () => {
    const client = await seed.client().registered().create();
    const otherDevice = await login(fed, client.email);

    const changed = await fed.run(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: 'brand-new-pass-7' } }, client.token);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changePassword.user.id).toBe(client.id);

    // Both earlier sessions are gone; the pair returned by changePassword still rotates.
    for (const rt of [client.refreshToken, otherDevice.refreshToken]) {
      expect(errorCode(await fed.run(RefreshTokenDocument, { refreshToken: rt }))).toBe('UNAUTHENTICATED');
    }
    const rotated = await fed.run(RefreshTokenDocument, { refreshToken: changed.data!.changePassword.refreshToken });
    expect(rotated.errors).toBeUndefined();

    expect(errorCode(await fed.run(LoginDocument, { input: { email: client.email, password: PASSWORD } }))).toBe('UNAUTHENTICATED');
    const fresh = await fed.run(LoginDocument, { input: { email: client.email, password: 'brand-new-pass-7' } });
    expect(fresh.data!.login.user.id).toBe(client.id);
  });

  it('refuses a wrong current password, a weak or unchanged new one, and anonymous callers, changing nothing', async () => {
    const client = await seed.client().registered().create();
    const hashBefore = (await fed.db.prisma.user.findUniqueOrThrow({ where: { id: client.id } })).passwordHash;

    const wrong = await fed.run(ChangePasswordDocument, { input: { currentPassword: 'not-my-password-1', newPassword: 'brand-new-pass-7' } }, client.token);
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0]!.extensions).toMatchObject({ field: 'currentPassword', reason: 'WRONG_PASSWORD' });

    const weak = await fed.run(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: 'short1' } }, client.token);
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(weak.errors![0]!.extensions!.field).toBe('newPassword');

    const noDigit = await fed.run(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: 'onlyletters-here' } }, client.token);
    expect(errorCode(noDigit)).toBe('BAD_USER_INPUT');

    const same = await fed.run(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: PASSWORD } }, client.token);
    expect(errorCode(same)).toBe('BAD_USER_INPUT');

    const anon = await fed.run(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: 'brand-new-pass-7' } });
    expect(errorCode(anon)).toBe('UNAUTHENTICATED');

    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: client.id } })).passwordHash).toBe(hashBefore);
    // The original refresh token survived all of the refused attempts.
    expect((await fed.run(RefreshTokenDocument, { refreshToken: client.refreshToken })).errors).toBeUndefined();
  });
});

describe('updateClientProfile', () => {
  it('updates every field, normalises timezone and categories, and reads back through me', async () => {
    const client = await seed.client().registered().create();
    const input: UpdateClientProfileInput = {
      firstName: '  Maya ',
      lastName: 'Moon',
      avatarUrl: 'https://cdn.example.com/a.png',
      bio: 'Curious about tarot.',
      birthDate: '1990-04-05',
      timezone: 'europe/london',
      preferences: { notifications: { email: true, push: false }, theme: 'dark' },
      preferredSessionTypes: ['CHAT', 'VIDEO', 'CHAT'],
      preferredCategories: ['Tarot', '  Love   Readings ', 'tarot'],
    };
    const res = await fed.run(UpdateClientProfileDocument, { input }, client.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateClientProfile.clientProfile).toEqual({
      firstName: 'Maya',
      lastName: 'Moon',
      avatarUrl: 'https://cdn.example.com/a.png',
      bio: 'Curious about tarot.',
      birthDate: '1990-04-05',
      timezone: 'Europe/London',
      preferences: { notifications: { email: true, push: false }, theme: 'dark' },
      preferredSessionTypes: ['CHAT', 'VIDEO'],
      preferredCategories: ['tarot', 'love readings'],
      showNameInLeaderboards: false,
    });
    expect(res.data!.updateClientProfile.user).toMatchObject({ displayName: 'Maya M.', avatarUrl: 'https://cdn.example.com/a.png' });

    // Omitted fields stay; null clears a clearable field.
    const partial = await fed.run(UpdateClientProfileDocument, { input: { bio: null, lastName: 'Star' } }, client.token);
    expect(partial.errors).toBeUndefined();
    const me = await fed.run(MyProfileDocument, {}, client.token);
    expect(me.data!.me!.clientProfile).toMatchObject({ firstName: 'Maya', lastName: 'Star', bio: null, timezone: 'Europe/London' });
  });

  const bad: Array<[string, UpdateClientProfileInput, string]> = [
    ['over-long first name', { firstName: 'x'.repeat(61) }, 'firstName'],
    ['empty first name', { firstName: '   ' }, 'firstName'],
    ['over-long bio', { bio: 'b'.repeat(2001) }, 'bio'],
    ['non-http avatar', { avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
    ['not a URL', { avatarUrl: 'not a url' }, 'avatarUrl'],
    ['unknown timezone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['offset instead of a zone', { timezone: '+01:00' }, 'timezone'],
    ['abbreviation instead of a zone', { timezone: 'EST' }, 'timezone'],
    ['null timezone', { timezone: null }, 'timezone'],
    ['preferences not an object', { preferences: [1, 2, 3] }, 'preferences'],
    ['preferences a string', { preferences: 'dark' }, 'preferences'],
    ['preferences too large', { preferences: { blob: 'x'.repeat(5000) } }, 'preferences'],
    ['too many categories', { preferredCategories: Array.from({ length: 21 }, (_, i) => `category-${i}`) }, 'preferredCategories'],
    ['over-long category', { preferredCategories: ['c'.repeat(41)] }, 'preferredCategories.0'],
    ['minor', { birthDate: new Date(Date.now() - 10 * 365 * 86_400_000).toISOString().slice(0, 10) }, 'birthDate'],
    ['birth date in the future', { birthDate: '2999-01-01' }, 'birthDate'],
  ];
  it.each(bad)('refuses %s with BAD_USER_INPUT on the field and changes nothing', async (_name, input, field) => {
    const client = await seed.client().named('Keep').registered().create();
    const before = await fed.db.prisma.client.findUniqueOrThrow({ where: { userId: client.id } });
    const res = await fed.run(UpdateClientProfileDocument, { input }, client.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(await fed.db.prisma.client.findUniqueOrThrow({ where: { userId: client.id } })).toEqual(before);
  });

  it('refuses an impossible calendar date and wrong types at the GraphQL layer', async () => {
    const client = await seed.client().registered().create();
    expect(errorCode(await fed.run(UpdateClientProfileDocument, { input: { birthDate: '1990-02-30' } }, client.token))).toBe('BAD_USER_INPUT');
    const wrongType = await fed.run(UpdateClientProfileDocument, { input: { preferredSessionTypes: ['TELEPATHY'] } as never }, client.token);
    expect(errorCode(wrongType)).toBe('BAD_USER_INPUT');
    const wrongScalar = await fed.run(UpdateClientProfileDocument, { input: { firstName: 42 } as never }, client.token);
    expect(errorCode(wrongScalar)).toBe('BAD_USER_INPUT');
  });

  it('is for signed-in clients only', async () => {
    expect(errorCode(await fed.run(UpdateClientProfileDocument, { input: { bio: 'x' } }))).toBe('UNAUTHENTICATED');
    const admin = await seed.admin().loggedIn().create();
    const reader = await seed.reader().invitedBy(admin).create();
    expect(errorCode(await fed.run(UpdateClientProfileDocument, { input: { bio: 'x' } }, reader.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(UpdateClientProfileDocument, { input: { bio: 'x' } }, admin.token))).toBe('FORBIDDEN');
  });
});
