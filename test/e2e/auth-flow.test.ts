import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, MeDocument, RegisterDocument } from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';

let fed: TestFederation;
beforeAll(async () => {
  fed = await startTestFederation();
});
afterAll(async () => {
  await fed?.stop();
});

describe('register, log in and read me through the gateway', () => {
  it('registers a client and reads its own private fields', async () => {
    const reg = await fed.run(RegisterDocument, {
      input: { email: 'Alice@Example.com', password: 'correct-horse-1', firstName: 'Alice' },
    });
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.register.user.email).toBe('alice@example.com');
    expect(reg.data!.register.user.role).toBe('CLIENT');

    const me = await fed.run(MeDocument, {}, reg.data!.register.accessToken);
    expect(me.data!.me).toMatchObject({ email: 'alice@example.com', status: 'ACTIVE', clientProfile: { firstName: 'Alice' } });

    const login = await fed.run(LoginDocument, { input: { email: 'ALICE@example.com', password: 'correct-horse-1' } });
    expect(login.data!.login.user.id).toBe(reg.data!.register.user.id);
  });

  it('refuses a duplicate email case-insensitively and writes nothing', async () => {
    const before = await fed.db.prisma.user.count();
    const dup = await fed.run(RegisterDocument, { input: { email: 'alice@EXAMPLE.com', password: 'correct-horse-1' } });
    // Refused like an invalid email (accounts-auth-limits.test.ts): the answer does not say the email is registered.
    expect(errorCode(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0]!.extensions!.field).toBe('email');
    expect(await fed.db.prisma.user.count()).toBe(before);
  });

  it('rejects a request sent straight to a subgraph', async () => {
    const res = await postGraphQL(fed.subgraphs.accounts.url, { query: '{ me { id } }' });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});
