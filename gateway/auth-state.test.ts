import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AUTH_STATE_PATH, INTERNAL_CALL_HEADER, verifyInternalCall, type AuthState } from '../shared/auth/auth-state.js';
import { accountsAuthLookup, AuthStates } from './auth-state.js';

// The gateway's cache of users' current role, status and auth epoch. A revocation must never be undone by a lookup
// that was already in flight when its event arrived, and an unreachable accounts service must not let an
// invalidated user back in.
const ACTIVE: AuthState = { role: 'CLIENT', status: 'ACTIVE', epoch: 0, emailVerified: true, twoFactor: false };
const SUSPENDED: AuthState = { role: 'CLIENT', status: 'SUSPENDED', epoch: 1, emailVerified: true, twoFactor: false };

/** A lookup whose answers the test releases by hand, recording every call. */
function controlledLookup() {
  const calls: Array<{ ids: string[]; answer(states: Record<string, AuthState>): void; fail(): void }> = [];
  const lookup = (ids: string[]) =>
    new Promise<Record<string, AuthState>>((resolve, reject) => calls.push({ ids, answer: resolve, fail: () => reject(new Error('down')) }));
  return { calls, lookup };
}
const tick = () => new Promise((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('AuthStates', () => {
  it('asks once for every user wanted within one turn, and not again while cached', async () => {
    const { calls, lookup } = controlledLookup();
    const states = new AuthStates({ lookup });
    const wanted = Promise.all(['a', 'b', 'a', 'c', 'b'].map((id) => states.get(id)));
    await tick();
    expect(calls.map((c) => c.ids)).toEqual([['a', 'b', 'c']]);
    calls[0]!.answer({ a: ACTIVE, b: SUSPENDED });
    expect(await wanted).toEqual([ACTIVE, SUSPENDED, ACTIVE, null, SUSPENDED]);
    expect(await states.get('a')).toEqual(ACTIVE);
    await tick();
    expect(calls).toHaveLength(1);
  });

  it('does not cache an answer that was in flight when the user was invalidated', async () => {
    const { calls, lookup } = controlledLookup();
    const states = new AuthStates({ lookup });
    const early = states.get('u');
    await tick();
    // The suspension commits and its event arrives while the lookup (which read the row before) is in flight.
    states.invalidate('u');
    const late = states.get('u');
    await tick();
    expect(calls).toHaveLength(2);
    // The fresh answer lands first; the stale one after it must not overwrite it.
    calls[1]!.answer({ u: SUSPENDED });
    expect(await late).toEqual(SUSPENDED);
    calls[0]!.answer({ u: ACTIVE });
    expect(await early).toEqual(ACTIVE);
    expect(await states.get('u')).toEqual(SUSPENDED);
    await tick();
    expect(calls).toHaveLength(2);
  });

  it('uses a cached state for a while when accounts is unreachable, but never an invalidated one', async () => {
    const { calls, lookup } = controlledLookup();
    const states = new AuthStates({ lookup, ttlMs: 20, staleIfErrorMs: 10_000 });
    const first = Promise.all([states.get('kept'), states.get('dropped')]);
    await tick();
    calls[0]!.answer({ kept: ACTIVE, dropped: ACTIVE });
    await first;
    await sleep(30);
    states.invalidate('dropped');
    const kept = states.get('kept');
    const dropped = states.get('dropped');
    await tick();
    calls[1]!.fail();
    expect(await kept).toEqual(ACTIVE);
    await expect(dropped).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'AUTH_UNAVAILABLE', retryAfterSeconds: 1 } });
  });

  it('refreshes a state in the background after half its lifetime, answering from the cache meanwhile', async () => {
    const { calls, lookup } = controlledLookup();
    const states = new AuthStates({ lookup, ttlMs: 60 });
    const first = states.get('u');
    await tick();
    calls[0]!.answer({ u: ACTIVE });
    await first;
    await sleep(35);
    expect(await states.get('u')).toEqual(ACTIVE);
    await tick();
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ u: { ...ACTIVE, role: 'READER' } });
    await tick();
    expect(await states.get('u')).toEqual({ ...ACTIVE, role: 'READER' });
  });
});

describe('accountsAuthLookup', () => {
  it('asks accounts\' internal route signed as the gateway, resends a read on a reset kept-alive socket, and fails on a refusal', async () => {
    const seen: Array<{ path?: string; signed: boolean; ids: string[] }> = [];
    let resetNext = false;
    let refuse = false;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', async () => {
        if (resetNext) {
          resetNext = false;
          req.socket.resetAndDestroy();
          return;
        }
        seen.push({ path: req.url, signed: await verifyInternalCall(req.headers[INTERNAL_CALL_HEADER] as string, 'gw-secret'), ids: (JSON.parse(body) as { ids: string[] }).ids });
        res.statusCode = refuse ? 401 : 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(refuse ? { error: 'no' } : { states: { a: ACTIVE } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const lookup = accountsAuthLookup(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 'gw-secret');
    try {
      expect(await lookup(['a', 'b'])).toEqual({ a: ACTIVE });
      // accounts dropped the kept-alive socket as it was reused: the lookup (a read) goes out again on a new one.
      resetNext = true;
      expect(await lookup(['a'])).toEqual({ a: ACTIVE });
      refuse = true;
      await expect(lookup(['a'])).rejects.toThrow('answered 401');
      expect(seen).toEqual([
        { path: AUTH_STATE_PATH, signed: true, ids: ['a', 'b'] },
        { path: AUTH_STATE_PATH, signed: true, ids: ['a'] },
        { path: AUTH_STATE_PATH, signed: true, ids: ['a'] },
      ]);
    } finally {
      lookup.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('AuthStates lifetime and auth-changed events', () => {
  it('keeps a state for the long lifetime only while the events are known to arrive', async () => {
    const { calls, lookup } = controlledLookup();
    const states = new AuthStates({ lookup, ttlMs: 20, liveTtlMs: 60_000 });
    states.eventsLive(true);
    const first = states.get('u');
    await tick();
    calls[0]!.answer({ u: ACTIVE });
    await first;
    await sleep(30);
    // Past the short lifetime: still cached, no lookup (an event would have dropped it).
    expect(await states.get('u')).toEqual(ACTIVE);
    await tick();
    expect(calls).toHaveLength(1);
    // The events may be lost from now on: the short lifetime applies again, so the state is looked up.
    states.eventsLive(false);
    const again = states.get('u');
    await tick();
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ u: SUSPENDED });
    expect(await again).toEqual(SUSPENDED);
  });

  it('drops every cached state when the events arrive again after a gap, and caches no lookup that was in flight across it', async () => {
    const { calls, lookup } = controlledLookup();
    const states = new AuthStates({ lookup, ttlMs: 60_000, liveTtlMs: 600_000 });
    states.eventsLive(true);
    const first = states.get('a');
    await tick();
    calls[0]!.answer({ a: ACTIVE });
    await first;
    // A gap: a's suspension may have been published meanwhile and lost; b's lookup is in flight across it.
    states.eventsLive(false);
    expect(await states.get('a')).toEqual(ACTIVE);
    const b = states.get('b');
    await tick();
    states.eventsLive(true);
    expect(states.stats()).toMatchObject({ cached: 0, eventsLive: true });
    calls[1]!.answer({ b: ACTIVE });
    expect(await b).toEqual(ACTIVE);
    const later = Promise.all([states.get('a'), states.get('b')]);
    await tick();
    expect(calls.map((c) => c.ids)).toEqual([['a'], ['b'], ['a', 'b']]);
    calls[2]!.answer({ a: SUSPENDED, b: ACTIVE });
    expect(await later).toEqual([SUSPENDED, ACTIVE]);
  });
});
