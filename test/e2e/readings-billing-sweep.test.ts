import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskList } from 'graphile-worker';
import { EndSessionDocument, LeaveSessionDocument, SessionUpdatedDocument } from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { startJobRunner } from '../../shared/jobs.js';
import type { ReadingsServer } from '../../subgraphs/readings/server.js';
import { billingSweep, billSession } from '../../subgraphs/readings/services/billing-sweep.js';
import { sessionFromRow } from '../../subgraphs/readings/services/session-store.js';
import { sweep } from '../../subgraphs/readings/services/timers.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { balanceOf, jobsSchema, ledgerMinutes, pendingJobs, startRunningSession, timeTravel } from './readings-fixtures.js';

// The billing sweep (subgraphs/readings/services/billing-sweep.ts) and its self-rescheduling job: each due minute of
// every running session charged exactly once, whatever dies or races (the rest of a session's life:
// readings-sessions.test.ts).

let fed: TestFederation;
const sockets: WsClient[] = [];
beforeAll(async () => {
  fed = await startTestFederation();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

const sweepKey = () => `${fed.runtime.jobs!.prefix}readings:billing-sweep`;
const sweepJobs = () =>
  fed.db.sql<{ locked_at: Date | null; locked_by: string | null }>(`SELECT locked_at, locked_by FROM test_jobs._private_jobs WHERE key = $1 OR locked_by = 'dead-worker'`, [sweepKey()]);
const readerStatus = async (id: string) => (await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: id } })).status;
const session = (id: string) => fed.db.prisma.session.findUniqueOrThrow({ where: { id } });
const startSession = (rate: number, funds: number) => startRunningSession(fed, rate, funds);

describe('the billing sweep job', () => {
  it('loses no minute and charges none twice when the job runner dies mid-session', async () => {
    const { id, client } = await startSession(200, 5000);
    const readings = fed.subgraphs.readings as ReadingsServer;
    await readings.jobs!.stop();
    // 150 s pass with no runner: minutes 2 and 3 have started.
    await timeTravel(fed, id, 150);
    await new Promise((r) => setTimeout(r, 300));
    expect((await session(id)).billedMinutes).toBe(1);
    await readings.jobs!.start();
    const s = await eventually(() => session(id), (x) => x.billedMinutes === 3, 8000);
    expect(s.totalCostCents).toBe(600);
    // Minute 4 starts: two more sweeps and a per-session charge race the running job for it; it is charged once.
    await timeTravel(fed, id, 31);
    await Promise.all([billingSweep(readings.background()), billingSweep(readings.background()), billSession(readings.background(), id)]);
    expect((await session(id)).billedMinutes).toBe(4);
    expect(await ledgerMinutes(fed, id)).toEqual([1, 2, 3, 4]);
    // No per-session billing timer: the one sweep job bills every session.
    expect(await pendingJobs(fed, id)).toEqual([]);
    expect(await sweepJobs()).toHaveLength(1);
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);
  });

  it('restarts the billing sweep whose worker died holding it (the job stays locked): the minute sweep requeues it', async () => {
    const { id, client } = await startSession(200, 5000);
    const readings = fed.subgraphs.readings as ReadingsServer;
    // A worker took the sweep job and died before queueing the next run: graphile-worker keeps it locked for hours.
    await readings.jobs!.stop();
    await fed.db.sql(`UPDATE test_jobs._private_jobs SET locked_at = now(), locked_by = 'dead-worker' WHERE key = $1`, [sweepKey()]);
    await readings.jobs!.start(); // a fresh lock is presumed alive: not requeued
    expect((await sweepJobs()).map((j) => j.locked_by)).toEqual(['dead-worker']);
    await timeTravel(fed, id, 80);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await session(id)).billedMinutes).toBe(1);
    // A minute later the lock is stale: the minute sweep (cron) queues the billing sweep again, which bills once.
    await fed.db.sql(`UPDATE test_jobs._private_jobs SET locked_at = now() - interval '2 minutes' WHERE key = $1`, [sweepKey()]);
    await sweep(readings.background());
    await eventually(() => session(id), (x) => x.billedMinutes === 2, 8000);
    // Sweeping again requeues nothing (the job is queued), and a direct sweep charges nothing more.
    await sweep(readings.background());
    await billingSweep(readings.background());
    expect(await ledgerMinutes(fed, id)).toEqual([1, 2]);
    const jobs = await sweepJobs();
    expect(jobs.filter((j) => j.locked_by !== 'dead-worker')).toHaveLength(1);
    await fed.db.sql(`DELETE FROM test_jobs._private_jobs WHERE locked_by = 'dead-worker'`);
    const ended = await fed.run(EndSessionDocument, { sessionId: id }, client.token);
    expect(ended.data!.endSession).toMatchObject({ status: 'COMPLETED', billedMinutes: 2, totalCostCents: 400 });
  });

  it('runs the billing sweep one at a time with several instances on one queue', async () => {
    const { id, client } = await startSession(200, 5000);
    const readings = fed.subgraphs.readings as ReadingsServer;
    await readings.jobs!.stop();
    let running = 0;
    let most = 0;
    let sweeps = 0;
    const counted = (): TaskList =>
      Object.fromEntries(
        Object.entries(readings.tasks()).map(([name, task]) => [
          name,
          async (payload: unknown, helpers: Parameters<NonNullable<TaskList[string]>>[1]) => {
            if (!name.endsWith('readings.billing-sweep')) return task!(payload, helpers);
            running += 1;
            sweeps += 1;
            most = Math.max(most, running);
            try {
              return await task!(payload, helpers);
            } finally {
              running -= 1;
            }
          },
        ]),
      );
    const instances = await Promise.all(['a', 'b', 'c'].map(() => startJobRunner(fed.runtime.jobs!, counted())));
    try {
      await timeTravel(fed, id, 60);
      await eventually(() => session(id), (x) => x.billedMinutes === 2, 8000);
      await timeTravel(fed, id, 60);
      await eventually(() => session(id), (x) => x.billedMinutes === 3, 8000);
      await new Promise((r) => setTimeout(r, 400));
      expect(sweeps).toBeGreaterThanOrEqual(2);
      expect(most).toBe(1);
      expect(await ledgerMinutes(fed, id)).toEqual([1, 2, 3]);
      await fed.run(EndSessionDocument, { sessionId: id }, client.token);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
      await readings.jobs!.start();
    }
  });
});

describe('the billing sweep', () => {
  it('charges many sessions in one pass, warns on low balance, ends the ones that cannot pay', async () => {
    const readings = fed.subgraphs.readings as ReadingsServer;
    await readings.jobs!.stop();
    try {
      const rich = await startSession(200, 5000);
      const low = await startSession(200, 600); // minute 2 leaves 200: less than 2 minutes
      const broke = await startSession(300, 500); // cannot pay minute 2
      const paused = await startSession(200, 5000);
      await fed.run(LeaveSessionDocument, { sessionId: paused.id }, paused.client.token);
      for (const s of [rich, low, broke, paused]) await timeTravel(fed, s.id, 61);
      const ws = connect(fed.gateway.wsUrl, low.client.token);
      const brokeWs = connect(fed.gateway.wsUrl, broke.client.token);
      sockets.push(ws, brokeWs);
      const lowUpdates = subscribe(ws, SessionUpdatedDocument, { sessionId: low.id });
      const brokeUpdates = subscribe(brokeWs, SessionUpdatedDocument, { sessionId: broke.id });
      await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 2);

      const r = await billingSweep(readings.background());
      // Every other test's sessions here are ended or paused: only these three were due (the paused one is not).
      expect(r).toMatchObject({ due: 3, minutes: 3, charged: 2, advanced: 2, ended: 1 });
      expect((await lowUpdates.next(8000)).data!.sessionUpdated).toMatchObject({
        kind: 'MINUTE_CHARGED',
        lowBalanceWarning: true,
        meter: { billedMinutes: 2, costCents: 400, balanceCents: 200 },
      });
      expect((await brokeUpdates.next(8000)).data!.sessionUpdated).toMatchObject({ kind: 'ENDED', status: 'COMPLETED', endReason: 'INSUFFICIENT_FUNDS' });
      expect(await session(rich.id)).toMatchObject({ status: 'IN_PROGRESS', billedMinutes: 2, totalCostCents: 400 });
      expect(await session(broke.id)).toMatchObject({ status: 'COMPLETED', billedMinutes: 1, totalCostCents: 300 });
      expect(await ledgerMinutes(fed, broke.id)).toEqual([1]);
      expect(await readerStatus(broke.reader.id)).toBe('ONLINE');
      expect(await session(paused.id)).toMatchObject({ status: 'IN_PROGRESS', billedMinutes: 1 });
      expect(await ledgerMinutes(fed, paused.id)).toEqual([1]);
      // The sweep turns the rows its UPDATE returns into sessions for the events' snapshots: same as Prisma's read.
      const [raw] = await fed.db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(`SELECT * FROM sessions WHERE id = $1`, low.id);
      expect(sessionFromRow(raw!)).toEqual(await session(low.id));

      // Nothing is due any more: a second pass does nothing.
      expect(await billingSweep(readings.background())).toMatchObject({ due: 0, charged: 0 });
      // A sweep that died after payments committed but before the session rows moved: the next one moves them
      // without charging again.
      await fed.db.sql(`UPDATE sessions SET billed_minutes = 1, total_cost_cents = 200 WHERE id = $1`, [rich.id]);
      expect(await billingSweep(readings.background())).toMatchObject({ due: 1, minutes: 1, charged: 0, advanced: 1 });
      expect(await session(rich.id)).toMatchObject({ billedMinutes: 2, totalCostCents: 400 });
      expect(await ledgerMinutes(fed, rich.id)).toEqual([1, 2]);
      expect(await balanceOf(fed, rich.client.id)).toBe(4600);
      lowUpdates.stop();
      brokeUpdates.stop();
      for (const s of [rich, low, paused]) await fed.run(EndSessionDocument, { sessionId: s.id }, s.client.token);
    } finally {
      await readings.jobs!.start();
    }
  });

  it('ends every session that cannot pay together, each as a transition would (row, reader, counter, timers, event)', async () => {
    const readings = fed.subgraphs.readings as ReadingsServer;
    await readings.jobs!.stop();
    try {
      const broke = [await startSession(300, 500), await startSession(300, 500), await startSession(300, 500)];
      const before = await Promise.all(broke.map(async (s) => (await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: s.reader.id } })).totalSessions));
      for (const s of broke) {
        await timeTravel(fed, s.id, 61);
        // A timer left behind (as a grace timer racing the end would be): the end removes it with the others.
        await fed.db.sql(`SELECT "${jobsSchema(fed)}".add_job('readings.grace', '{}'::json, run_at => now() + interval '1 hour', job_key => $1)`, [
          `${fed.runtime.jobs!.prefix}session:${s.id}:grace`,
        ]);
      }
      expect((await pendingJobs(fed, broke[0]!.id)).length).toBe(1);
      const ws = connect(fed.gateway.wsUrl, broke[1]!.reader.token);
      sockets.push(ws);
      const updates = subscribe(ws, SessionUpdatedDocument, { sessionId: broke[1]!.id });
      await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);

      expect(await billingSweep(readings.background())).toMatchObject({ due: 3, minutes: 3, charged: 0, advanced: 0, ended: 3 });
      expect((await updates.next(8000)).data!.sessionUpdated).toMatchObject({ kind: 'ENDED', status: 'COMPLETED', endReason: 'INSUFFICIENT_FUNDS' });
      updates.stop();
      for (const [i, s] of broke.entries()) {
        const row = await session(s.id);
        expect(row).toMatchObject({ status: 'COMPLETED', endReason: 'INSUFFICIENT_FUNDS', endedById: null, billedMinutes: 1, resumedAt: null, clientConnected: false, readerConnected: false });
        expect(row.totalCostCents).toBe(row.rateCents);
        expect(row.duration).toBe(row.connectedSeconds);
        expect(row.connectedSeconds).toBeGreaterThanOrEqual(61);
        expect(row.endedAt).not.toBeNull();
        expect(await ledgerMinutes(fed, s.id)).toEqual([1]);
        expect(await readerStatus(s.reader.id)).toBe('ONLINE');
        expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: s.reader.id } })).totalSessions).toBe(before[i]! + 1);
        expect(await pendingJobs(fed, s.id)).toEqual([]);
      }
      // Ended: a later sweep has nothing to do for them.
      expect(await billingSweep(readings.background())).toMatchObject({ due: 0, ended: 0 });
    } finally {
      await readings.jobs!.start();
    }
  });

  it('charges each minute once when sweeps and a transition race at a minute boundary', async () => {
    const readings = fed.subgraphs.readings as ReadingsServer;
    await readings.jobs!.stop();
    try {
      // Several rounds: the interleavings differ from run to run (a transition's row lock against the sweep's
      // charge once deadlocked here).
      for (let round = 0; round < 3; round++) {
        const sessions = await Promise.all([1, 2, 3].map(() => startSession(200, 5000)));
        for (const s of sessions) await timeTravel(fed, s.id, 125); // minutes 2 and 3 have started
        const [ending] = sessions;
        const [, , ended] = await Promise.all([
          billingSweep(readings.background()),
          billingSweep(readings.background()),
          fed.run(EndSessionDocument, { sessionId: ending!.id }, ending!.client.token),
        ]);
        expect(ended.errors).toBeUndefined();
        expect(ended.data!.endSession).toMatchObject({ status: 'COMPLETED', billedMinutes: 3, totalCostCents: 600 });
        // Between them the two sweeps and the transition charged each due minute exactly once.
        for (const s of sessions) {
          expect(await ledgerMinutes(fed, s.id)).toEqual([1, 2, 3]);
          expect(await session(s.id)).toMatchObject({ billedMinutes: 3, totalCostCents: 600 });
          expect(await balanceOf(fed, s.client.id)).toBe(4400);
        }
        for (const s of sessions.slice(1)) await fed.run(EndSessionDocument, { sessionId: s.id }, s.client.token);
      }
    } finally {
      await readings.jobs!.start();
    }
  });
});

