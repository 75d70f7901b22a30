import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditLogsDocument,
  MeDocument,
  ReaderPageDocument,
  UpdateClientProfileDocument,
  UserPrivateFieldsDocument,
  UserPublicFieldsDocument,
  VerifyReaderDocument,
} from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, login, type Actor, type Seed } from '../helpers/seed.js';

// Who may read what on a user: the person themself and admins see email, status, lastLoginAt and the client
// profile; everyone else (signed out, another client, a reader) sees only public fields, with a clear error.

let fed: TestFederation;
let seed: Seed;
let admin: Actor;
let alice: Actor;
let bob: Actor;
let reader: Actor;
type ViewerName = 'anonymous' | 'self' | 'other client' | 'reader' | 'admin';
let viewers: Record<ViewerName, string | undefined>;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
  alice = await seed.client().named('Alice').registered().create();
  alice = await login(fed, alice.email); // sets lastLoginAt
  await fed.run(UpdateClientProfileDocument, { input: { bio: 'Private bio', birthDate: '1985-01-02', preferences: { secret: true } } }, alice.token);
  bob = await seed.client().named('Bob').registered().create();
  reader = await seed.reader().named('Rae', { lastName: 'Dean' }).invitedBy(admin).create();
  await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: true } }, admin.token);
  viewers = { anonymous: undefined, self: alice.token, 'other client': bob.token, reader: reader.token, admin: admin.token };
}, 60_000);
afterAll(async () => {
  await fed?.stop();
});

const PRIVATE = ['email', 'status', 'lastLoginAt', 'clientProfile'] as const;

describe("field-level auth on a client's user", () => {
  it.each<[ViewerName, 'visible' | 'UNAUTHENTICATED' | 'FORBIDDEN']>([
    ['anonymous', 'UNAUTHENTICATED'],
    ['self', 'visible'],
    ['other client', 'FORBIDDEN'],
    ['reader', 'FORBIDDEN'],
    ['admin', 'visible'],
  ])('%s → %s', async (who, expected) => {
    const res = await fed.run(UserPrivateFieldsDocument, { id: alice.id }, viewers[who]);
    const user = res.data!.user!;
    // Public fields are always there.
    expect(user).toMatchObject({ id: alice.id, role: 'CLIENT', displayName: 'Alice C.' });
    if (expected === 'visible') {
      expect(res.errors).toBeUndefined();
      expect(user.email).toBe(alice.email);
      expect(user.status).toBe('ACTIVE');
      expect(user.lastLoginAt).not.toBeNull();
      expect(user.clientProfile).toEqual({ firstName: 'Alice', bio: 'Private bio', birthDate: '1985-01-02', preferences: { secret: true } });
    } else {
      for (const f of PRIVATE) expect(user[f], f).toBeNull();
      expect(res.errors!.map((e) => e.path!.at(-1)).sort()).toEqual([...PRIVATE].sort());
      expect(new Set(res.errors!.map((e) => e.extensions!.code))).toEqual(new Set([expected]));
      // Nothing private leaks through the error messages either.
      expect(JSON.stringify(res.errors)).not.toContain(alice.email);
      expect(JSON.stringify(res.errors)).not.toContain('Private bio');
    }
  });

  it('public fields need no sign-in', async () => {
    const res = await fed.run(UserPublicFieldsDocument, { id: alice.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.user).toMatchObject({ id: alice.id, role: 'CLIENT', displayName: 'Alice C.' });
  });

  it('me is null when signed out and the viewer themself otherwise', async () => {
    expect((await fed.run(MeDocument, {})).data!.me).toBeNull();
    expect((await fed.run(MeDocument, {}, bob.token)).data!.me).toMatchObject({ id: bob.id, email: bob.email });
  });
});

describe("field-level auth on a reader's user", () => {
  it.each<[ViewerName, boolean]>([
    ['anonymous', false],
    ['self', false], // alice is a client here, not the reader
    ['other client', false],
    ['admin', true],
  ])('%s reading the reader\'s email through reader.user → visible: %s', async (who, visible) => {
    const res = await fed.run(ReaderPageDocument, { id: reader.id }, viewers[who]);
    expect(res.data!.reader!.displayName).toBe('Rae D.');
    if (visible) expect(res.data!.reader!.user.email).toBe(reader.email);
    else {
      expect(res.data!.reader!.user.email).toBeNull();
      expect(res.errors![0]!.path).toEqual(['reader', 'user', 'email']);
    }
  });

  it('the reader reads their own email', async () => {
    const res = await fed.run(ReaderPageDocument, { id: reader.id }, reader.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.reader!.user.email).toBe(reader.email);
  });
});

describe('admin data', () => {
  it.each<[ViewerName, string | null]>([
    ['anonymous', 'UNAUTHENTICATED'],
    ['self', 'FORBIDDEN'],
    ['other client', 'FORBIDDEN'],
    ['reader', 'FORBIDDEN'],
    ['admin', null],
  ])('auditLogs for %s → %s', async (who, code) => {
    const res = await fed.run(AuditLogsDocument, { filter: { entityId: reader.id } }, viewers[who]);
    if (code) {
      expect(res.data?.auditLogs ?? null).toBeNull();
      expect(res.errors![0]!.extensions!.code).toBe(code);
      expect(JSON.stringify(res)).not.toContain('accounts:verify_reader');
    } else {
      expect(res.errors).toBeUndefined();
      expect(res.data!.auditLogs.edges.map((e) => e.node.action)).toContain('accounts:verify_reader');
    }
  });
});
