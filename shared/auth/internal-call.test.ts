import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInternalCall, verifyInternalCall } from './auth-state.js';

// Accounts verifies the gateway's internal-call signature once per token (the gateway reuses it for a minute):
// the memory must never accept a tampered token, another secret's token, or a token past its expiry.
afterEach(() => {
  vi.useRealTimers();
});

describe('verifyInternalCall', () => {
  it('accepts the same signature again from memory, refuses tampering, another secret and expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await signInternalCall('secret-one', 120);
    expect(await verifyInternalCall(token, 'secret-one')).toBe(true);
    expect(await verifyInternalCall(token, 'secret-one')).toBe(true);
    expect(await verifyInternalCall(token, 'secret-two')).toBe(false);
    const [h, p, sig] = token.split('.');
    expect(await verifyInternalCall(`${h}.${p}.${sig!.slice(0, -2)}AA`, 'secret-one')).toBe(false);
    expect(await verifyInternalCall(undefined, 'secret-one')).toBe(false);
    vi.advanceTimersByTime(119_000);
    expect(await verifyInternalCall(token, 'secret-one')).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(await verifyInternalCall(token, 'secret-one')).toBe(false);
  });
});
