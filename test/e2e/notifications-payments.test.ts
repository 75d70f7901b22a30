import { describe, expect, it } from 'vitest';
import { CreatePayoutAccountLinkDocument, NotificationsDocument, RequestPayoutDocument, SetAutoReloadDocument } from '../generated/graphql.js';
import { createSession } from '../../subgraphs/payments/testing/fixtures.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { eventually } from './subscriptions-fixtures.js';
import { startRunningSession, timeTravel } from './readings-fixtures.js';

// Payments' notices (docs/notifications.md): written through community's NotificationsPort in the ledger
// transaction of their cause, and found in the inbox of that user only.

const stack = useStripeFederation();

const inbox = async (token: string) =>
  (await stack.fed.run(NotificationsDocument, { first: 50 }, token)).data!.notifications.edges.map((e) => e.node);
const kindsOf = async (userId: string) =>
  (await stack.fed.db.sql<{ kind: string }>(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at`, [userId])).map((r) => r.kind);

describe('payments notifications', () => {
  it('sends a top-up receipt to the payer once, even when Stripe delivers the webhook again', async () => {
    const { seed, stripe } = stack;
    const payer = await seed.client().create();
    const bystander = await seed.client().create();
    const pi = await seed.payByCard(payer, 2500, stripe);
    const mine = await inbox(payer.token);
    const receipts = mine.filter((n) => n.kind === 'TOP_UP_RECEIPT');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.body).toContain('$25.00');
    expect(receipts[0]!.data).toMatchObject({ transactionId: expect.any(String) });
    // Replayed delivery: credited once, receipted once.
    expect((await seed.deliverStripe(stripe.succeed(pi))).status).toBe(200);
    expect((await kindsOf(payer.id)).filter((k) => k === 'TOP_UP_RECEIPT')).toHaveLength(1);
    expect(await inbox(bystander.token)).toEqual([]);
    expect(await kindsOf(bystander.id)).toEqual([]);
  });

  it('warns a client whose balance runs low during a reading, once however many minutes are charged, and not the reader', async () => {
    const { fed } = stack;
    const s = await startRunningSession(fed, 200, 700); // minute 1 leaves 500; minute 2 leaves 300 (< 2 minutes)
    expect(await kindsOf(s.client.id)).not.toContain('LOW_BALANCE');
    await timeTravel(fed, s.id, 61);
    const kinds = await eventually(() => kindsOf(s.client.id), (k) => k.includes('LOW_BALANCE'), 30_000);
    expect(kinds.filter((k) => k === 'LOW_BALANCE')).toHaveLength(1);
    const warning = (await inbox(s.client.token)).find((n) => n.kind === 'LOW_BALANCE')!;
    expect(warning.body).toContain('$3.00');
    // Minute 3 is charged (100 left) while still low: no second warning this hour.
    await timeTravel(fed, s.id, 60);
    await eventually(() => fed.db.prisma.session.findUniqueOrThrow({ where: { id: s.id } }), (x) => x.billedMinutes >= 3, 30_000);
    expect((await kindsOf(s.client.id)).filter((k) => k === 'LOW_BALANCE')).toHaveLength(1);
    expect(await kindsOf(s.reader.id)).not.toContain('LOW_BALANCE');
  });

  it('tells the client the result of each auto-reload: succeeded once credited, failed when the card declines', async () => {
    const { fed, seed, stripe } = stack;
    const reader = await seed.reader().create();
    const other = await seed.client().create();
    const results = async (userId: string) =>
      (await fed.db.sql<{ title: string; data: { result: string } }>(`SELECT title, data FROM notifications WHERE user_id = $1 AND kind = 'AUTO_RELOAD_RESULT' ORDER BY created_at`, [userId]));
    const crossThreshold = async (client: { id: string; token: string }) => {
      await seed.payByCard(client, 1000, stripe);
      const set = await fed.run(SetAutoReloadDocument, { input: { enabled: true, thresholdCents: 500, amountCents: 2500 } }, client.token);
      expect(set.errors).toBeUndefined();
      return set;
    };

    const ok = await seed.client().create();
    await crossThreshold(ok);
    const session = await createSession(fed.db.prisma, ok.id, reader.id, 600);
    await fed.runtime.money!.chargeSessionMinute({ sessionId: session, clientId: ok.id, readerId: reader.id, minute: 1, rateCents: 600 }); // 400 < 500
    const [auto] = await eventually(
      () => fed.db.sql<{ stripe_payment_intent_id: string }>(`SELECT stripe_payment_intent_id FROM top_ups WHERE user_id = $1 AND is_auto_reload`, [ok.id]),
      (rows) => rows.length === 1,
      30_000,
    );
    expect(await results(ok.id)).toEqual([]);
    await seed.deliverStripe(stripe.succeed(auto!.stripe_payment_intent_id));
    await seed.deliverStripe(stripe.succeed(auto!.stripe_payment_intent_id)); // replayed: no second notice
    expect(await results(ok.id)).toMatchObject([{ title: 'Auto-reload succeeded', data: { result: 'SUCCEEDED' } }]);

    const declined = await seed.client().create();
    await crossThreshold(declined);
    await fed.db.sql(`UPDATE wallets SET default_payment_method_id = 'pm_card_declined' WHERE user_id = $1`, [declined.id]);
    const reader2 = await seed.reader().create();
    const s2 = await createSession(fed.db.prisma, declined.id, reader2.id, 600);
    await fed.runtime.money!.chargeSessionMinute({ sessionId: s2, clientId: declined.id, readerId: reader2.id, minute: 1, rateCents: 600 });
    const failed = await eventually(() => results(declined.id), (r) => r.length > 0, 30_000);
    expect(failed).toMatchObject([{ title: 'Auto-reload failed', data: { result: 'FAILED' } }]);
    expect(await results(other.id)).toEqual([]);
    expect(await results(reader.id)).toEqual([]);
  });

  it('tells the reader their payout was sent, or failed with the earnings restored, and tells nobody else', async () => {
    const { fed, seed, stripe, admin } = stack;
    const urls = { returnUrl: 'https://soulseer.test/return', refreshUrl: 'https://soulseer.test/refresh' };
    const payoutNotices = async (userId: string) =>
      (await fed.db.sql<{ kind: string; data: { payoutId: string } }>(`SELECT kind, data FROM notifications WHERE user_id = $1 AND kind IN ('PAYOUT_SENT', 'PAYOUT_FAILED')`, [userId]));

    const paid = await seed.reader().withTwoFactor().create();
    await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, paid.token);
    await seed.credit(paid, 3000, 'EARNINGS');
    const key = `n1-${paid.id}`;
    const ok = await fed.run(RequestPayoutDocument, { input: { readerId: paid.id, idempotencyKey: key } }, admin.token);
    expect(ok.errors).toBeUndefined();
    await fed.run(RequestPayoutDocument, { input: { readerId: paid.id, idempotencyKey: key } }, admin.token); // replay
    const sent = await payoutNotices(paid.id);
    expect(sent).toEqual([{ kind: 'PAYOUT_SENT', data: { payoutId: ok.data!.requestPayout.id } }]);
    expect((await inbox(paid.token)).find((n) => n.kind === 'PAYOUT_SENT')!.title).toBe('Payout of $30.00 sent');

    const refused = await seed.reader().withTwoFactor().create();
    await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, refused.token);
    await seed.credit(refused, 3000, 'EARNINGS');
    stripe.failTransfers = true;
    try {
      await fed.run(RequestPayoutDocument, { input: { readerId: refused.id, idempotencyKey: `n2-${refused.id}` } }, admin.token);
    } finally {
      stripe.failTransfers = false;
    }
    expect((await payoutNotices(refused.id)).map((n) => n.kind)).toEqual(['PAYOUT_FAILED']);
    expect(await payoutNotices(admin.id)).toEqual([]);
  });

  it('tells the client when Stripe declines an auto-reload later (webhook), once, and says nothing for a hand-made top-up', async () => {
    const { fed, seed, stripe } = stack;
    const results = async (userId: string) =>
      fed.db.sql<{ title: string; data: { result: string; paymentIntentId?: string } }>(`SELECT title, data FROM notifications WHERE user_id = $1 AND kind = 'AUTO_RELOAD_RESULT' ORDER BY created_at`, [userId]);
    const client = await seed.client().create();
    await seed.payByCard(client, 1000, stripe);
    expect((await fed.run(SetAutoReloadDocument, { input: { enabled: true, thresholdCents: 500, amountCents: 2500 } }, client.token)).errors).toBeUndefined();
    const reader = await seed.reader().create();
    const session = await createSession(fed.db.prisma, client.id, reader.id, 600);
    await fed.runtime.money!.chargeSessionMinute({ sessionId: session, clientId: client.id, readerId: reader.id, minute: 1, rateCents: 600 }); // 400 < 500
    // The off-session charge was accepted for processing (the top-up is PENDING until Stripe's webhook): no notice yet.
    const [auto] = await eventually(
      () => fed.db.sql<{ stripe_payment_intent_id: string; status: string }>(`SELECT stripe_payment_intent_id, status FROM top_ups WHERE user_id = $1 AND is_auto_reload`, [client.id]),
      (rows) => rows.length === 1,
      30_000,
    );
    expect(auto!.status).toBe('PENDING');
    expect(await results(client.id)).toEqual([]);
    // Then Stripe says the card was declined (asynchronously), delivered twice.
    const pi = { id: auto!.stripe_payment_intent_id, object: 'payment_intent', amount: 2500, currency: 'usd', status: 'requires_payment_method', metadata: { userId: client.id, purpose: 'wallet_auto_reload' }, last_payment_error: { message: 'Your card was declined.' } };
    const declined = stripe.event('payment_intent.payment_failed', pi);
    expect((await seed.deliverStripe(declined)).status).toBe(200);
    expect((await seed.deliverStripe(stripe.event('payment_intent.payment_failed', pi))).status).toBe(200);
    expect(await results(client.id)).toMatchObject([{ title: 'Auto-reload failed', data: { result: 'FAILED', paymentIntentId: pi.id } }]);
    const [topUp] = await fed.db.sql<{ status: string; failure_reason: string }>(`SELECT status, failure_reason FROM top_ups WHERE stripe_payment_intent_id = $1`, [pi.id]);
    expect(topUp).toEqual({ status: 'FAILED', failure_reason: 'Your card was declined.' });
    // A failure event for a top-up the client made by hand says nothing about auto-reload.
    const manual = await fed.db.sql<{ stripe_payment_intent_id: string }>(`SELECT stripe_payment_intent_id FROM top_ups WHERE user_id = $1 AND NOT is_auto_reload`, [client.id]);
    await seed.deliverStripe(stripe.event('payment_intent.payment_failed', { ...pi, id: manual[0]!.stripe_payment_intent_id }));
    expect(await results(client.id)).toHaveLength(1);
    expect(await results(reader.id)).toEqual([]);
  });

  it('tells the reader when a sent payout is reversed, once per amount restored, however often Stripe repeats it', async () => {
    const { fed, seed, stripe, admin } = stack;
    const reader = await seed.reader().withTwoFactor().create();
    await fed.run(CreatePayoutAccountLinkDocument, { input: { returnUrl: 'https://soulseer.test/return', refreshUrl: 'https://soulseer.test/refresh' } }, reader.token);
    await seed.credit(reader, 4000, 'EARNINGS');
    const paid = await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: `rev-${reader.id}` } }, admin.token);
    expect(paid.data!.requestPayout).toMatchObject({ status: 'COMPLETED', amountCents: 4000 });
    const payoutId = paid.data!.requestPayout.id;
    const transfer = { id: paid.data!.requestPayout.stripeTransferId!, object: 'transfer', amount: 4000, currency: 'usd' };
    const notices = async () =>
      fed.db.sql<{ kind: string; title: string; data: Record<string, string> }>(
        `SELECT kind, title, data FROM notifications WHERE user_id = $1 AND kind IN ('PAYOUT_SENT', 'PAYOUT_FAILED') ORDER BY created_at`,
        [reader.id],
      );

    // Part of it reversed (delivered twice), then the rest, then a stale copy of the first event.
    const partial = stripe.event('transfer.reversed', { ...transfer, amount_reversed: 1500, reversed: false });
    expect((await seed.deliverStripe(partial)).status).toBe(200);
    expect((await seed.deliverStripe(stripe.event('transfer.reversed', { ...transfer, amount_reversed: 1500, reversed: false }))).status).toBe(200);
    expect((await seed.deliverStripe(stripe.event('transfer.reversed', { ...transfer, amount_reversed: 4000, reversed: true }))).status).toBe(200);
    expect((await seed.deliverStripe(stripe.event('transfer.reversed', { ...transfer, amount_reversed: 1500, reversed: false }))).status).toBe(200);
    expect(await notices()).toEqual([
      { kind: 'PAYOUT_SENT', title: 'Payout of $40.00 sent', data: { payoutId } },
      { kind: 'PAYOUT_FAILED', title: '$15.00 of your $40.00 payout reversed', data: { payoutId, reversedCents: '1500', restoredCents: '1500' } },
      { kind: 'PAYOUT_FAILED', title: 'Payout of $40.00 reversed', data: { payoutId, reversedCents: '4000', restoredCents: '2500' } },
    ]);
    const last = (await inbox(reader.token)).find((n) => n.title === 'Payout of $40.00 reversed')!;
    expect(last.body).toContain('$25.00 is back in your earnings');
    expect(await kindsOf(admin.id)).not.toContain('PAYOUT_FAILED');
  });
});
