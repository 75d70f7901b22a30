import { expect } from 'vitest';
import { AcceptSessionDocument, JoinSessionDocument, RequestSessionDocument } from '../generated/graphql.js';
import type { TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';

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

/** A CHAT session the reader accepted (nobody joined yet), through the gateway. */
export async function startAcceptedSession(fed: TestFederation, rate = 200, funds = 2000) {
  const seed = createSeed(fed);
  const reader = await seed.reader().online().withRates({ CHAT: rate }).create();
  const client = await seed.client().withCredit(funds).create();
  const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
  expect(req.errors).toBeUndefined();
  const id = req.data!.requestSession.id;
  expect((await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token)).errors).toBeUndefined();
  return { reader, client, id };
}

/** A CHAT session both have joined (IN_PROGRESS, minute 1 charged), through the gateway. */
export async function startRunningSession(fed: TestFederation, rate = 200, funds = 2000) {
  const s = await startAcceptedSession(fed, rate, funds);
  await fed.run(JoinSessionDocument, { sessionId: s.id }, s.client.token);
  const joined = await fed.run(JoinSessionDocument, { sessionId: s.id }, s.reader.token);
  expect(joined.data!.joinSession.status).toBe('IN_PROGRESS');
  return s;
}
