import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthState } from '../shared/auth/auth-state.js';
import { createAccessToken, verifyForwardedIdentity } from '../shared/auth/tokens.js';
import { AuthStates } from './auth-state.js';
import { IdentityService, SIGNED_REUSE_MS } from './identity.js';

// The signed viewer header is cached per viewer and client: it must never serve another viewer, never reach a
// revoked token, and never be handed out so late that it expires on the way.
const JWT = 'jwt-secret-identity-test';
const GW = 'gw-secret-identity-test';
const ACTIVE: AuthState = { role: 'CLIENT', status: 'ACTIVE', epoch: 0, emailVerified: true, twoFactor: false };

afterEach(() => {
  vi.useRealTimers();
});

function service(states: Record<string, AuthState>) {
  const authStates = new AuthStates({ lookup: async (ids) => Object.fromEntries(ids.flatMap((id) => (states[id] ? [[id, states[id]]] : []))) });
  return { identity: new IdentityService(JWT, GW, authStates), authStates };
}

describe('IdentityService', () => {
  it('reuses a viewer\'s signed header, never for another viewer, client or role', async () => {
    const { identity } = service({ a: ACTIVE, b: ACTIVE });
    const a = await identity.viewerFromToken(await createAccessToken({ id: 'a', role: 'CLIENT' }, JWT, 600));
    const b = await identity.viewerFromToken(await createAccessToken({ id: 'b', role: 'CLIENT' }, JWT, 600));
    const ha = await identity.forward(a, '10.0.0.1', 'ua');
    expect(await identity.forward(a, '10.0.0.1', 'ua')).toBe(ha);
    const others = [await identity.forward(b, '10.0.0.1', 'ua'), await identity.forward(a, '10.0.0.2', 'ua'), await identity.forward(a, '10.0.0.1', 'other'), await identity.forward({ ...a, role: 'READER' }, '10.0.0.1', 'ua'), await identity.forward(null, '10.0.0.1', 'ua')];
    expect(new Set([ha, ...others]).size).toBe(6);
    expect((await verifyForwardedIdentity(ha, GW))?.viewer?.id).toBe('a');
    expect((await verifyForwardedIdentity(others[0], GW))?.viewer?.id).toBe('b');
    expect((await verifyForwardedIdentity(others[3], GW))?.viewer?.role).toBe('READER');
  });

  it('signs afresh once the reuse window ends, always with at least 30 s of validity left', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { identity } = service({ a: ACTIVE });
    const a = await identity.viewerFromToken(await createAccessToken({ id: 'a', role: 'CLIENT' }, JWT, 3600));
    const first = await identity.forward(a, null, null);
    vi.advanceTimersByTime(SIGNED_REUSE_MS - 1000);
    expect(await identity.forward(a, null, null)).toBe(first);
    expect(await verifyForwardedIdentity(first, GW)).not.toBeNull();
    vi.advanceTimersByTime(1000);
    const second = await identity.forward(a, null, null);
    expect(second).not.toBe(first);
    const exp = (h: string) => JSON.parse(Buffer.from(h.split('.')[1]!, 'base64url').toString()).exp as number;
    expect(exp(first) - Math.floor((Date.now() - SIGNED_REUSE_MS) / 1000)).toBe(120);
    expect(exp(first) * 1000 - (Date.now() - 1)).toBeGreaterThanOrEqual(29_000);
    expect(exp(second)).toBeGreaterThan(exp(first));
  });

  it('refuses a revoked token although its verification and its viewer\'s header are cached', async () => {
    const states = { a: ACTIVE };
    const { identity, authStates } = service(states);
    const token = await createAccessToken({ id: 'a', role: 'CLIENT' }, JWT, 600);
    const viewer = await identity.viewerFromToken(token);
    await identity.forward(viewer, null, null);
    // "Log out everywhere": the epoch moves on and accounts' event drops the cached state.
    states.a = { ...ACTIVE, epoch: 1 };
    authStates.invalidate('a');
    await expect(identity.viewerFromToken(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' } });
    // Suspended: refused too, whatever was cached.
    states.a = { ...ACTIVE, status: 'SUSPENDED' };
    authStates.invalidate('a');
    const fresh = await createAccessToken({ id: 'a', role: 'CLIENT' }, JWT, 600, 0);
    await expect(identity.viewerFromToken(fresh)).rejects.toMatchObject({ extensions: { reason: 'ACCOUNT_SUSPENDED' } });
  });
});
