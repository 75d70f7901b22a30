import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ChangePasswordDocument,
  CommunityCreateForumPostDocument,
  CommunityCreateVirtualGiftDocument,
  CommunityFlagContentDocument,
  CommunityResolveFlagDocument,
  CommunitySendGiftDocument,
  CommunitySendMessageDocument,
  IncomingSessionRequestsDocument,
  LogoutDocument,
  MeDocument,
  SetReaderStatusDocument,
  SetUserStatusDocument,
  WalletUpdatedDocument,
} from '../generated/graphql.js';
import { postGraphQL, startTestFederation, type GraphQLResponse, type TestFederation } from '../helpers/federation.js';
import { createAccessToken } from '../../shared/auth/tokens.js';
import { AUTH_STATE_PATH, INTERNAL_CALL_HEADER, publishAuthChanged, signInternalCall } from '../../shared/auth/auth-state.js';
import { createPubSub, type PubSub } from '../../shared/pubsub.js';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { readCommittedSupergraph } from '../../gateway/supergraph.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { key } from './community-fixtures.js';
import { createSeed, login, PASSWORD, type Actor, type Seed } from '../helpers/seed.js';

// Revocation takes effect at once: within 2 s of a suspension, a ban or "log out everywhere", the user's earlier
// access tokens are refused over HTTP and graphql-ws, their subscriptions end with a coded error and their sockets
// close with 4403, on every gateway instance; authorization uses the user's current role, never the token's.
const redisUrl = process.env.TEST_REDIS_URL;
let fed: TestFederation;
let seed: Seed;
let admin: Actor;
const sockets: WsClient[] = [];
const extraPubsubs: PubSub[] = [];
const extraGateways: RunningGateway[] = [];

beforeAll(async () => {
  fed = await startTestFederation({ redisUrl });
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  for (const g of extraGateways) await g.close();
  for (const p of extraPubsubs) await p.close();
  await fed?.stop();
});

const open = (wsUrl: string, token: string) => {
  const ws = connect(wsUrl, token);
  sockets.push(ws);
  return ws;
};

const operations = (gateway: RunningGateway) => gateway.subscriptions.stats().operations;
/** Waits until the gateway runs one more client operation than before (the subscription has started). */
const started = (gateway: RunningGateway, before: number) => eventually(() => operations(gateway), (n) => n > before);

const suspend = async (userId: string, status: 'SUSPENDED' | 'BANNED' | 'ACTIVE' = 'SUSPENDED') => {
  const res = await fed.run(SetUserStatusDocument, { input: { userId, status, reason: 'Chargebacks' } }, admin.token);
  expect(res.errors).toBeUndefined();
  return Date.now();
};

const refusal = (res: GraphQLResponse<unknown>) => ({ status: res.status, code: res.errors?.[0]?.extensions?.code, reason: res.errors?.[0]?.extensions?.reason });

/** Polls until the token is refused with that reason; returns how long it took (ms). */
async function refusedWithin(run: () => Promise<GraphQLResponse<unknown>>, reason: string, since: number): Promise<number> {
  await eventually(run, (r) => r.errors?.[0]?.extensions?.reason === reason, 2_000);
  return Date.now() - since;
}

async function giftSetup(client: Actor) {
  const reader = await seed.reader().invitedBy(admin).create();
  await seed.credit(client, 2_000);
  const session = await fed.db.prisma.session.create({ data: { clientId: client.id, readerId: reader.id, type: 'CHAT', status: 'IN_PROGRESS', rateCents: 199 } });
  const gift = await fed.run(CommunityCreateVirtualGiftDocument, { input: { name: `Rose ${key()}`, priceCents: 100, imageUrl: 'https://cdn.example.com/r.png' } }, admin.token);
  expect(gift.errors).toBeUndefined();
  const sendGift = (token: string) =>
    fed.run(CommunitySendGiftDocument, { input: { idempotencyKey: key(), virtualGiftId: gift.data!.createVirtualGift.id, readerId: reader.id, sessionId: session.id } }, token);
  const sendMessage = (token: string) => fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'hello' } }, token);
  return { reader, sendGift, sendMessage };
}

describe('suspension', () => {
  it('refuses the old access token over HTTP within 2 s, ends walletUpdated with a coded error and closes the socket with 4403', async () => {
    const client = await seed.client().registered().create();
    const { sendGift, sendMessage } = await giftSetup(client);
    const before = operations(fed.gateway);
    const ws = open(fed.gateway.wsUrl, client.token);
    const wallet = subscribe(ws, WalletUpdatedDocument);
    await started(fed.gateway, before);
    expect((await sendGift(client.token)).errors).toBeUndefined();
    expect((await sendMessage(client.token)).errors).toBeUndefined();
    const moved = await wallet.next();
    expect(moved.data!.walletUpdated.balanceCents).toBe(1_900);

    const since = await suspend(client.id);
    expect(await refusedWithin(() => sendGift(client.token), 'ACCOUNT_SUSPENDED', since)).toBeLessThan(2_000);
    const gift = await sendGift(client.token);
    expect(refusal(gift)).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });
    expect(refusal(await sendMessage(client.token))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });
    expect(refusal(await fed.run(MeDocument, {}, client.token))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });

    // The subscription's last event is the coded error, then it completes, then the socket closes with 4403.
    await wallet.done;
    const closed = await ws.closed;
    expect(Date.now() - since).toBeLessThan(2_000);
    expect(closed.code).toBe(4403);
    expect(closed.reason).toBe('Forbidden: This account is suspended.');
    const last = wallet.events.at(-1)!;
    expect(last.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });
    expect(await fed.db.prisma.gift.count({ where: { senderId: client.id } })).toBe(1);
    expect(await fed.db.prisma.message.count({ where: { senderId: client.id } })).toBe(1);

    // A new socket with the old token is refused too; the operations sent on it never start.
    const again = open(fed.gateway.wsUrl, client.token);
    expect((await again.closed).code).toBe(4403);
  });

  it('unsuspended (ACTIVE again): a new login works; tokens issued before the suspension stay dead', async () => {
    const client = await seed.client().registered().create();
    const since = await suspend(client.id, 'BANNED');
    expect(await refusedWithin(() => fed.run(MeDocument, {}, client.token), 'ACCOUNT_BANNED', since)).toBeLessThan(2_000);
    await suspend(client.id, 'ACTIVE');
    expect(refusal(await fed.run(MeDocument, {}, client.token))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    const fresh = await login(fed, client.email);
    const me = await fed.run(MeDocument, {}, fresh.token);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({ id: client.id, role: 'CLIENT' });
  });

  it('a suspended reader loses reader rights at once: reader mutations refused, incomingSessionRequests ended, socket 4403', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    expect((await fed.run(SetReaderStatusDocument, { status: 'ONLINE' }, reader.token)).errors).toBeUndefined();
    const before = operations(fed.gateway);
    const ws = open(fed.gateway.wsUrl, reader.token);
    const incoming = subscribe(ws, IncomingSessionRequestsDocument);
    await started(fed.gateway, before);
    const since = await suspend(reader.id);
    expect(await refusedWithin(() => fed.run(SetReaderStatusDocument, { status: 'ONLINE' }, reader.token), 'ACCOUNT_SUSPENDED', since)).toBeLessThan(2_000);
    await incoming.done;
    expect(incoming.events.at(-1)!.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });
    expect((await ws.closed).code).toBe(4403);
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('OFFLINE');
  });

  it('the forum moderation queue suspends through accounts: the author is revoked at once', async () => {
    const author = await seed.client().registered().create();
    const reporter = await seed.client().registered().create();
    const post = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: 'forum-general', title: 'Buy my crystals', content: 'cheap' } }, author.token);
    expect(post.errors).toBeUndefined();
    const flag = await fed.run(CommunityFlagContentDocument, { input: { postId: post.data!.createForumPost.id, reason: 'spam' } }, reporter.token);
    const before = operations(fed.gateway);
    const ws = open(fed.gateway.wsUrl, author.token);
    const wallet = subscribe(ws, WalletUpdatedDocument);
    await started(fed.gateway, before);
    const epochBefore = (await fed.db.prisma.user.findUniqueOrThrow({ where: { id: author.id } })).authEpoch;

    const resolved = await fed.run(CommunityResolveFlagDocument, { flagId: flag.data!.flagContent.id, resolution: 'SUSPEND_AUTHOR' }, admin.token);
    expect(resolved.errors).toBeUndefined();
    const since = Date.now();
    expect(await refusedWithin(() => fed.run(MeDocument, {}, author.token), 'ACCOUNT_SUSPENDED', since)).toBeLessThan(2_000);
    await wallet.done;
    expect(wallet.events.at(-1)!.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });
    expect((await ws.closed).code).toBe(4403);
    const after = await fed.db.prisma.user.findUniqueOrThrow({ where: { id: author.id } });
    expect(after).toMatchObject({ status: 'SUSPENDED', authEpoch: epochBefore + 1 });
    expect(await fed.db.prisma.refreshToken.count({ where: { userId: author.id, revokedAt: null } })).toBe(0);
  });
});

describe('current role and token epoch', () => {
  it('authorizes with the current role: a well-signed token claiming ADMIN for a client acts as the client', async () => {
    const client = await seed.client().registered().create();
    const victim = await seed.client().registered().create();
    const claimed = await createAccessToken({ id: client.id, role: 'ADMIN' }, fed.runtime.config.jwtSecret, 900);
    const me = await fed.run(MeDocument, {}, claimed);
    expect(me.data!.me).toMatchObject({ id: client.id, role: 'CLIENT' });
    const res = await fed.run(SetUserStatusDocument, { input: { userId: victim.id, status: 'BANNED', reason: 'escalation' } }, claimed);
    expect(refusal(res)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).status).toBe('ACTIVE');
  });

  it('a role change applies to the old token at once: the demoted reader acts as a client and its socket is closed', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    expect((await fed.run(SetReaderStatusDocument, { status: 'ONLINE' }, reader.token)).errors).toBeUndefined();
    const before = operations(fed.gateway);
    const ws = open(fed.gateway.wsUrl, reader.token);
    const incoming = subscribe(ws, IncomingSessionRequestsDocument);
    await started(fed.gateway, before);
    // No mutation changes a role yet: an operator's change, announced as accounts announces its own.
    await fed.db.prisma.user.update({ where: { id: reader.id }, data: { role: 'CLIENT' } });
    await publishAuthChanged(fed.pubsub, reader.id);
    const since = Date.now();
    await eventually(() => fed.run(MeDocument, {}, reader.token), (r) => r.data?.me?.role === 'CLIENT', 2_000);
    expect(Date.now() - since).toBeLessThan(2_000);
    expect(refusal(await fed.run(SetReaderStatusDocument, { status: 'ONLINE' }, reader.token)).code).toBe('FORBIDDEN');
    await incoming.done;
    expect(incoming.events.at(-1)!.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ROLE_CHANGED' });
    expect((await ws.closed).code).toBe(4403);
  });

  it('"log out everywhere" and a password change refuse every earlier access token and close their sockets', async () => {
    const client = await seed.client().registered().create();
    const laptop = await login(fed, client.email);
    const before = operations(fed.gateway);
    const ws = open(fed.gateway.wsUrl, laptop.token);
    const wallet = subscribe(ws, WalletUpdatedDocument);
    await started(fed.gateway, before);
    expect((await fed.run(LogoutDocument, { allDevices: true }, client.token)).errors).toBeUndefined();
    const since = Date.now();
    expect(await refusedWithin(() => fed.run(MeDocument, {}, laptop.token), 'TOKEN_REVOKED', since)).toBeLessThan(2_000);
    expect(refusal(await fed.run(MeDocument, {}, client.token)).reason).toBe('TOKEN_REVOKED');
    await wallet.done;
    expect(wallet.events.at(-1)!.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    expect((await ws.closed).code).toBe(4403);

    const phone = await login(fed, client.email);
    const tablet = await login(fed, client.email);
    const changed = await fed.run(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: 'another-horse-43' } }, phone.token);
    expect(changed.errors).toBeUndefined();
    expect(refusal(await fed.run(MeDocument, {}, tablet.token)).reason).toBe('TOKEN_REVOKED');
    expect(refusal(await fed.run(MeDocument, {}, phone.token)).reason).toBe('TOKEN_REVOKED');
    expect((await fed.run(MeDocument, {}, changed.data!.changePassword.accessToken)).errors).toBeUndefined();
  });

  it('looks users up in batches: one lookup per user per cache lifetime, one call for the users asked for together', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => seed.client().registered().create()));
    // The long lifetime applies once the gateway's heartbeat is back over pub/sub (in-process or Redis).
    await vi.waitFor(() => expect(fed.gateway.authStates.stats().eventsLive).toBe(true), { timeout: 15_000, interval: 50 });
    const before = fed.gateway.authStates.stats();
    const all = await Promise.all(users.flatMap((u) => Array.from({ length: 4 }, () => fed.run(MeDocument, {}, u.token))));
    expect(all.every((r) => !r.errors)).toBe(true);
    // Each user once, whatever the number of its requests (HTTP requests arrive over several turns of the loop).
    const mid = fed.gateway.authStates.stats();
    expect(mid.users - before.users).toBe(5);
    expect(mid.lookups - before.lookups).toBeLessThanOrEqual(5);
    await Promise.all(users.map((u) => fed.run(MeDocument, {}, u.token)));
    expect(fed.gateway.authStates.stats()).toMatchObject({ lookups: mid.lookups, resets: mid.resets, eventsLive: true });
    // Asked for within one turn: one lookup for all.
    users.forEach((u) => fed.gateway.authStates.invalidate(u.id));
    const states = await Promise.all(users.map((u) => fed.gateway.authStates.get(u.id)));
    expect(states.every((st) => st?.status === 'ACTIVE' && st.role === 'CLIENT')).toBe(true);
    expect(fed.gateway.authStates.stats().lookups).toBe(mid.lookups + 1);
  });

  it("accounts' auth-state route answers only the gateway's signature and is not reachable through the gateway", async () => {
    const url = new URL(AUTH_STATE_PATH, fed.subgraphs.accounts.url).toString();
    const ask = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ ids: [admin.id] }) });
    expect((await ask({})).status).toBe(401);
    expect((await ask({ [INTERNAL_CALL_HEADER]: await signInternalCall('not-the-gateway-secret-not-the-gateway-secret') })).status).toBe(401);
    const ok = await ask({ [INTERNAL_CALL_HEADER]: await signInternalCall(fed.runtime.config.gatewaySecret) });
    expect(await ok.json()).toEqual({ states: { [admin.id]: { role: 'ADMIN', status: 'ACTIVE', epoch: 0, emailVerified: true, twoFactor: true, adminRoles: ['SUPER_ADMIN'] } } });
    expect((await fetch(new URL(AUTH_STATE_PATH, fed.url).toString(), { method: 'POST' })).status).toBe(404);
  });
});

describe.runIf(!!redisUrl)('two gateway instances over one Redis pub/sub', () => {
  // No timing: B keeps states a minute without events (10 minutes with them), so only the event can refuse the
  // token; accounts publishes it (PUBLISH answered once Redis wrote it to B's subscriber) before the mutation
  // answers, so B has it by the time the next request reaches B.
  it('a suspension made through gateway A is enforced on gateway B from the next request, over HTTP and on its socket', async () => {
    const bus = createPubSub({ redisUrl, prefix: `${fed.db.schema}:` });
    extraPubsubs.push(bus);
    const b = await startGateway({
      supergraphSdl: await readCommittedSupergraph(),
      subgraphUrls: { accounts: fed.subgraphs.accounts.url, readings: fed.subgraphs.readings.url, payments: fed.subgraphs.payments.url, community: fed.subgraphs.community.url },
      jwtSecret: fed.runtime.config.jwtSecret,
      gatewaySecret: fed.runtime.config.gatewaySecret,
      // The committed supergraph, validated when composed (as local-federation.ts starts it): less start-up CPU.
      validateSupergraph: false,
      pubsub: bus,
      // Without the event, B would keep its cached state for a minute.
      authStateTtlMs: 60_000,
    });
    extraGateways.push(b);
    const client = await seed.client().registered().create();
    const onB = () => postGraphQL(b.url, { query: print(MeDocument) }, client.token);
    expect((await onB()).errors).toBeUndefined();
    const ws = open(b.wsUrl, client.token);
    const wallet = subscribe(ws, WalletUpdatedDocument);
    await started(b, 0);
    // B's subscription to the events is confirmed (its heartbeat came back over Redis): it runs on the long lifetime.
    await eventually(() => b.authStates.stats().eventsLive, (live) => live, 30_000);
    expect(b.authStates.liveTtlMs).toBeGreaterThanOrEqual(600_000);
    await suspend(client.id);
    expect(refusal(await onB())).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });
    await wallet.done;
    expect(wallet.events.at(-1)!.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });
    expect((await ws.closed).code).toBe(4403);
    // A second gateway's start-up and its subscription to Redis take a while on a loaded machine.
  }, 90_000);
});
