// What the soak's users do through the two gateways while instances are killed: clients credited by an admin
// (adjustBalance: the cluster has no Stripe, so a top-up is an admin adjustment through the API), sessions requested,
// accepted, joined, chatted in and ended (minutes billed by the sweep), gifts and chat in a live stream, direct
// messages, and subscribers to messageReceived / streamEvents connecting and leaving continuously.
import { randomBytes } from 'node:crypto';
import { call, subscriber, type Gateway, type SubscriberRecord } from './api.js';

export interface Actor {
  id: string;
  token: string;
  /** Gateways in the order this user tries them (half the users start on A, half on B). */
  gateways: Gateway[];
  sessionType?: string;
}

export interface SentEvent {
  id: string;
  field: 'messageReceived' | 'streamEvents';
  /** The recipient (messageReceived) or the stream (streamEvents). */
  target: string;
  /** The mutation was sent at `sentAt` and acknowledged (committed) at `ackAt`. */
  sentAt: number;
  ackAt: number;
}

export interface SoakState {
  stopping: boolean;
  sent: SentEvent[];
  subscribers: SubscriberRecord[];
  /** Every session the soak requested, with its client and reader. */
  sessions: Map<string, { client: Actor; reader: Actor }>;
  counts: Record<string, number>;
  openSubscribers: Set<{ leave(): Promise<void> }>;
}

export function newState(): SoakState {
  return { stopping: false, sent: [], subscribers: [], sessions: new Map(), counts: {}, openSubscribers: new Set() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rnd = (min: number, max: number) => min + Math.random() * (max - min);
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const key = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;
const count = (s: SoakState, what: string) => (s.counts[what] = (s.counts[what] ?? 0) + 1);

/** Runs `step` until the soak stops; a failed step is counted (the call log has its code) and the loop goes on. */
async function loop(s: SoakState, name: string, pauseMs: () => number, step: () => Promise<void>) {
  while (!s.stopping) {
    try {
      await step();
    } catch (error) {
      // Calls that fail while an instance is down are expected; they are counted per code in the call stats.
      count(s, `${name} failed`);
      if (process.env.SOAK_VERBOSE === '1') console.log(`  ${name}: ${(error as Error).message}`);
    }
    await sleep(pauseMs());
  }
}

export async function credit(admin: Actor, userId: string, cents: number, why: string) {
  await call(admin.gateways, admin.token, 'adjustBalance', `mutation($i: AdjustBalanceInput!) { adjustBalance(input: $i) { __typename } }`, {
    i: { userId, amountCents: cents, reason: why, idempotencyKey: key('soak-credit') },
  });
}

const SESSION = 'id status';

/** One reader's sessions, one after another, each with a free client: request, accept, join, chat, end. */
function sessionLoop(s: SoakState, reader: Actor, freeClients: Actor[], maxHoldSeconds: number) {
  return loop(s, 'session', () => rnd(500, 2000), async () => {
    const client = freeClients.shift();
    if (!client) return;
    let sessionId: string | null = null;
    try {
      const req = await call<{ requestSession: { id: string } }>(client.gateways, client.token, 'requestSession',
        `mutation($i: RequestSessionInput!) { requestSession(input: $i) { ${SESSION} } }`, { i: { readerId: reader.id, type: reader.sessionType ?? 'CHAT' } });
      sessionId = req.requestSession.id;
      s.sessions.set(sessionId, { client, reader });
      count(s, 'sessions requested');
      const id = { id: sessionId };
      await call(reader.gateways, reader.token, 'acceptSession', `mutation($id: ID!) { acceptSession(sessionId: $id) { ${SESSION} } }`, id);
      await call(client.gateways, client.token, 'joinSession', `mutation($id: ID!) { joinSession(sessionId: $id) { ${SESSION} } }`, id);
      await call(reader.gateways, reader.token, 'joinSession', `mutation($id: ID!) { joinSession(sessionId: $id) { ${SESSION} } }`, id);
      count(s, 'sessions started');
      const until = Date.now() + rnd(10, maxHoldSeconds) * 1000;
      let turn = 0;
      while (Date.now() < until && !s.stopping) {
        const who = turn++ % 2 ? reader : client;
        await call(who.gateways, who.token, 'sendSessionMessage', `mutation($i: SendSessionMessageInput!) { sendSessionMessage(input: $i) { id } }`, {
          i: { sessionId, content: `soak chat ${turn}`, clientKey: key('chat') },
        }).then(() => count(s, 'session chat messages'), () => count(s, 'session chat failed'));
        await sleep(rnd(2000, 5000));
      }
      await call(client.gateways, client.token, 'endSession', `mutation($id: ID!) { endSession(sessionId: $id) { ${SESSION} } }`, id);
      count(s, 'sessions ended');
    } finally {
      if (sessionId) await endQuietly(client, reader, sessionId);
      freeClients.push(client);
    }
  });
}

/** After the run, with every instance back: ends every session a failed call left running (they bill meanwhile). */
export async function finishSessions(s: SoakState): Promise<number> {
  let ended = 0;
  for (const [id, { client, reader }] of s.sessions) if (await endQuietly(client, reader, id)) ended++;
  return ended;
}

/** Leaves nothing running after a failed step: end (or cancel) the session whatever state it reached. */
async function endQuietly(client: Actor, reader: Actor, sessionId: string): Promise<boolean> {
  for (const [who, op] of [[client, 'endSession'], [client, 'cancelSession'], [reader, 'declineSession']] as const) {
    try {
      const r = await call<Record<string, { status: string }>>(who.gateways, who.token, op, `mutation($id: ID!) { ${op}(sessionId: $id) { status } }`, { id: sessionId });
      if (['COMPLETED', 'CANCELLED', 'DECLINED', 'EXPIRED', 'NO_SHOW', 'DISCONNECTED'].includes(r[op]!.status)) return true;
    } catch (error) {
      // The wrong transition for the state the session is in (CONFLICT): try the next one.
      void error;
    }
  }
  return false;
}

export interface World {
  admin: Actor;
  readers: Actor[];
  clients: Actor[];
  streamer: Actor;
  streamId: string;
  giftId: string;
  gateways: Gateway[];
}

/** Starts every actor; resolves when the soak is stopped (state.stopping) and every loop has finished its step. */
export async function runWorkload(s: SoakState, w: World, seconds: number): Promise<void> {
  const freeClients = [...w.clients];
  const maxHold = Math.max(15, Math.min(150, seconds / 2));
  const dmPartners = new Map<string, Set<Actor>>();
  const loops = [
    ...w.readers.map((r) => sessionLoop(s, r, freeClients, maxHold)),
    // Gifts and chat in the live stream (each client joins it once).
    loop(s, 'stream', () => rnd(1000, 2500), async () => {
      const c = pick(w.clients);
      if (!s.counts[`joined ${c.id}`]) {
        await call(c.gateways, c.token, 'joinLiveStream', `mutation($id: ID!) { joinLiveStream(streamId: $id) { id } }`, { id: w.streamId });
        count(s, `joined ${c.id}`);
      }
      const sentAt = Date.now();
      if (Math.random() < 0.5) {
        const r = await call<{ sendGift: { gift: { id: string } } }>(c.gateways, c.token, 'sendGift', `mutation($i: SendGiftInput!) { sendGift(input: $i) { gift { id } } }`, {
          i: { idempotencyKey: key('gift'), virtualGiftId: w.giftId, readerId: w.streamer.id, streamId: w.streamId },
        });
        s.sent.push({ id: r.sendGift.gift.id, field: 'streamEvents', target: w.streamId, sentAt, ackAt: Date.now() });
        count(s, 'gifts');
      } else {
        const r = await call<{ sendStreamMessage: { id: string } }>(c.gateways, c.token, 'sendStreamMessage', `mutation($id: ID!, $m: String!) { sendStreamMessage(streamId: $id, message: $m) { id } }`, {
          id: w.streamId, m: 'soak stream chat',
        });
        s.sent.push({ id: r.sendStreamMessage.id, field: 'streamEvents', target: w.streamId, sentAt, ackAt: Date.now() });
        count(s, 'stream chat messages');
      }
    }),
    // Direct messages: clients write to readers, readers answer clients who wrote to them.
    loop(s, 'dm', () => rnd(300, 1200), async () => {
      const reader = pick(w.readers);
      const answer = Math.random() < 0.3 && dmPartners.get(reader.id)?.size;
      const from = answer ? reader : pick(w.clients);
      const to = answer ? pick([...dmPartners.get(reader.id)!]) : reader;
      const sentAt = Date.now();
      const r = await call<{ sendMessage: { id: string } }>(from.gateways, from.token, 'sendMessage', `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`, {
        i: { recipientId: to.id, content: 'soak direct message' },
      });
      s.sent.push({ id: r.sendMessage.id, field: 'messageReceived', target: to.id, sentAt, ackAt: Date.now() });
      if (!answer) (dmPartners.get(reader.id) ?? dmPartners.set(reader.id, new Set()).get(reader.id)!).add(from);
      count(s, 'direct messages');
    }),
    // Top-ups: an admin credits a random client now and then (no Stripe in the cluster).
    loop(s, 'top-up', () => rnd(5000, 10000), async () => {
      await credit(w.admin, pick(w.clients).id, 2000, 'Soak top-up');
      count(s, 'top-ups');
    }),
    ...Array.from({ length: 10 }, () => subscriberSlot(s, w)),
  ];
  await Promise.all(loops);
}

/** A subscriber that connects to a random gateway, listens 5–25 s, leaves, and starts again. */
function subscriberSlot(s: SoakState, w: World) {
  return loop(s, 'subscriber', () => rnd(100, 1000), async () => {
    const gw = pick(w.gateways);
    const dm = Math.random() < 0.6;
    const user = pick([...w.readers, ...w.clients]);
    const sub = dm
      ? subscriber(gw, user.token, user.id, 'messageReceived', 'subscription { messageReceived { id } }', {}, (d) => (d.messageReceived as { id: string }).id)
      : subscriber(gw, user.token, w.streamId, 'streamEvents', 'subscription($id: ID!) { streamEvents(streamId: $id) { ... on StreamGiftEvent { id } ... on StreamChatEvent { id } } }', { id: w.streamId }, (d) => (d.streamEvents as { id: string }).id);
    s.subscribers.push(sub.record);
    s.openSubscribers.add(sub);
    count(s, 'subscribers');
    const until = Date.now() + rnd(5000, 25000);
    while (Date.now() < until && !s.stopping && sub.record.closedAt === null) await sleep(250);
    s.openSubscribers.delete(sub);
    await sub.leave();
  });
}
