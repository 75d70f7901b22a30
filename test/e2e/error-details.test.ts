import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed } from '../helpers/seed.js';
import { npmStartConfig } from './secrets-fixtures.js';

// Error answers on a federation configured as a default `npm start` configures it (NODE_ENV unset, which used to
// mean "development" and sent stack traces with the server's file paths): no stack, path, SQL or Prisma text
// unless the operator sets EXPOSE_ERROR_DETAILS=1.

const AUDIT = '{ auditLogs(first: 5) { totalCount } }';
const SESSION = 'query ($id: ID!) { session(id: $id) { id status } }';

/** FORBIDDEN, NOT_FOUND and an INTERNAL error (the sessions table gone: a real database error) through the gateway. */
async function provoke(fed: TestFederation) {
  const seed = createSeed(fed);
  const client = await seed.client().create();
  const reader = await seed.reader().online().withRates({ CHAT: 100 }).create();
  const req = await postGraphQL<{ requestSession: { id: string } }>(
    fed.url,
    { query: 'mutation ($r: ID!) { requestSession(input: { readerId: $r, type: CHAT }) { id } }', variables: { r: reader.id } },
    client.token,
  );
  const forbidden = await postGraphQL(fed.url, { query: AUDIT }, client.token);
  const notFound = await postGraphQL(fed.url, { query: SESSION, variables: { id: 'no-such-session' } }, client.token);
  await fed.db.sql('ALTER TABLE sessions RENAME TO sessions_moved_away');
  try {
    const internal = await postGraphQL(fed.url, { query: SESSION, variables: { id: req.data?.requestSession.id ?? 'x' } }, client.token);
    return { forbidden, notFound, internal };
  } finally {
    await fed.db.sql('ALTER TABLE sessions_moved_away RENAME TO sessions');
  }
}

function expectNoInternals(errors: readonly GraphQLFormattedError[] | undefined) {
  expect(errors?.length).toBeGreaterThan(0);
  const text = JSON.stringify(errors);
  expect(text).not.toMatch(/stacktrace|exception/);
  expect(text).not.toContain('/work');
  // No absolute path (a path at the start of a string or after a space, quote or parenthesis), no source position.
  expect(text).not.toMatch(/(?:^|[\s"'(])\/(?:[\w.@-]+\/)+[\w.@-]+|file:\/\/|node_modules|\.[jt]s:\d+/);
  expect(text).not.toMatch(/prisma|SELECT |INSERT |UPDATE |relation |does not exist|sessions_moved_away|P20\d\d|postgres/i);
}

describe('error answers on a default npm start', () => {
  let fed: TestFederation;
  let seed: Seed;
  let cleanup: () => void;
  beforeAll(async () => {
    const start = npmStartConfig();
    cleanup = start.cleanup;
    fed = await startTestFederation({ config: start.config });
    seed = createSeed(fed);
  });
  afterAll(async () => {
    await fed?.stop();
    cleanup?.();
  });

  it('FORBIDDEN, NOT_FOUND and INTERNAL carry no stack trace, path, SQL or Prisma text', async () => {
    expect(fed.runtime.config).toMatchObject({ dev: true, exposeErrorDetails: false });
    const { forbidden, notFound, internal } = await provoke(fed);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    expectNoInternals(forbidden.errors);
    expect(errorCode(notFound)).toBe('NOT_FOUND');
    expectNoInternals(notFound.errors);
    expect(errorCode(internal)).toBe('INTERNAL');
    expect(internal.errors![0]!.message).toBe('Internal server error.');
    expectNoInternals(internal.errors);
  });

  it('a subgraph webhook route answers a body over its limit with JSON, not a stack trace', async () => {
    const url = fed.subgraphs.readings.url.replace(/\/graphql$/, '/webhooks/livekit');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/webhook+json' }, body: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(text).not.toMatch(/\bat \w|node_modules|\/work|PayloadTooLargeError/);
    expect(JSON.parse(text)).toEqual({ error: 'The request could not be read.' });
  });

  it('an admin gets the same clean answers', async () => {
    const admin = await seed.admin().create();
    const notFound = await postGraphQL(fed.url, { query: SESSION, variables: { id: 'no-such-session' } }, admin.token);
    expect(errorCode(notFound)).toBe('NOT_FOUND');
    expectNoInternals(notFound.errors);
  });
});

describe('error answers with EXPOSE_ERROR_DETAILS=1', () => {
  let fed: TestFederation;
  let cleanup: () => void;
  beforeAll(async () => {
    const start = npmStartConfig({ EXPOSE_ERROR_DETAILS: '1' });
    cleanup = start.cleanup;
    fed = await startTestFederation({ config: start.config });
  });
  afterAll(async () => {
    await fed?.stop();
    cleanup?.();
  });

  it('keeps the stack trace and the database error for the operator', async () => {
    const { forbidden, internal } = await provoke(fed);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    expect(forbidden.errors![0]!.extensions!.stacktrace).toEqual(expect.arrayContaining([expect.stringMatching(/\bat /)]));
    expect(errorCode(internal)).toBe('INTERNAL');
    const stack = internal.errors![0]!.extensions!.stacktrace as string[];
    expect(stack.join('\n')).toMatch(/\bat /);
    expect(JSON.stringify(internal.errors)).toMatch(/sessions/);
  });
});
