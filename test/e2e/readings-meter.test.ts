import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EndSessionDocument,
  JoinSessionDocument,
  LeaveSessionDocument,
  SendSessionMessageDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import type { ReadingsServer } from '../../subgraphs/readings/server.js';
import { eventually } from './subscriptions-fixtures.js';
import { ledgerMinutes, pendingJobs, startAcceptedSession, startRunningSession, timeTravel } from './readings-fixtures.js';

// The meter cannot be gamed (no media server: participants report joins and leaves themselves). Chat happens only
// while the session bills, and the disconnect grace is one budget per session, not one per disconnect.

let fed: TestFederation;
beforeAll(async () => {
  fed = await startTestFederation();
});
afterAll(async () => {
  await fed?.stop();
});

const session = (id: string) => fed.db.prisma.session.findUniqueOrThrow({ where: { id } });
const messages = (sessionId: string) => fed.db.prisma.chatMessage.count({ where: { sessionId } });
const send = (sessionId: string, content: string, token: string) => fed.run(SendSessionMessageDocument, { input: { sessionId, content } }, token);
const join = (sessionId: string, token: string) => fed.run(JoinSessionDocument, { sessionId }, token);
const leave = (sessionId: string, token: string) => fed.run(LeaveSessionDocument, { sessionId }, token);

/** The refusal a participant's message gets outside billed time. */
function expectNotBilling(res: Awaited<ReturnType<typeof send>>) {
  expect(errorCode(res)).toBe('CONFLICT');
  expect(res.errors![0]!.extensions).toMatchObject({ reason: 'SESSION_NOT_BILLING' });
}

const acceptedSession = (rate = 200, funds = 5000) => startAcceptedSession(fed, rate, funds);
const runningSession = (rate = 200, funds = 5000) => startRunningSession(fed, rate, funds);

describe('session chat happens only while the session bills', () => {
  it('refuses both sides\' messages before both joined, and accepts them once billing started', async () => {
    const { reader, client, id } = await acceptedSession();
    expectNotBilling(await send(id, 'free reading before the meter?', client.token));
    expectNotBilling(await send(id, 'the cards say…', reader.token));
    await join(id, client.token);
    // One side in the room is not enough.
    expectNotBilling(await send(id, 'still free?', client.token));
    expectNotBilling(await send(id, 'the cards say…', reader.token));
    expect(await messages(id)).toBe(0);
    expect(await ledgerMinutes(fed, id)).toEqual([]);

    await join(id, reader.token);
    const ok = await send(id, 'hello', client.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.sendSessionMessage.seq).toBe(1);
    expect((await send(id, 'welcome', reader.token)).errors).toBeUndefined();
    expect(await ledgerMinutes(fed, id)).toEqual([1]);
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);
  });

  it('refuses both sides\' messages while paused, and again after the resume accepts them', async () => {
    const { reader, client, id } = await runningSession();
    expect((await send(id, 'first', client.token)).errors).toBeUndefined();
    await leave(id, client.token);
    expect((await session(id)).resumedAt).toBeNull();
    for (let i = 0; i < 4; i++) {
      expectNotBilling(await send(id, `paused ${i}`, client.token));
      expectNotBilling(await send(id, `paused ${i}`, reader.token));
    }
    expect(await messages(id)).toBe(1);
    await join(id, client.token);
    expect((await send(id, 'back', reader.token)).errors).toBeUndefined();
    expect(await messages(id)).toBe(2);
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);
    expectNotBilling(await send(id, 'after the end', client.token));
  });

  it('charges the minute a message falls in before writing it (the sweep may lag)', async () => {
    const readings = fed.subgraphs.readings as ReadingsServer;
    await readings.jobs!.stop();
    try {
      const { client, id } = await runningSession();
      await timeTravel(fed, id, 61); // minute 2 has started; no sweep runs
      expect((await session(id)).billedMinutes).toBe(1);
      expect((await send(id, 'in minute 2', client.token)).errors).toBeUndefined();
      expect((await session(id)).billedMinutes).toBe(2);
      expect(await ledgerMinutes(fed, id)).toEqual([1, 2]);
      await fed.run(EndSessionDocument, { sessionId: id }, client.token);
    } finally {
      await readings.jobs!.start();
    }
  });
});

describe('the disconnect grace is a budget per session', () => {
  it('spends the budget across repeated leave/join and ends the session when it is used up', async () => {
    const { client, reader, id } = await runningSession();
    // Pause 1: 50 s. Pause 2: 50 s. 120 s in total, so pause 3 has ~20 s left, not another 2 minutes.
    for (let i = 0; i < 2; i++) {
      await leave(id, client.token);
      await timeTravel(fed, id, 50);
      await join(id, client.token);
    }
    let s = await session(id);
    expect(s.graceUsedSeconds).toBeGreaterThanOrEqual(100);
    expect(s.graceUsedSeconds).toBeLessThanOrEqual(102);
    await leave(id, reader.token);
    const job = await fed.db.sql<{ run_at: Date }>(`SELECT run_at FROM test_jobs._private_jobs WHERE key = $1`, [`${fed.runtime.jobs!.prefix}session:${id}:grace`]);
    s = await session(id);
    const left = (job[0]!.run_at.getTime() - s.graceStartedAt!.getTime()) / 1000;
    expect(left).toBeGreaterThanOrEqual(18);
    expect(left).toBeLessThanOrEqual(20);
    await timeTravel(fed, id, 21);
    s = await eventually(() => session(id), (x) => x.status === 'DISCONNECTED', 8000);
    // Billed only for connected minutes: a few seconds of connected time, one minute.
    expect(s).toMatchObject({ endReason: 'DISCONNECTED_GRACE_EXPIRED', billedMinutes: 1, totalCostCents: 200 });
    expect(s.duration).toBeLessThan(10);
    expect(await ledgerMinutes(fed, id)).toEqual([1]);
    expect(await pendingJobs(fed, id)).toEqual([]);
  });

  it('ends the session at the next leave once the budget is spent: leaving and rejoining cannot stop the meter for good', async () => {
    const { client, reader, id } = await runningSession();
    // No timer runs here (the second pause outlasts what was left, but the client is back before the job ran).
    const readings = fed.subgraphs.readings as ReadingsServer;
    await readings.jobs!.stop();
    try {
      for (let i = 0; i < 2; i++) {
        await leave(id, client.token);
        await timeTravel(fed, id, 60);
        await join(id, client.token);
      }
      expect(await session(id)).toMatchObject({ status: 'IN_PROGRESS', graceUsedSeconds: 120 });
      const res = await leave(id, client.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.leaveSession).toMatchObject({ status: 'DISCONNECTED', endReason: 'DISCONNECTED_GRACE_EXPIRED', billedMinutes: 1 });
    } finally {
      await readings.jobs!.start();
    }
    expectNotBilling(await send(id, 'still here?', reader.token));
    expect(errorCode(await join(id, client.token))).toBe('CONFLICT');
    expect(await ledgerMinutes(fed, id)).toEqual([1]);
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('ONLINE');
  });

  it('reads the budget from the session_grace_seconds setting', async () => {
    await fed.db.prisma.systemSetting.create({ data: { key: 'session_grace_seconds', value: '30' } });
    try {
      const { client, id } = await runningSession();
      await leave(id, client.token);
      await timeTravel(fed, id, 20);
      await join(id, client.token);
      // ~10 s of the 30 s budget are left for this pause.
      await leave(id, client.token);
      await timeTravel(fed, id, 11);
      const s = await eventually(() => session(id), (x) => x.status === 'DISCONNECTED', 8000);
      expect(s.endReason).toBe('DISCONNECTED_GRACE_EXPIRED');
    } finally {
      await fed.db.prisma.systemSetting.deleteMany({ where: { key: 'session_grace_seconds' } });
    }
  });
});
