import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A small Stripe API fake for tests (the product never imports it). It answers the calls payments makes —
 * customers, payment intents, Connect accounts and links, transfers, refunds — with the fields the code reads, honours
 * Idempotency-Key like Stripe (same key → same response), and records every request. `event()` builds a webhook
 * delivery signed with the SDK's own helper.
 */
export interface FakeStripe {
  port: number;
  host: string;
  secretKey: string;
  webhookSecret: string;
  requests: Array<{ method: string; path: string; params: Record<string, string>; idempotencyKey: string | null }>;
  paymentIntents: Map<string, Record<string, unknown>>;
  /** Cards that decline (payment_method ids). */
  decliningMethods: Set<string>;
  /** When true, transfers fail with an invalid_request_error. */
  failTransfers: boolean;
  /** When true, transfers answer 503 as if Stripe were unreachable (not stored under the idempotency key). */
  transferOutage: boolean;
  /** Refunds created, by id (a replay with the same Idempotency-Key creates none). */
  refunds: Map<string, Record<string, unknown>>;
  /** When true, refunds fail with an invalid_request_error (400). */
  failRefunds: boolean;
  /** When true, refunds answer 503 as if Stripe were unreachable (not stored under the idempotency key). */
  refundOutage: boolean;
  /** Connect accounts report payouts_enabled (default true). */
  payoutsEnabled: boolean;
  /** Products and prices created (the catalogue's sync), by id. */
  products: Map<string, Record<string, unknown>>;
  prices: Map<string, Record<string, unknown>>;
  /** When true, product and price calls answer 503 as if Stripe were unreachable. */
  catalogueOutage: boolean;
  /** A signed webhook delivery: body and Stripe-Signature header. */
  event(type: string, object: Record<string, unknown>, opts?: { id?: string; timestamp?: number; secret?: string }): { id: string; body: string; signature: string };
  /** A payment_intent.succeeded delivery for a payment intent created through the fake. */
  succeed(paymentIntentId: string, overrides?: Record<string, unknown>): { id: string; body: string; signature: string };
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

export async function startFakeStripe(): Promise<FakeStripe> {
  const sdk = new Stripe('sk_test_fake');
  const responses = new Map<string, { status: number; body: unknown }>();
  const accounts = new Map<string, Record<string, unknown>>();
  const fake = {
    host: '127.0.0.1',
    port: 0,
    secretKey: 'sk_test_fake',
    webhookSecret: `whsec_${randomBytes(16).toString('hex')}`,
    requests: [] as FakeStripe['requests'],
    paymentIntents: new Map<string, Record<string, unknown>>(),
    decliningMethods: new Set<string>(['pm_card_declined']),
    failTransfers: false,
    transferOutage: false,
    refunds: new Map<string, Record<string, unknown>>(),
    failRefunds: false,
    refundOutage: false,
    payoutsEnabled: true,
    products: new Map<string, Record<string, unknown>>(),
    prices: new Map<string, Record<string, unknown>>(),
    catalogueOutage: false,
  } as FakeStripe;

  function handle(method: string, path: string, p: Record<string, string>): { status: number; body: unknown } {
    const error = (status: number, type: string, code: string, message: string, extra: Record<string, unknown> = {}) => ({
      status,
      body: { error: { type, code, message, ...extra } },
    });
    if (method === 'POST' && path === '/v1/customers') return { status: 200, body: { id: id('cus'), object: 'customer', email: p.email } };
    if (method === 'POST' && path === '/v1/payment_intents') {
      const amount = Number(p.amount);
      const pi: Record<string, unknown> = {
        id: id('pi'),
        object: 'payment_intent',
        amount,
        amount_received: 0,
        currency: p.currency,
        customer: p.customer ?? null,
        payment_method: p.payment_method ?? null,
        metadata: { userId: p['metadata[userId]'], purpose: p['metadata[purpose]'], orderId: p['metadata[orderId]'] },
        status: 'requires_payment_method',
      };
      pi.client_secret = `${pi.id as string}_secret_${randomBytes(6).toString('hex')}`;
      if (p.confirm === 'true') {
        if (fake.decliningMethods.has(p.payment_method ?? '')) {
          pi.status = 'requires_payment_method';
          fake.paymentIntents.set(pi.id as string, pi);
          return error(402, 'card_error', 'card_declined', 'Your card was declined.', { decline_code: 'generic_decline', payment_intent: pi });
        }
        pi.status = 'succeeded';
        pi.amount_received = amount;
      }
      fake.paymentIntents.set(pi.id as string, pi);
      return { status: 200, body: pi };
    }
    const piMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === 'GET' && piMatch) {
      const pi = fake.paymentIntents.get(piMatch[1]!);
      return pi ? { status: 200, body: pi } : error(404, 'invalid_request_error', 'resource_missing', 'No such payment_intent');
    }
    if (method === 'POST' && path === '/v1/accounts') {
      const account = { id: id('acct'), object: 'account', type: p.type, email: p.email, payouts_enabled: false, details_submitted: false };
      accounts.set(account.id, account);
      return { status: 200, body: account };
    }
    const acctMatch = /^\/v1\/accounts\/([^/]+)$/.exec(path);
    if (method === 'GET' && acctMatch) {
      const account = accounts.get(acctMatch[1]!);
      if (!account) return error(404, 'invalid_request_error', 'resource_missing', 'No such account');
      return { status: 200, body: { ...account, payouts_enabled: fake.payoutsEnabled, details_submitted: fake.payoutsEnabled } };
    }
    if (method === 'POST' && path === '/v1/account_links') {
      if (!accounts.has(p.account ?? '')) return error(400, 'invalid_request_error', 'resource_missing', 'No such account');
      return { status: 200, body: { object: 'account_link', url: `https://connect.stripe.test/setup/${p.account}`, expires_at: Math.floor(Date.now() / 1000) + 300 } };
    }
    if (method === 'POST' && path === '/v1/transfers') {
      if (fake.transferOutage) return error(503, 'api_error', 'service_unavailable', 'Stripe is temporarily unavailable.');
      if (fake.failTransfers) return error(400, 'invalid_request_error', 'insufficient_capabilities_for_transfer', 'The destination account cannot receive transfers.');
      return { status: 200, body: { id: id('tr'), object: 'transfer', amount: Number(p.amount), destination: p.destination } };
    }
    if (path.startsWith('/v1/products') || path.startsWith('/v1/prices')) {
      if (fake.catalogueOutage) return error(503, 'api_error', 'service_unavailable', 'Stripe is temporarily unavailable.');
      const metadata = (prefix = 'metadata') => Object.fromEntries(Object.entries(p).flatMap(([k, v]) => { const m = new RegExp(`^${prefix}\\[(.+)\\]$`).exec(k); return m ? [[m[1]!, v]] : []; }));
      if (method === 'POST' && path === '/v1/products') {
        const product = { id: id('prod'), object: 'product', name: p.name, description: p.description ?? null, active: p.active !== 'false', metadata: metadata() };
        fake.products.set(product.id, product);
        return { status: 200, body: product };
      }
      const prodMatch = /^\/v1\/products\/([^/]+)$/.exec(path);
      if (method === 'POST' && prodMatch) {
        const product = fake.products.get(prodMatch[1]!);
        if (!product) return error(404, 'invalid_request_error', 'resource_missing', 'No such product');
        Object.assign(product, { name: p.name ?? product.name, description: p.description ?? product.description, active: p.active ? p.active !== 'false' : product.active });
        return { status: 200, body: product };
      }
      if (method === 'POST' && path === '/v1/prices') {
        if (!fake.products.has(p.product ?? '')) return error(400, 'invalid_request_error', 'resource_missing', 'No such product');
        const price = { id: id('price'), object: 'price', product: p.product, unit_amount: Number(p.unit_amount), currency: p.currency, active: true, metadata: metadata() };
        fake.prices.set(price.id, price);
        return { status: 200, body: price };
      }
      const priceMatch = /^\/v1\/prices\/([^/]+)$/.exec(path);
      if (method === 'POST' && priceMatch) {
        const price = fake.prices.get(priceMatch[1]!);
        if (!price) return error(404, 'invalid_request_error', 'resource_missing', 'No such price');
        // Stripe lets only active, metadata and a few others change on a price: never its amount.
        if (p.unit_amount) return error(400, 'invalid_request_error', 'parameter_unknown', 'Received unknown parameter: unit_amount');
        if (p.active) price.active = p.active !== 'false';
        return { status: 200, body: price };
      }
    }
    if (method === 'POST' && path === '/v1/refunds') {
      if (fake.refundOutage) return error(503, 'api_error', 'service_unavailable', 'Stripe is temporarily unavailable.');
      if (fake.failRefunds) return error(400, 'invalid_request_error', 'charge_disputed', 'This charge has been disputed and cannot be refunded.');
      const pi = fake.paymentIntents.get(p.payment_intent ?? '');
      if (!pi) return error(400, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${p.payment_intent}'`);
      if (pi.status !== 'succeeded') return error(400, 'invalid_request_error', 'charge_not_succeeded', 'This PaymentIntent has no successful charge to refund.');
      const refunded = [...fake.refunds.values()].filter((r) => r.payment_intent === pi.id && r.status !== 'failed' && r.status !== 'canceled').reduce((s, r) => s + (r.amount as number), 0);
      const amount = p.amount ? Number(p.amount) : (pi.amount_received as number) - refunded;
      if (!Number.isInteger(amount) || amount <= 0 || refunded + amount > (pi.amount_received as number)) {
        return error(400, 'invalid_request_error', 'amount_too_large', `Refund amount (${amount}) is greater than the unrefunded amount on the charge (${(pi.amount_received as number) - refunded}).`);
      }
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(p)) {
        const m = /^metadata\[(.+)\]$/.exec(k);
        if (m) metadata[m[1]!] = v;
      }
      const refund = { id: id('re'), object: 'refund', amount, currency: pi.currency, payment_intent: pi.id, reason: p.reason ?? null, metadata, status: 'succeeded' };
      fake.refunds.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    return error(404, 'invalid_request_error', 'unknown_path', `Unrecognized request URL (${method}: ${path})`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : Buffer.concat(chunks).toString()));
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, params, idempotencyKey: key });
      const cacheKey = key ? `${req.method} ${url.pathname} ${key}` : null;
      let out = cacheKey ? responses.get(cacheKey) : undefined;
      if (!out) {
        out = handle(req.method ?? 'GET', url.pathname, params);
        if (cacheKey && out.status < 500) responses.set(cacheKey, out);
      }
      res.writeHead(out.status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;

  fake.event = (type, object, opts = {}) => {
    const eventId = opts.id ?? id('evt');
    const body = JSON.stringify({ id: eventId, object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), data: { object } });
    const signature = sdk.webhooks.generateTestHeaderString({ payload: body, secret: opts.secret ?? fake.webhookSecret, timestamp: opts.timestamp });
    return { id: eventId, body, signature };
  };
  fake.succeed = (paymentIntentId, overrides = {}) => {
    const pi = fake.paymentIntents.get(paymentIntentId);
    if (!pi) throw new Error(`unknown payment intent ${paymentIntentId}`);
    const paid = { ...pi, status: 'succeeded', amount_received: pi.amount, payment_method: pi.payment_method ?? id('pm'), ...overrides };
    fake.paymentIntents.set(paymentIntentId, paid);
    return fake.event('payment_intent.succeeded', paid);
  };
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** The payments config pointing the real SDK at the fake. */
export function fakeStripeConfig(fake: FakeStripe) {
  return { secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' as const };
}
