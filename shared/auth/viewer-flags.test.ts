import { describe, expect, it } from 'vitest';
import { hasRole, isAdmin, requireRole, requireTwoFactorViewer, requireVerifiedViewer } from '../authz.js';
import { signForwardedIdentity, verifyForwardedIdentity } from './tokens.js';

const SECRET = 'g'.repeat(32);
const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

// The two account-security flags a viewer carries from the gateway: emailVerified (paying, messaging) and twoFactor
// (admin actions, payout details). A viewer from the gateway always has both; false refuses, with its own code.
describe('viewer security flags', () => {
  it('survive the signed viewer header, and a header without them (older gateway) means false', async () => {
    const header = await signForwardedIdentity({ viewer: { id: 'u1', role: 'ADMIN', emailVerified: true, twoFactor: true }, ip: null, userAgent: null }, SECRET);
    expect((await verifyForwardedIdentity(header, SECRET))?.viewer).toEqual({ id: 'u1', role: 'ADMIN', emailVerified: true, twoFactor: true });
    const bare = await signForwardedIdentity({ viewer: { id: 'u2', role: 'CLIENT' }, ip: null, userAgent: null }, SECRET);
    expect((await verifyForwardedIdentity(bare, SECRET))?.viewer).toEqual({ id: 'u2', role: 'CLIENT', emailVerified: false, twoFactor: false });
  });

  it('an admin without 2FA is no admin for any rule and is refused with TWO_FACTOR_REQUIRED', () => {
    const admin = { id: 'a', role: 'ADMIN' as const, emailVerified: true, twoFactor: false };
    expect(isAdmin(admin)).toBe(false);
    expect(hasRole(admin, 'ADMIN', 'READER')).toBe(false);
    expect(code(() => requireRole({ viewer: admin }, 'ADMIN'))).toBe('TWO_FACTOR_REQUIRED');
    expect(isAdmin({ ...admin, twoFactor: true })).toBe(true);
  });

  it('unverified viewers may not pay or message; payout details need 2FA', () => {
    expect(code(() => requireVerifiedViewer({ viewer: { id: 'c', role: 'CLIENT', emailVerified: false, twoFactor: false } }))).toBe('EMAIL_NOT_VERIFIED');
    expect(code(() => requireVerifiedViewer({ viewer: { id: 'c', role: 'CLIENT', emailVerified: true, twoFactor: false } }))).toBeNull();
    expect(code(() => requireVerifiedViewer({ viewer: null }))).toBe('UNAUTHENTICATED');
    expect(code(() => requireTwoFactorViewer({ viewer: { id: 'r', role: 'READER', emailVerified: true, twoFactor: false } }, 'x'))).toBe('TWO_FACTOR_REQUIRED');
  });
});
