import { afterEach, describe, expect, it, vi } from 'vitest';
import { signForwardedIdentity, verifyForwardedIdentity } from './tokens.js';

// verifyForwardedIdentity keeps verified headers until their expiry; these check that the cache never lets
// through what the signature check alone would refuse.
const SECRET = 'forwarded-identity-test-secret-0123456789abcdef';
const identity = { viewer: { id: 'user-1', role: 'CLIENT' as const, emailVerified: true, twoFactor: false }, ip: '10.0.0.1', userAgent: 'test' };

afterEach(() => {
  vi.useRealTimers();
});

describe('verifyForwardedIdentity cache', () => {
  it('answers a header it verified before with the same identity', async () => {
    const header = await signForwardedIdentity(identity, SECRET);
    const first = await verifyForwardedIdentity(header, SECRET);
    const second = await verifyForwardedIdentity(header, SECRET);
    expect(first).toEqual(identity);
    expect(second).toBe(first);
    // Shared between requests: nobody may change it in place.
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second!.viewer)).toBe(true);
  });

  it('refuses a tampered header even right after the genuine one was cached', async () => {
    const header = await signForwardedIdentity(identity, SECRET);
    expect(await verifyForwardedIdentity(header, SECRET)).not.toBeNull();
    const [h, payload, sig] = header.split('.');
    const flipped = sig!.slice(0, -2) + (sig!.at(-2) === 'A' ? 'B' : 'A') + sig!.at(-1);
    expect(await verifyForwardedIdentity(`${h}.${payload}.${flipped}`, SECRET)).toBeNull();
    // Another payload under the genuine signature: an admin claim.
    const forgedPayload = Buffer.from(JSON.stringify({ v: ['user-1', 'ADMIN'], ip: null, ua: null, iss: 'soulseer', aud: 'soulseer-subgraph', exp: 9_999_999_999 })).toString('base64url');
    expect(await verifyForwardedIdentity(`${h}.${forgedPayload}.${sig}`, SECRET)).toBeNull();
    expect(await verifyForwardedIdentity(`${header}x`, SECRET)).toBeNull();
  });

  it('refuses a cached header under another secret', async () => {
    const header = await signForwardedIdentity(identity, SECRET);
    expect(await verifyForwardedIdentity(header, SECRET)).not.toBeNull();
    expect(await verifyForwardedIdentity(header, `${SECRET}-other`)).toBeNull();
  });

  it('refuses a cached header once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const header = await signForwardedIdentity(identity, SECRET, 60);
    expect(await verifyForwardedIdentity(header, SECRET)).not.toBeNull();
    vi.setSystemTime(new Date('2030-01-01T00:00:59Z'));
    expect(await verifyForwardedIdentity(header, SECRET)).not.toBeNull();
    vi.setSystemTime(new Date('2030-01-01T00:01:00Z'));
    expect(await verifyForwardedIdentity(header, SECRET)).toBeNull();
    // Still refused afterwards (the entry is gone, and jose refuses it too).
    expect(await verifyForwardedIdentity(header, SECRET)).toBeNull();
  });
});
