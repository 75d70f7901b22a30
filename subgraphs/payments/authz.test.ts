import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../shared/context.js';
import { authorize, canAdjustBalances, canAuditLedger, canOpenPayoutAccount, canPayOut, canRefund, canUseWallet, canViewEarnings, moneyOwnerFor, payoutsVisibleTo } from './authz.js';

const client: Viewer = { id: 'c1', role: 'CLIENT' };
const reader: Viewer = { id: 'r1', role: 'READER' };
const admin: Viewer = { id: 'a1', role: 'ADMIN' };

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
});
