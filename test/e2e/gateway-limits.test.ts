import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessToken, signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { MeDocument, RegisterDocument } from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';

// The gateway runs with dev: false (production error shapes) in every test federation.
let fed: TestFederation;
let token: string;
let userId: string;

beforeAll(async () => {
  fed = await startTestFederation();
  ({ token, id: userId } = await createSeed(fed).client().named('Lim').withEmail('limits@example.com').registered().create());
});
afterAll(async () => {
  await fed?.stop();
});

interface RawResponse {
  status: number;
  contentType: string | null;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function raw(body: string, headers: Record<string, string> = {}, url = fed.url): Promise<RawResponse> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), text, json: JSON.parse(text) };
}
const op = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
const first = (r: RawResponse) => r.json.errors?.[0];
/** `{ me { readerProfile { user { readerProfile … { id } } } } }` with `fields` object fields in the chain. */
function chain(fields: number): string {
  const names = Array.from({ length: fields }, (_, i) => (i === 0 ? 'me' : i % 2 ? 'readerProfile' : 'user'));
  return `{ ${names.map((n) => `${n} {`).join(' ')} id ${'}'.repeat(fields)} }`;
}

/** No internals leak: no stack, no SQL, no Prisma, no file paths. */
function expectNoInternals(r: RawResponse) {
  expect(r.text).not.toMatch(/stacktrace|\bat \w+ \(|node_modules|\.ts:\d+|prisma|SELECT |INSERT |"public"\.|invalid byte sequence/i);
}

describe('limits that protect every subgraph', () => {
  it('refuses a body over the size limit with 413 and a JSON error', async () => {
    const r = await raw(op(`{ me { id } }${' '.repeat(120_000)}`));
    expect(r.status).toBe(413);
    expect(r.contentType).toMatch(/application\/json/);
    expect(first(r)?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE' });
    expect(first(r)?.message).toMatch(/larger than 100000 bytes/);
  });

  it('refuses a query nested deeper than 10 levels', async () => {
    const deep = chain(12);
    const r = await raw(op(deep));
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'DEPTH_LIMIT' });
    expect(first(r)?.message).toMatch(/^Query depth limit of 10 exceeded/);
    // One level less passes validation.
    const ok = await raw(op(chain(9)), { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.json.errors).toBeUndefined();
  });

  it('refuses more than 15 aliases', async () => {
    const r = await raw(op(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }`));
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'ALIAS_LIMIT' });
    expect(first(r)?.message).toBe('Aliases limit of 15 exceeded, found 16.');
  });

  it('refuses a query whose cost is over the limit', async () => {
    const costly = `{ readers(first: 50) { edges { node { user { readerProfile { user { readerProfile { rates { sessionType } } } } } } } } }`;
    const r = await raw(op(costly));
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'COST_LIMIT' });
    expect(first(r)?.message).toMatch(/^Query Cost limit of 5000 exceeded/);
  });

  it('refuses more than 20 directives', async () => {
    const r = await raw(op(`{ me { ${Array.from({ length: 21 }, (_, i) => `f${i}: id @skip(if: false)`).slice(0, 10).join(' ')} ${'id @include(if: true) '.repeat(11)} } }`));
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'DIRECTIVE_LIMIT' });
    expect(first(r)?.message).toMatch(/^Directives limit of 20 exceeded, found 21/);
  });

  it('refuses a document of more than 3000 tokens with 400 (parser limit, not a 500)', async () => {
    const r = await raw(op(`{ me { ${'id '.repeat(3100)} } }`));
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', reason: 'TOKEN_LIMIT' });
    expect(first(r)?.message).toMatch(/more than 3000 tokens/);
  });

  it('refuses batched requests (a JSON array) with a clear error', async () => {
    const r = await raw(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]), { authorization: `Bearer ${token}` });
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toEqual({ code: 'BAD_REQUEST', reason: 'BATCHING_DISABLED' });
    expect(first(r)?.message).toMatch(/one operation per HTTP request/);
    expect(r.json.data).toBeUndefined();
  });
});

describe('bad input at the transport', () => {
  it('answers malformed JSON with 400 BAD_USER_INPUT', async () => {
    const r = await raw('{"query": "{ me { id } }"');
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_JSON' });
    expectNoInternals(r);
  });

  it('answers an unknown field with a validation error and no schema hints', async () => {
    const r = await raw(op('{ me { passwordHash } }'));
    expect(r.status).toBe(400);
    expect(first(r)?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(first(r)?.message).not.toMatch(/Did you mean/);
  });

  it('answers a wrong variable type with BAD_USER_INPUT', async () => {
    const r = await raw(op('query($first: Int) { readers(first: $first) { edges { cursor } } }', { first: 'twenty' }));
    expect(r.status).toBe(400);
    expect(first(r)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(first(r)?.message).toMatch(/Int cannot represent/);
  });

  it('answers an over-long string with BAD_USER_INPUT and writes nothing', async () => {
    const before = await fed.db.prisma.user.count();
    const res = await fed.run(RegisterDocument, {
      input: { email: 'long@example.com', password: 'correct-horse-1', firstName: 'x'.repeat(10_000) },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('firstName');
    expect(await fed.db.prisma.user.count()).toBe(before);

    const search = await raw(op('query($s: String) { readers(filter: { search: $s }) { edges { cursor } } }', { s: 'x'.repeat(5_000) }));
    expect(first(search)?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('tokens and direct subgraph access', () => {
  it('answers an expired access token with 401 UNAUTHENTICATED (TOKEN_EXPIRED)', async () => {
    const expired = await createAccessToken({ id: userId, role: 'CLIENT' }, fed.runtime.config.jwtSecret, -60);
    const res = await fed.run(MeDocument, {}, expired);
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.extensions?.reason).toBe('TOKEN_EXPIRED');
    expect(res.data ?? null).toBeNull();
  });

  it('answers a forged access token (wrong secret, or garbage) with 401 UNAUTHENTICATED', async () => {
    const forged = await createAccessToken({ id: userId, role: 'ADMIN' }, 'not-the-secret-not-the-secret-not-the-secret', 900);
    for (const t of [forged, 'abc.def.ghi', `${token.slice(0, -4)}AAAA`]) {
      const res = await fed.run(MeDocument, {}, t);
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.extensions?.reason).toBe('TOKEN_INVALID');
    }
    const basic = await raw(op('{ me { id } }'), { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect(first(basic)?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the valid token still works (the cached verification is per token)', async () => {
    const res = await fed.run(MeDocument, {}, token);
    expect(res.data?.me?.id).toBe(userId);
  });

  it('answers a request sent straight to any subgraph with 401, signed by the wrong secret too', async () => {
    const forgedIdentity = await signForwardedIdentity({ viewer: { id: userId, role: 'ADMIN' }, ip: null, userAgent: null }, 'wrong-secret-wrong-secret-wrong-secret');
    for (const sub of Object.values(fed.subgraphs)) {
      const none = await postGraphQL(sub.url, { query: '{ __typename }' });
      expect(none.status).toBe(401);
      expect(errorCode(none)).toBe('UNAUTHENTICATED');
      expect(none.errors?.[0]?.extensions?.reason).toBe('GATEWAY_SIGNATURE_REQUIRED');
      const forged = await postGraphQL(sub.url, { query: '{ __typename }' }, null, { [VIEWER_HEADER]: forgedIdentity });
      expect(forged.status).toBe(401);
    }
  });
});

describe('production errors (dev: false)', () => {
  it('hides database errors behind INTERNAL with no SQL or stack', async () => {
    // A NUL character is refused by PostgreSQL itself: the error must not leak the driver's message. The gateway
    // refuses NUL before any subgraph (gateway-hostile-input.test.ts), so this goes to a subgraph, correctly signed.
    const identity = await signForwardedIdentity({ viewer: null, ip: null, userAgent: null }, fed.runtime.config.gatewaySecret);
    const query = op('query($s: String) { readers(filter: { search: $s }) { edges { cursor } } }', { s: 'a\u0000b' });
    const r = await raw(query, { [VIEWER_HEADER]: identity }, fed.subgraphs.accounts.url);
    expect(first(r)?.extensions).toEqual({ code: 'INTERNAL' });
    expect(first(r)?.message).toBe('Internal server error.');
    expectNoInternals(r);
  });

  it('never returns a stack trace for any of the refused requests', async () => {
    const bodies = [
      '{"query": ',
      op('{ me { nope } }'),
      op('query { me { id } '),
      op('{ readers(after: "garbage") { edges { cursor } } }'),
      op('query($id: ID!) { user(id: $id) { id } }', {}),
      JSON.stringify({ query: 42 }),
      JSON.stringify({ variables: {} }),
    ];
    for (const body of bodies) {
      const r = await raw(body, { authorization: `Bearer ${token}` });
      expect(r.status, body).toBeLessThan(500);
      expect(r.json.errors?.length, body).toBeGreaterThan(0);
      for (const e of r.json.errors ?? []) expect(typeof e.extensions?.code, body).toBe('string');
      expectNoInternals(r);
    }
  });
});
