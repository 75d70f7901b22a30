import { beforeAll, describe, expect, it } from 'vitest';
import { CreatePayoutAccountLinkDocument } from '../generated/graphql.js';
import type { TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { createJobQueue } from '../../shared/jobs.js';
import { PAYMENT_TASKS } from '../../subgraphs/payments/jobs.js';
import type { Seed } from '../helpers/seed.js';

const stack = useStripeFederation();
let fed: TestFederation;
let seed: Seed;
let stripe: FakeStripe;
beforeAll(() => {
  ({ fed, stripe, seed } = stack);
});

const jobsSchema = () => fed.runtime.jobs!.schema!;
const prefix = () => fed.runtime.jobs!.prefix!;

/** Queues the daily payout task for the cron slot of `day` (as graphile-worker's cron does) and waits until it ran. */
async function runDailyTask(day: string) {
  const queue = createJobQueue(jobsSchema(), prefix());
  const key = `test-daily-payouts:${day}:${Math.random()}`;
  await queue.add(fed.db.prisma, PAYMENT_TASKS.dailyPayouts, { _cron: { ts: `${day}T03:00:00.000Z`, backfilled: false } }, { jobKey: key, maxAttempts: 1 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [job] = await fed.db.sql<{ last_error: string | null; attempts: number }>(
      `SELECT last_error, attempts FROM "${jobsSchema()}"._private_jobs WHERE key = $1`,
      [prefix() + key],
    );
    if (!job) return; // done: graphile-worker deletes a job that succeeded
    if (job.last_error) throw new Error(`daily payout task failed: ${job.last_error}`);
    if (Date.now() > deadline) throw new Error('daily payout task did not run within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const payoutsOf = (readerId: string) =>
  fed.db.sql<{ amount_cents: number; status: string; idempotency_key: string }>(
    `SELECT amount_cents, status, idempotency_key FROM payouts WHERE reader_id = $1 ORDER BY created_at`,
    [readerId],
  );
const transfersTo = (readerId: string) => stripe.requests.filter((r) => r.path === '/v1/transfers' && r.params['metadata[readerId]'] === readerId);

describe('the daily automatic payout run', () => {
  async function reader(earnings: number, onboarded: boolean) {
    const r = await seed.reader().withEarnings(earnings).withTwoFactor().create();
    const link = await fed.run(CreatePayoutAccountLinkDocument, { input: { returnUrl: 'https://soulseer.test/r', refreshUrl: 'https://soulseer.test/f' } }, r.token);
    expect(link.errors).toBeUndefined();
    // As Stripe's account.updated webhook records it once onboarding is finished.
    if (onboarded) await fed.db.sql(`UPDATE connect_accounts SET payouts_enabled = true WHERE user_id = $1`, [r.id]);
    return r;
  }

  it('is registered as a daily cron on the job runner', async () => {
    const rows = await fed.db.sql<{ identifier: string }>(`SELECT identifier FROM "${jobsSchema()}"._private_known_crontabs WHERE identifier = $1`, [
      prefix() + PAYMENT_TASKS.dailyPayouts,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('pays only readers over the threshold, only when enabled, and once per day however often it runs', async () => {
    const over = await reader(2000, true); // threshold 1500 (setting payout_threshold_cents)
    const under = await reader(1400, true);
    const notOnboarded = await reader(3000, false);

    // Off by default (auto_payouts_enabled = 0): the run pays nobody.
    await runDailyTask('2026-11-26');
    expect(await payoutsOf(over.id)).toEqual([]);
    expect(transfersTo(over.id)).toHaveLength(0);

    await fed.db.sql(`INSERT INTO system_settings (id, key, value, updated_at) VALUES ('s-auto-payouts', 'auto_payouts_enabled', '1', now())`);
    await runDailyTask('2026-11-26');
    expect(await payoutsOf(over.id)).toEqual([{ amount_cents: 2000, status: 'COMPLETED', idempotency_key: `payout:daily:2026-11-26:${over.id}` }]);
    expect(await payoutsOf(under.id)).toEqual([]);
    expect(await payoutsOf(notOnboarded.id)).toEqual([]);
    expect(transfersTo(over.id)).toHaveLength(1);
    expect(transfersTo(over.id)[0]!.params).toMatchObject({ amount: '2000', currency: 'usd' });

    // The same day again (a retry, a second instance, a backfill): nothing more, even with new earnings.
    await seed.credit(over, 1600, 'EARNINGS');
    await Promise.all([runDailyTask('2026-11-26'), runDailyTask('2026-11-26')]);
    expect(await payoutsOf(over.id)).toHaveLength(1);
    expect(transfersTo(over.id)).toHaveLength(1);

    // The next day pays what was earned since; the reader under the threshold still gets nothing.
    await runDailyTask('2026-11-27');
    expect((await payoutsOf(over.id)).map((p) => [p.amount_cents, p.status])).toEqual([
      [2000, 'COMPLETED'],
      [1600, 'COMPLETED'],
    ]);
    expect(await payoutsOf(under.id)).toEqual([]);
    const [earnings] = await fed.db.sql<{ b: string }>(`SELECT balance_cents AS b FROM ledger_accounts WHERE id = $1`, [`earnings:${over.id}`]);
    expect(Number(earnings!.b)).toBe(0);

    // Off again: the next day's run pays nobody.
    await fed.db.sql(`UPDATE system_settings SET value = '0' WHERE key = 'auto_payouts_enabled'`);
    await seed.credit(over, 5000, 'EARNINGS');
    await runDailyTask('2026-11-28');
    expect(await payoutsOf(over.id)).toHaveLength(2);
  });
});
