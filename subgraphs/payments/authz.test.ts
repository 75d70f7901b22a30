import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../shared/context.js';
import { assertWithinMoneyCap, authorize, canAdjustBalances, canAuditLedger, canOpenPayoutAccount, canPayOut, canRefund, canUseWallet, canViewEarnings, moneyCapFor, moneyOwnerFor, payoutsVisibleTo } from './authz.js';

const client: Viewer = { id: 'c1', role: 'CLIENT' };
const reader: Viewer = { id: 'r1', role: 'READER' };
const admin: Viewer = { id: 'a1', role: 'ADMIN', adminRoles: ['SUPER_ADMIN'] };

describe('payments authorization: one rule per action', () => {
  it('who may do what', () => {
    const table = (rule: (v: Viewer | null) => boolean) => [null, client, reader, admin].map(rule);
    expect(table(canUseWallet)).toEqual([false, true, true, true]);
    expect(table(canViewEarnings)).toEqual([false, false, true, true]);
    expect(table(canOpenPayoutAccount)).toEqual([false, false, true, false]);
    for (const adminOnly of [canPayOut, canRefund, canAdjustBalances, canAuditLedger]) expect(table(adminOnly)).toEqual([false, false, false, true]);
  });

  it('own money, or anyone\'s for admins', () => {
    expect(moneyOwnerFor(client, null)).toBe('c1');
    expect(moneyOwnerFor(client, 'c1')).toBe('c1');
    expect(() => moneyOwnerFor(client, 'c2')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }), message: 'You can only see your own money.' }));
    expect(() => moneyOwnerFor(null, null)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
    expect(moneyOwnerFor(admin, 'c2')).toBe('c2');
    expect(payoutsVisibleTo(admin, null)).toEqual({});
    expect(payoutsVisibleTo(admin, 'r2')).toEqual({ readerId: 'r2' });
    expect(payoutsVisibleTo(reader, null)).toEqual({ readerId: 'r1' });
    expect(() => payoutsVisibleTo(reader, 'r2')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
  });

  it('services refuse as the schema does', () => {
    expect(() => authorize(null, canRefund)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }), message: 'You must be signed in to do this.' }));
    expect(() => authorize(client, canRefund)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }), message: 'You are not allowed to do this.' }));
    expect(() => authorize(admin, canRefund)).not.toThrow();
  });

  it('admin roles: finance pays out and audits, support refunds and adjusts under a cap, moderators and role-less admins move no money', () => {
    const as = (...adminRoles: NonNullable<Viewer['adminRoles']>) => ({ id: 'x', role: 'ADMIN' as const, adminRoles });
    const support = as('SUPPORT');
    const finance = as('FINANCE');
    const rules = [canPayOut, canRefund, canAdjustBalances, canAuditLedger];
    expect(rules.map((r) => r(support))).toEqual([false, true, true, false]);
    expect(rules.map((r) => r(finance))).toEqual([true, true, true, true]);
    expect(rules.map((r) => r(as('MODERATOR')))).toEqual([false, false, false, false]);
    expect(rules.map((r) => r(as()))).toEqual([false, false, false, false]);
    // A CLIENT never gains admin permissions from forwarded roles.
    expect(rules.map((r) => r({ id: 'c', role: 'CLIENT', adminRoles: ['SUPER_ADMIN'] }))).toEqual([false, false, false, false]);
    expect(moneyCapFor(support, 'REFUNDS', 5000)).toBe(5000);
    expect(moneyCapFor(as('SUPPORT', 'FINANCE'), 'REFUNDS', 5000)).toBeNull();
    expect(moneyCapFor(admin, 'ADJUSTMENTS', 5000)).toBeNull();
    expect(moneyCapFor(null, 'REFUNDS', 5000)).toBeNull();
    expect(() => assertWithinMoneyCap(5000, 5000)).not.toThrow();
    expect(() => assertWithinMoneyCap(-5001, 5000)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'ADMIN_LIMIT' }) }));
    expect(() => assertWithinMoneyCap(1_000_000, null)).not.toThrow();
  });
});
