import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../shared/auth/auth-state.js';
import { createPubSub, type PubSub } from '../shared/pubsub.js';
import { AuthStates } from './auth-state.js';
import { IdentityService } from './identity.js';
import { Revocations } from './revocation.js';
import { createAccessToken } from '../shared/auth/tokens.js';

// The long auth-state lifetime is only safe while auth-changed events arrive: Revocations tells the cache so from
// its own heartbeat coming back over the events' pub/sub, and takes it back at once on a lost connection or a
// heartbeat that does not come back; when they arrive again, what was cached meanwhile is dropped.
const ACTIVE: AuthState = { role: 'CLIENT', status: 'ACTIVE', epoch: 0, emailVerified: true, twoFactor: false };

/** In-process pub/sub whose delivery the test can cut, and whose connection loss it can announce. */
function controlledPubSub() {
  const inner = createPubSub();
  const gaps = new Set<() => void>();
  const control = { delivering: true };
  const pubsub: PubSub = {
    publish: async (topic, payload) => {
      if (control.delivering) await inner.publish(topic, payload);
    },
    subscribe: (topic, options) => inner.subscribe(topic, options),
    listenerCount: () => inner.listenerCount(),
    onGap(listener) {
      gaps.add(listener);
      return () => void gaps.delete(listener);
    },
    close: () => inner.close(),
  };
  return { pubsub, control, loseConnection: () => gaps.forEach((l) => l()) };
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
});

function setup(pubsub: PubSub | null, heartbeatTimeoutMs = 2_000) {
  const lookups: string[][] = [];
  const states = new AuthStates({ lookup: async (ids) => (lookups.push(ids), Object.fromEntries(ids.map((id) => [id, ACTIVE]))), ttlMs: 60_000, liveTtlMs: 600_000 });
  const revocations = new Revocations(new IdentityService('jwt-secret-revocation-test', 'gw-secret-revocation-test', states), states, pubsub, { heartbeatMs: 10, heartbeatTimeoutMs });
  open.push(revocations);
  return { states, lookups };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('Revocations: are the auth-changed events arriving?', () => {
  it('says so once its heartbeat is back, and never without pub/sub', async () => {
    const { states } = setup(controlledPubSub().pubsub);
    await until(() => states.stats().eventsLive);
    const alone = setup(null);
    await new Promise((r) => setTimeout(r, 30));
    expect(alone.states.stats().eventsLive).toBe(false);
  });

  it('takes it back at once on a lost connection, and drops the cache when a later heartbeat is back', async () => {
    const bus = controlledPubSub();
    const { states, lookups } = setup(bus.pubsub);
    await until(() => states.stats().eventsLive);
    await states.get('u');
    expect(states.stats().cached).toBe(1);
    bus.control.delivering = false;
    bus.loseConnection();
    expect(states.stats().eventsLive).toBe(false);
    // Cut off: it stays so (no heartbeat comes back), the cached state kept only for the short lifetime.
    await new Promise((r) => setTimeout(r, 40));
    expect(states.stats()).toMatchObject({ eventsLive: false, cached: 1 });
    bus.control.delivering = true;
    await until(() => states.stats().eventsLive);
    expect(states.stats().cached).toBe(0);
    await states.get('u');
    expect(lookups).toEqual([['u'], ['u']]);
  });

  it('takes it back when its heartbeat stops coming back although no connection loss was seen', async () => {
    const bus = controlledPubSub();
    const { states } = setup(bus.pubsub, 100);
    await until(() => states.stats().eventsLive);
    await states.get('u');
    bus.control.delivering = false;
    await until(() => !states.stats().eventsLive);
    bus.control.delivering = true;
    await until(() => states.stats().eventsLive);
    expect(states.stats().cached).toBe(0);
  });
});

describe('Revocations: a stalled process is not a lost event', () => {
  it('keeps the events live across a stall longer than the timeout (the heartbeats came back, unread yet)', async () => {
    const { states } = setup(controlledPubSub().pubsub, 100);
    await until(() => states.stats().eventsLive);
    const before = states.stats().resets;
    // Blocks the loop past the 100 ms timeout: the first timer after it must not judge a gap.
    const end = Date.now() + 300;
    while (Date.now() < end);
    await new Promise((r) => setTimeout(r, 60));
    expect(states.stats()).toMatchObject({ eventsLive: true, resets: before });
  });
});

describe.runIf(!!process.env.TEST_REDIS_URL)('Revocations over Redis', () => {
  it('sees its subscriber connection cut (what is published until it is subscribed again is lost) and drops the cache once a heartbeat is back', async () => {
    const redisUrl = process.env.TEST_REDIS_URL!;
    const prefix = `revocation-test-${randomUUID()}:`;
    const bus = createPubSub({ redisUrl, prefix });
    const admin = new Redis(redisUrl);
    try {
      const { states, lookups } = setup(bus);
      await until(() => states.stats().eventsLive);
      await states.get('u');
      const list = (await admin.client('LIST')) as string;
      const id = /(?:^|\n)id=(\d+) [^\n]* name=(\S+)/g;
      const ours = [...list.matchAll(id)].filter((m) => m[2] === `${prefix}subscriber`).map((m) => m[1]!);
      expect(ours).toHaveLength(1);
      await admin.client('KILL', 'ID', ours[0]!);
      await until(() => !states.stats().eventsLive);
      await until(() => states.stats().eventsLive);
      expect(states.stats().cached).toBe(0);
      await states.get('u');
      expect(lookups).toEqual([['u'], ['u']]);
    } finally {
      admin.disconnect();
      await open.splice(0).reduce((p, r) => p.then(() => r.close()), Promise.resolve());
      await bus.close();
    }
  });
});

describe('Revocations: the periodic re-check', () => {
  const JWT = 'jwt-secret-revocation-test';

  /** Users u0..u<n-1>, one watched connection each; `answer` is what accounts says now; counts the checks made. */
  async function watching(n: number, pubsub: PubSub | null, ttlMs: number) {
    const answer = new Map<string, AuthState>();
    const states = new AuthStates({ lookup: async (ids) => Object.fromEntries(ids.map((id) => [id, answer.get(id) ?? ACTIVE])), ttlMs, liveTtlMs: 600_000 });
    const checks = new Map<string, number>();
    class CountingIdentity extends IdentityService {
      override async viewerFromToken(token: string) {
        const viewer = await super.viewerFromToken(token);
        checks.set(viewer.id, (checks.get(viewer.id) ?? 0) + 1);
        return viewer;
      }
    }
    const identity = new CountingIdentity(JWT, 'gw-secret-revocation-test', states);
    const revocations = new Revocations(identity, states, pubsub, { heartbeatMs: 10 });
    open.push(revocations);
    if (pubsub) await until(() => states.stats().eventsLive);
    const revoked = new Map<string, string>();
    for (let i = 0; i < n; i++) {
      const userId = `u${i}`;
      const token = await createAccessToken({ id: userId, role: 'CLIENT', emailVerified: true, twoFactor: false }, JWT, 600);
      await identity.viewerFromToken(token); // as the connection's authentication does
      revocations.watch({ userId, token, role: 'CLIENT', revoke: (e) => revoked.set(userId, String(e.extensions.reason)) }, Date.now());
    }
    checks.clear();
    return { states, answer, checks, revoked };
  }

  it('while the events arrive, re-checks only users whose cached state changed, and still revokes them', async () => {
    const { states, answer, checks, revoked } = await watching(30, controlledPubSub().pubsub, 20);
    // Many rounds (one every ~20 ms): each user checked once against its cached state, then skipped.
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 30; i++) expect(checks.get(`u${i}`) ?? 0).toBeLessThanOrEqual(1);
    // u3's state is dropped and now reads SUSPENDED (no event reaches Revocations): the sweep finds it.
    answer.set('u3', { ...ACTIVE, status: 'SUSPENDED' });
    states.invalidate('u3');
    await until(() => revoked.has('u3'));
    expect(revoked.get('u3')).toBe('ACCOUNT_SUSPENDED');
    await new Promise((r) => setTimeout(r, 60));
    expect([...revoked.keys()]).toEqual(['u3']);
    for (let i = 0; i < 30; i++) if (i !== 3) expect(checks.get(`u${i}`) ?? 0).toBeLessThanOrEqual(1);
  });

  it('without events (short lifetime), re-checks every user each round and revokes a changed one', async () => {
    const { answer, checks, revoked } = await watching(30, null, 20);
    await until(() => [...Array(30).keys()].every((i) => (checks.get(`u${i}`) ?? 0) >= 3));
    answer.set('u7', { ...ACTIVE, status: 'BANNED' });
    await until(() => revoked.has('u7'));
    expect(revoked.get('u7')).toBe('ACCOUNT_BANNED');
    expect([...revoked.keys()]).toEqual(['u7']);
  });
});
