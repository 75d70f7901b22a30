// The soak's end-of-run checks. Each returns { ok, lines } and prints nothing itself.
import pg from 'pg';
import { createPrisma } from '../../shared/db/client.js';
import { reconcile } from '../../subgraphs/payments/services/reports.js';
import type { SubscriberRecord } from './api.js';
import type { SentEvent } from './workload.js';

export interface CheckResult {
  name: string;
  ok: boolean;
  lines: string[];
}

/** A process's down time: from its SIGKILL to its ready line again. */
export interface Outage {
  name: string;
  service: string;
  instance: number;
  from: number;
  to: number;
}

/** Time after a restart during which the gateway's subscriptions to that instance resubscribe (docs: within 10 s). */
const RESUBSCRIBE_MS = 10_000;
/** Time an event has to reach a live subscriber. */
const DELIVERY_MS = 3000;

/**
 * Every event acknowledged while a subscriber to its target was live (subscribe settled, not left yet) and its
 * gateway stayed up must have reached it. Subscribers whose socket closed (their gateway was killed) are not judged;
 * an event sent while the subscriber's gateway's own instance of the publishing subgraph was down or resubscribing
 * is counted apart ("during a restart": lost by design, docs/architecture.md — clients refetch after reconnecting).
 */
export function checkDelivery(sent: SentEvent[], subscribers: SubscriberRecord[], outages: Outage[], endedAt: number): CheckResult {
  const lines: string[] = [];
  let expected = 0;
  let delivered = 0;
  let duringRestart = 0;
  let deliveredDuringRestart = 0;
  const missed: string[] = [];
  const gatewayClosed = subscribers.filter((s) => s.endedBy === 'socket').length;
  const ended = subscribers.filter((s) => s.endedBy === 'error');
  for (const sub of subscribers) {
    if (sub.endedBy === 'socket') continue;
    const closedAt = sub.closedAt ?? endedAt;
    const instance = sub.gateway === 'gateway-A' ? 1 : 2;
    for (const e of sent) {
      if (e.field !== sub.field || e.target !== sub.target) continue;
      if (e.sentAt < sub.activeFrom || e.ackAt + DELIVERY_MS > closedAt) continue;
      const restart = outages.some(
        (o) => o.service === 'community' && o.instance === instance && o.from - 1000 <= e.ackAt + DELIVERY_MS && e.sentAt <= o.to + RESUBSCRIBE_MS,
      );
      const got = sub.received.has(e.id);
      if (restart) {
        duringRestart++;
        if (got) deliveredDuringRestart++;
        continue;
      }
      expected++;
      if (got) delivered++;
      else missed.push(`${sub.field} ${e.id} to subscriber #${sub.id} on ${sub.gateway}`);
    }
  }
  lines.push(`${subscribers.length} subscribers (${gatewayClosed} closed by their gateway's death, not judged; ${ended.length} ended by an error)`);
  const errors = new Map<string, number>();
  for (const s of ended) errors.set(s.error ?? '?', (errors.get(s.error ?? '?') ?? 0) + 1);
  for (const [e, n] of errors) lines.push(`  ended by error ${e}: ${n}`);
  lines.push(`${delivered}/${expected} events delivered to live subscribers whose gateway stayed up`);
  lines.push(`${deliveredDuringRestart}/${duringRestart} delivered of those sent while the subscriber's community instance restarted (lost by design; clients refetch after reconnecting)`);
  for (const m of missed.slice(0, 10)) lines.push(`  MISSED ${m}`);
  return { name: 'events delivered', ok: missed.length === 0 && expected > 0, lines };
}

/** Every started session billed minutes 1..n exactly once, n = the minutes its connected time started (or fewer when it ran out of funds). */
export async function checkBilling(db: pg.Client): Promise<CheckResult> {
  const rows = (
    await db.query<{ id: string; status: string; billed: number; connected: number; started: boolean; rate: number; total: number; reason: string | null; charges: number; minutes: number; max: number; cents: number }>(`
      SELECT s.id, s.status::text, s.billed_minutes AS billed, s.connected_seconds AS connected, s.started_at IS NOT NULL AS started,
             s.rate_cents AS rate, s.total_cost_cents AS total, s.end_reason AS reason,
             count(t.id)::int AS charges, count(DISTINCT t.session_minute)::int AS minutes,
             coalesce(max(t.session_minute), 0)::int AS max, coalesce(sum(abs(t.amount_cents)), 0)::int AS cents
        FROM sessions s LEFT JOIN transactions t ON t.session_id = s.id AND t.type = 'SESSION_CHARGE'
       GROUP BY s.id`)
  ).rows;
  const problems: string[] = [];
  let minutes = 0;
  for (const r of rows) {
    minutes += r.charges;
    const due = r.started ? Math.floor(r.connected / 60) + 1 : 0;
    const poor = /FUNDS/i.test(r.reason ?? '');
    if (r.charges !== r.minutes || r.max !== r.charges || r.billed !== r.charges) problems.push(`${r.id}: ${r.charges} charges for minutes up to ${r.max}, billed_minutes ${r.billed}`);
    else if (['IN_PROGRESS', 'ACCEPTED', 'REQUESTED'].includes(r.status)) problems.push(`${r.id}: still ${r.status} after the soak`);
    else if (r.started && (poor ? r.billed > due : r.billed !== due)) problems.push(`${r.id}: ${r.billed} minutes billed for ${r.connected} s connected (due ${due})`);
    else if (r.cents !== r.billed * r.rate || (r.started && r.total !== r.billed * r.rate)) problems.push(`${r.id}: charged ${r.cents} cents, total ${r.total}, for ${r.billed} × ${r.rate}`);
  }
  return {
    name: 'session minutes billed once, none missed',
    ok: problems.length === 0 && rows.some((r) => r.started),
    lines: [`${rows.length} sessions (${rows.filter((r) => r.started).length} started), ${minutes} minutes charged`, ...problems.slice(0, 10).map((p) => `  ${p}`)],
  };
}

/** scripts/reconcile.ts's checks on the cluster's schema: every difference, and all accounts summing to zero. */
export async function checkReconcile(databaseUrl: string, schema: string): Promise<CheckResult> {
  const prisma = createPrisma(databaseUrl, { max: 2, schema });
  try {
    const report = await reconcile(prisma);
    const sum = Object.values(report.totals).reduce((a, b) => a + b, 0);
    const lines = report.checks.filter((c) => c.differences).map((c) => `  DIFF ${c.check} ${c.differences} ${c.sample.join(', ')}`);
    lines.unshift(`${report.checks.length} reconciliation checks, ${lines.length} with differences; all ledger accounts sum to ${sum}`);
    return { name: 'ledger balanced, reconcile clean', ok: report.ok && sum === 0, lines };
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * No job lost: after the drain, no job has used up its attempts, and none is overdue (due more than 60 s ago and not
 * running, or held by a lock older than 60 s: a worker that was killed holding it). Future timers and the recurring
 * sweep are fine. A row graphile-worker SUPERSEDED is not lost: adding a job under a key whose job is locked (a sweep
 * held by an instance that was killed) clears the old row's key and uses up its attempts, with no error, and queues
 * a new one that does the work; the old row stays until pruned (issue 14's retention), so it is counted apart.
 */
export async function checkJobs(db: pg.Client, jobsSchema: string): Promise<CheckResult> {
  const rows = (
    await db.query<{ task: string; attempts: number; max_attempts: number; overdue: boolean; stale_lock: boolean; last_error: string | null; keyless: boolean }>(`
      SELECT t.identifier AS task, j.attempts, j.max_attempts, j.key IS NULL AS keyless,
             (j.run_at < now() - interval '60 seconds' AND j.locked_at IS NULL) AS overdue,
             (j.locked_at IS NOT NULL AND j.locked_at < now() - interval '60 seconds') AS stale_lock, j.last_error
        FROM "${jobsSchema}"._private_jobs j JOIN "${jobsSchema}"._private_tasks t ON t.id = j.task_id`)
  ).rows;
  const superseded = rows.filter((r) => r.attempts >= r.max_attempts && r.keyless && !r.last_error);
  const dead = rows.filter((r) => r.attempts >= r.max_attempts && !superseded.includes(r));
  const overdue = rows.filter((r) => (r.overdue || r.stale_lock) && !superseded.includes(r));
  const byTask = new Map<string, number>();
  for (const r of rows) byTask.set(r.task, (byTask.get(r.task) ?? 0) + 1);
  const lines = [`${rows.length} jobs left after the drain: ${[...byTask].map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`];
  if (superseded.length) lines.push(`  ${superseded.length} superseded row(s) left by killed runs (${[...new Set(superseded.map((r) => r.task))].join(', ')}): replaced by a new run, not lost; pruning them is retention's job`);
  for (const r of dead.slice(0, 5)) lines.push(`  DEAD ${r.task} after ${r.attempts} attempts: ${(r.last_error ?? '').slice(0, 160)}`);
  for (const r of overdue.slice(0, 5)) lines.push(`  OVERDUE ${r.task}${r.stale_lock ? ' (held by a dead worker)' : ''}`);
  return { name: 'no job lost', ok: dead.length === 0 && overdue.length === 0, lines };
}

/** RSS growth from the end of warm-up to the end ≤ 10% per process (a process restarted after warm-up is measured from its own warm-up). */
export function checkRss(samples: Array<{ at: number; rss: Record<string, number> }>, readyAt: Map<string, number>, warmupMs: number): CheckResult {
  const lines: string[] = [];
  let ok = true;
  for (const name of [...readyAt.keys()].sort()) {
    const from = readyAt.get(name)! + warmupMs;
    const series = samples.filter((s) => s.at >= from && s.rss[name]).map((s) => s.rss[name]!);
    if (series.length < 4) {
      lines.push(`  ${name.padEnd(12)} not measured (restarted too late for a warm-up of ${Math.round(warmupMs / 1000)} s)`);
      continue;
    }
    // The first sample after warm-up against the lowest of the last three (one sample can catch a GC peak).
    const base = series[0]!;
    const end = Math.min(...series.slice(-3));
    const growth = (end - base) / base;
    if (growth > 0.1) ok = false;
    lines.push(`  ${name.padEnd(12)} ${(base / 2 ** 20).toFixed(0)} MiB -> ${(end / 2 ** 20).toFixed(0)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%)${growth > 0.1 ? '  OVER 10%' : ''}`);
  }
  return { name: 'RSS growth after warm-up ≤ 10%', ok, lines };
}
