import type { JobHelpers } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationsDocument } from '../generated/graphql.js';
import { startTestFederation, testConfig, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed } from '../helpers/seed.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { eventually } from './subscriptions-fixtures.js';
import { startJobRunner } from '../../shared/jobs.js';
import type { NotifyInput } from '../../shared/ports.js';
import { startCommunity } from '../../subgraphs/community/server.js';
import { communityTasks } from '../../subgraphs/community/jobs.js';
import { deliverNotificationTask, inAppChannel, type DeliveryChannel } from '../../subgraphs/community/services/notification-delivery.js';

let fed: TestFederation;
let seed: Seed;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  fed = await startTestFederation({ config: { mail: { ...testConfig().mail, smtpUrl: smtp.url } } });
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
  await smtp?.close();
});

const notify = (input: NotifyInput) => fed.db.prisma.$transaction((tx) => fed.runtime.notifications!.notify(tx, input));
const note = (userId: string, title: string): NotifyInput => ({ userId, kind: 'PAYOUT_SENT', title, body: 'Your payout is on its way.' });
const deliveries = (notificationId: string) =>
  fed.db.sql<{ channel: string; status: string; attempts: number; last_error: string | null }>(
    `SELECT channel, status, attempts, last_error FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel`,
    [notificationId],
  );
/** Queued delivery jobs of this notification (graphile-worker deletes a job once it succeeded). */
const queued = async (notificationId: string) =>
  (
    await fed.db.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM test_jobs._private_jobs j
        WHERE j.payload->>'deliveryId' IN (SELECT id FROM notification_deliveries WHERE notification_id = $1)`,
      [notificationId],
    )
  )[0]!.n;

/** Stops community (its job runner with it) and returns how to bring it back on the same port. */
async function stopCommunity(): Promise<() => Promise<void>> {
  const port = fed.subgraphs.community.port;
  await fed.subgraphs.community.close();
  return async () => {
    fed.subgraphs.community = await startCommunity(fed.runtime, { port });
  };
}

describe('durable delivery', () => {
  it('a notification committed while no worker runs is delivered exactly once when one comes back', async () => {
    const user = await seed.reader().create();
    const restart = await stopCommunity();
    let id: string | null;
    try {
      id = await notify(note(user.id, 'Payout sent'));
      // Committed with its jobs, nothing delivered yet.
      expect((await deliveries(id!)).map((d) => [d.channel, d.status])).toEqual([
        ['IN_APP', 'PENDING'],
        ['EMAIL', 'PENDING'],
        ['WEB_PUSH', 'PENDING'],
      ]);
      expect(await queued(id!)).toBe(3);
    } finally {
      await restart();
    }
    const done = await eventually(() => deliveries(id!), (d) => d.every((x) => x.status !== 'PENDING'), 30_000);
    // Each delivery ran once: in-app and email sent; push has nowhere to go (the user registered no browser).
    expect(done.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['IN_APP', 'SENT', 1],
      ['EMAIL', 'SENT', 1],
      ['WEB_PUSH', 'SKIPPED', 1],
    ]);
    expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1);
    expect(await eventually(() => queued(id!), (n) => n === 0, 10_000)).toBe(0);
    const inbox = await fed.run(NotificationsDocument, {}, user.token);
    expect(inbox.data!.notifications.edges.map((e) => e.node.title)).toEqual(['Payout sent']);
  });

  it('retries a failed delivery with backoff until it goes through, and a delivery already settled does nothing', async () => {
    const user = await seed.client().create();
    const restart = await stopCommunity();
    let calls = 0;
    const flaky: DeliveryChannel = {
      async send() {
        calls += 1;
        if (calls === 1) throw new Error('push service unavailable');
        return { status: 'SENT' };
      },
    };
    const runner = await startJobRunner(fed.runtime.jobs!, communityTasks(fed.runtime, { WEB_PUSH: flaky }));
    try {
      const id = await notify(note(user.id, 'Flaky'));
      // The other channels are not held up by push failing.
      await eventually(() => deliveries(id!), (d) => d.find((x) => x.channel === 'WEB_PUSH')!.attempts >= 1 && d.find((x) => x.channel === 'IN_APP')!.status === 'SENT', 15_000);
      // graphile-worker's backoff: the second try comes a few seconds later.
      const done = await eventually(() => deliveries(id!), (d) => d.find((x) => x.channel === 'WEB_PUSH')!.status === 'SENT', 30_000);
      expect(done.find((x) => x.channel === 'WEB_PUSH')).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
      expect(calls).toBe(2);

      // A job that runs again for a settled delivery (a replaced or redelivered job) sends nothing more.
      const [row] = await fed.db.sql<{ id: string }>(`SELECT id FROM notification_deliveries WHERE notification_id = $1 AND channel = 'WEB_PUSH'`, [id]);
      const task = deliverNotificationTask(fed.db.prisma, { IN_APP: inAppChannel(fed.pubsub), EMAIL: flaky, WEB_PUSH: flaky });
      await task({ deliveryId: row!.id }, { job: { attempts: 1, max_attempts: 8 } } as unknown as JobHelpers);
      expect(calls).toBe(2);
    } finally {
      await runner.stop();
      await restart();
    }
  });

  it('marks a delivery FAILED after its last attempt, keeping the reason', async () => {
    const user = await seed.client().create();
    const restart = await stopCommunity();
    try {
      const id = await notify(note(user.id, 'Never'));
      const [row] = await fed.db.sql<{ id: string }>(`SELECT id FROM notification_deliveries WHERE notification_id = $1 AND channel = 'EMAIL'`, [id]);
      const broken: DeliveryChannel = { send: () => Promise.reject(new Error('SMTP said no')) };
      const task = deliverNotificationTask(fed.db.prisma, { IN_APP: broken, EMAIL: broken, WEB_PUSH: broken });
      await expect(task({ deliveryId: row!.id }, { job: { attempts: 8, max_attempts: 8 } } as unknown as JobHelpers)).rejects.toThrow('SMTP said no');
      expect((await deliveries(id!)).find((d) => d.channel === 'EMAIL')).toMatchObject({ status: 'FAILED', last_error: 'SMTP said no' });
    } finally {
      await restart();
    }
  });
});
