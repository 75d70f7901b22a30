import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { Viewer } from '../../shared/context.js';
import { assertCanEndSession, assertCanViewSession, assertParticipant, canHearOfStream, canKnowClientBalance, canViewSession, sideOf } from './authz.js';

const s = { id: 's1', clientId: 'c', readerId: 'r' };
const client: Viewer = { id: 'c', role: 'CLIENT' };
const reader: Viewer = { id: 'r', role: 'READER' };
const admin: Viewer = { id: 'a', role: 'ADMIN', adminRoles: ['SUPER_ADMIN'] };
const stranger: Viewer = { id: 'x', role: 'CLIENT' };
const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'not an AppError';
  }
};

describe('readings authorization', () => {
  it('lets the two participants and admins see a session, nobody else', () => {
    expect([client, reader, admin, stranger, null].map((v) => canViewSession(v, s))).toEqual([true, true, true, false, false]);
    expect(code(() => assertCanViewSession(stranger, s))).toBe('FORBIDDEN');
    expect(code(() => assertCanViewSession(admin, s))).toBeNull();
  });

  it('lets only participants act in the room, and an outside admin end a session as admin', () => {
    expect(sideOf(s, 'c')).toBe('client');
    expect(assertParticipant(reader, s)).toBe('reader');
    expect(code(() => assertParticipant(admin, s))).toBe('FORBIDDEN');
    expect(assertCanEndSession(admin, s)).toBe('admin');
    expect(assertCanEndSession({ id: 'r', role: 'ADMIN', adminRoles: ['SUPER_ADMIN'] }, s)).toBe('reader');
    expect(code(() => assertCanEndSession(stranger, s))).toBe('FORBIDDEN');
  });

  it('shows the client\'s balance to the client and admins only', () => {
    expect([client, reader, admin, null].map((v) => canKnowClientBalance(v, s))).toEqual([true, false, true, false]);
  });

  it('tells of a private stream only its invitees and admins', () => {
    const priv = { visibility: 'PRIVATE' as const, invitedUserIds: ['c'] };
    expect([client, reader, admin].map((v) => canHearOfStream(v, priv))).toEqual([true, false, true]);
    expect(canHearOfStream(reader, { visibility: 'PUBLIC', invitedUserIds: [] })).toBe(true);
  });
});
