import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { AcceptSessionDocument, JoinSessionDocument, RequestSessionDocument } from '../generated/graphql.js';
import type { SessionType } from '../../shared/db/generated/enums.js';
import type { PaymentsMoney } from '../../subgraphs/payments/services/money.js';
import type { TestFederation } from '../helpers/federation.js';
import { createUser, type TestUser } from './subscriptions-fixtures.js';

export { createUser, type TestUser };

/** An ONLINE reader offering the given per-minute rates. */
export async function createReader(fed: TestFederation, rates: Partial<Record<SessionType, number>> = { CHAT: 200 }): Promise<TestUser> {
  const user = await createUser(fed.db.prisma, fed.runtime.config.jwtSecret, 'READER');
  const types = Object.keys(rates) as SessionType[];
  await fed.db.prisma.reader.update({
    where: { userId: user.id },
    data: {
      status: 'ONLINE',
      sessionTypes: types,
      lowestRateCents: Math.min(...Object.values(rates)),
      rates: { create: types.map((t) => ({ sessionType: t, ratePerMinuteCents: rates[t]! })) },
    },
  });
  return user;
}

/** A client whose wallet holds `cents` (credited through payments' ledger). */
export async function createClient(fed: TestFederation, cents: number): Promise<TestUser> {
  const user = await createUser(fed.db.prisma, fed.runtime.config.jwtSecret, 'CLIENT');
  if (cents > 0) await fund(fed, user.id, cents);
  return user;
}

export async function fund(fed: TestFederation, userId: string, cents: number): Promise<void> {
  await (fed.runtime.money as PaymentsMoney).adjustBalance(
    { userId, amountCents: cents, account: 'WALLET', reason: 'test funds', idempotencyKey: `test-${randomBytes(8).toString('hex')}` },
    { viewer: null, ip: null, userAgent: null },
  );
}

export async function balanceOf(fed: TestFederation, userId: string): Promise<number> {
  return fed.runtime.money!.balanceOf(userId);
}

export const jobsSchema = (fed: TestFederation) => fed.runtime.jobs!.schema!;
const jobKey = (fed: TestFederation, key: string) => `${fed.runtime.jobs!.prefix ?? ''}${key}`;

/**
 * Makes `seconds` pass for one session: its timestamps and its pending jobs move back in time together,
 * as if the clock had advanced (the job runner polls and picks up what became due).
 */
export async function timeTravel(fed: TestFederation, sessionId: string, seconds: number): Promise<void> {
  const iv = `${seconds} seconds`;
  await fed.db.sql(
    `UPDATE sessions SET requested_at = requested_at - $2::interval, accepted_at = accepted_at - $2::interval,
       started_at = started_at - $2::interval, resumed_at = resumed_at - $2::interval,
       grace_started_at = grace_started_at - $2::interval WHERE id = $1`,
    [sessionId, iv],
  );
  await fed.db.sql(`UPDATE "${jobsSchema(fed)}"._private_jobs SET run_at = run_at - $2::interval WHERE key LIKE $1`, [jobKey(fed, `session:${sessionId}:%`), iv]);
}

/** Pending job keys of a session, without the test file's prefix. */
export async function pendingJobs(fed: TestFederation, sessionId: string): Promise<string[]> {
  const prefix = jobKey(fed, '');
  const rows = await fed.db.sql<{ key: string }>(`SELECT key FROM "${jobsSchema(fed)}"._private_jobs WHERE key LIKE $1 ORDER BY key`, [`${prefix}session:${sessionId}:%`]);
  return rows.map((r) => r.key.slice(prefix.length));
}

export async function ledgerMinutes(fed: TestFederation, sessionId: string): Promise<number[]> {
  const rows = await fed.db.sql<{ session_minute: number }>(
    `SELECT session_minute FROM transactions WHERE session_id = $1 AND type = 'SESSION_CHARGE' ORDER BY session_minute`,
    [sessionId],
  );
  return rows.map((r) => Number(r.session_minute));
}

/** A CHAT session both have joined (IN_PROGRESS, minute 1 charged), through the gateway. */
export async function startRunningSession(fed: TestFederation, rate = 200, funds = 2000) {
  const reader = await createReader(fed, { CHAT: rate });
  const client = await createClient(fed, funds);
  const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
  expect(req.errors).toBeUndefined();
  const id = req.data!.requestSession.id;
  expect((await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token)).errors).toBeUndefined();
  await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
  const joined = await fed.run(JoinSessionDocument, { sessionId: id }, reader.token);
  expect(joined.data!.joinSession.status).toBe('IN_PROGRESS');
  return { reader, client, id };
}
