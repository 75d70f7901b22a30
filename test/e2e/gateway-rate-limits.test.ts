import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdjustBalanceDocument, CommunityCreateForumPostDocument, CommunitySendMessageDocument, LoginDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type GraphQLResponse, type TestFederation } from '../helpers/federation.js';
import { createSeed, PASSWORD, type Actor, type Seed } from '../helpers/seed.js';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { readCommittedSupergraph, type SubgraphName } from '../../gateway/supergraph.js';
import type { ProtectionOptions } from '../../gateway/protection.js';
import type { MutationClass } from '../../gateway/mutation-limits.js';
import { connect, eventually, type WsClient } from './subscriptions-fixtures.js';

// Per-class mutation rate limits at the gateway, per user and per IP: past the budget an operation is refused with
// RATE_LIMITED and extensions.retryAfterSeconds and changes nothing; two gateways on one Redis share the budget.
const redisUrl = process.env.TEST_REDIS_URL;
let fed: TestFederation;
let seed: Seed;
let admin: Actor;
const gateways: RunningGateway[] = [];
const sockets: WsClient[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  for (const g of gateways) await g.close();
  await fed?.stop();
});

/** A gateway in front of the federation's subgraphs whose `limited` class allows 2 per user and 3 per IP. */
async function limitedGateway(limited: MutationClass, more: ProtectionOptions = {}): Promise<RunningGateway> {
  const subgraphUrls = Object.fromEntries(Object.entries(fed.subgraphs).map(([name, s]) => [name, s.url])) as Record<SubgraphName, string>;
  const g = await startGateway({
    supergraphSdl: await readCommittedSupergraph(),
    subgraphUrls,
    jwtSecret: fed.runtime.config.jwtSecret,
    gatewaySecret: fed.runtime.config.gatewaySecret,
    pubsub: fed.pubsub,
    protection: { redisUrl: null, trustedDocuments: { mode: 'off' }, mutationLimits: { classes: { [limited]: { perUser: 2, perIp: 3 } } }, ...more },
  });
  gateways.push(g);
  return g;
}

/** POSTs an operation to a gateway from a given loopback address (127.0.0.x: another client IP). */
type Answer<R> = GraphQLResponse<R> & { retryAfter?: string };

function run<R, V>(g: RunningGateway, doc: TypedDocumentNode<R, V> | string, variables: V, token: string | null, ip = '127.0.0.1'): Promise<Answer<R>> {
  const body = JSON.stringify({ query: typeof doc === 'string' ? doc : print(doc), variables });
  const url = new URL(g.url);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: ip, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const json = JSON.parse(text) as { data?: R | null; errors?: GraphQLFormattedError[] };
        resolve({ status: res.statusCode ?? 0, data: json.data, errors: json.errors, retryAfter: res.headers['retry-after'] });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function expectLimited(res: Answer<unknown>, mutationClass: MutationClass) {
  expect(errorCode(res)).toBe('RATE_LIMITED');
  expect(res.status).toBe(429);
  expect(res.errors![0]!.extensions!.http).toBeUndefined();
  const ext = res.errors![0]!.extensions!;
  expect(ext.mutationClass).toBe(mutationClass);
  expect(ext.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(ext.retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(res.retryAfter).toBe(String(ext.retryAfterSeconds));
  expect(res.data ?? null).toBeNull();
}

const credit = (userId: string) => ({ input: { userId, amountCents: 100, reason: 'rate limit test', idempotencyKey: `rl-${randomBytes(6).toString('hex')}` } });
const post = () => ({ input: { categoryId: 'forum-general', title: `Limits ${randomBytes(3).toString('hex')}`, content: 'Counting posts' } });

describe('per user, for each class', () => {
  it('money: the third adjustment in the window is refused and moves nothing', async () => {
    const g = await limitedGateway('money');
    const client = await seed.client().create();
    for (let i = 0; i < 2; i += 1) expect((await run(g, AdjustBalanceDocument, credit(client.id), admin.token)).errors).toBeUndefined();
    expectLimited(await run(g, AdjustBalanceDocument, credit(client.id), admin.token), 'money');
    expect(await fed.db.prisma.transaction.count({ where: { userId: client.id } })).toBe(2);
    // Another class of the same user is not limited by it.
    expect((await run(g, CommunityCreateForumPostDocument, post(), admin.token)).errors).toBeUndefined();
  });

  it('messages: the third direct message is refused and not stored; another sender still gets through', async () => {
    const g = await limitedGateway('messages');
    const [client, other, reader] = await Promise.all([seed.client().create(), seed.client().create(), seed.reader().create()]);
    const dm = { input: { recipientId: reader.id, content: 'hello' } };
    for (let i = 0; i < 2; i += 1) expect((await run(g, CommunitySendMessageDocument, dm, client.token)).errors).toBeUndefined();
    expectLimited(await run(g, CommunitySendMessageDocument, dm, client.token), 'messages');
    expect(await fed.db.prisma.message.count({ where: { senderId: client.id } })).toBe(2);
    expect((await run(g, CommunitySendMessageDocument, dm, other.token, '127.0.0.5')).errors).toBeUndefined();
  });

  it('forum: aliases count one each, so a batch past the budget is refused whole', async () => {
    const g = await limitedGateway('forum');
    const author = await seed.client().create();
    expect((await run(g, CommunityCreateForumPostDocument, post(), author.token)).errors).toBeUndefined();
    const twice = `mutation Twice($a: CreateForumPostInput!, $b: CreateForumPostInput!) { a: createForumPost(input: $a) { id } b: createForumPost(input: $b) { id } }`;
    const res = await run(g, twice, { a: post().input, b: post().input }, author.token);
    expectLimited(res, 'forum');
    expect(await fed.db.prisma.forumPost.count({ where: { authorId: author.id } })).toBe(1);
  });

  it('auth: counted per IP for anonymous callers; the fourth login from one address is refused and signs nobody in', async () => {
    const g = await limitedGateway('auth');
    const user = await seed.client().registered().create();
    const tokensBefore = await fed.db.prisma.refreshToken.count({ where: { userId: user.id } });
    const login = { input: { email: user.email, password: PASSWORD } };
    for (let i = 0; i < 3; i += 1) expect((await run(g, LoginDocument, login, null, '127.0.0.6')).errors).toBeUndefined();
    expectLimited(await run(g, LoginDocument, login, null, '127.0.0.6'), 'auth');
    expect(await fed.db.prisma.refreshToken.count({ where: { userId: user.id } })).toBe(tokensBefore + 3);
    // The same person from another address is not held back by this one's budget.
    expect((await run(g, LoginDocument, login, null, '127.0.0.7')).errors).toBeUndefined();
  });
});

describe('per IP', () => {
  it('refuses the fourth money mutation from one address even across accounts', async () => {
    const g = await limitedGateway('money', { mutationLimits: { classes: { money: { perUser: 100, perIp: 3 } } } });
    const [a, b] = await Promise.all([seed.admin().loggedIn().create(), seed.admin().loggedIn().create()]);
    const client = await seed.client().create();
    for (const who of [a, b, a]) expect((await run(g, AdjustBalanceDocument, credit(client.id), who.token, '127.0.0.8')).errors).toBeUndefined();
    expectLimited(await run(g, AdjustBalanceDocument, credit(client.id), b.token, '127.0.0.8'), 'money');
    expect(await fed.db.prisma.transaction.count({ where: { userId: client.id } })).toBe(3);
  });
});

describe('over graphql-ws', () => {
  it('counts mutations sent over the socket like those over HTTP', async () => {
    const g = await limitedGateway('messages');
    const [client, reader] = await Promise.all([seed.client().create(), seed.reader().create()]);
    expect((await run(g, CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'over http' } }, client.token)).errors).toBeUndefined();
    const ws = connect(g.wsUrl, client.token);
    sockets.push(ws);
    const send = (content: string) =>
      new Promise<{ data?: unknown; errors?: unknown }>((resolve) => {
        let result: { data?: unknown; errors?: unknown } = {};
        ws.client.subscribe(
          { query: print(CommunitySendMessageDocument), variables: { input: { recipientId: reader.id, content } } },
          { next: (r) => void (result = r), error: (e) => resolve({ errors: e }), complete: () => resolve(result) },
        );
      });
    expect((await send('over the socket')).errors).toBeUndefined();
    const refused = (await send('one too many')).errors as GraphQLFormattedError[];
    expect(refused[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', mutationClass: 'messages' });
    expect(refused[0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await eventually(() => fed.db.prisma.message.count({ where: { senderId: client.id } }), (n) => n === 2);
  });
});

describe.runIf(!!redisUrl)('across gateway instances on Redis', () => {
  it('two gateways share one budget per user', async () => {
    const shared: ProtectionOptions = { redisUrl: redisUrl!, redisPrefix: `test-rl-${randomBytes(4).toString('hex')}:` };
    const [a, b] = [await limitedGateway('money', shared), await limitedGateway('money', shared)];
    const client = await seed.client().create();
    expect((await run(a, AdjustBalanceDocument, credit(client.id), admin.token)).errors).toBeUndefined();
    expect((await run(b, AdjustBalanceDocument, credit(client.id), admin.token)).errors).toBeUndefined();
    expectLimited(await run(a, AdjustBalanceDocument, credit(client.id), admin.token), 'money');
    expectLimited(await run(b, AdjustBalanceDocument, credit(client.id), admin.token), 'money');
    expect(await fed.db.prisma.transaction.count({ where: { userId: client.id } })).toBe(2);
  });
});
