import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../../shared/logger.js';
import { startTelemetry, type Telemetry } from '../../shared/telemetry.js';
import {
  AcceptSessionDocument,
  CommunitySendMessageDocument,
  JoinSessionDocument,
  LoginDocument,
  RefreshTokenDocument,
  RegisterDocument,
  RequestSessionDocument,
  SendSessionMessageDocument,
} from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { startOtlpReceiver } from '../helpers/otlp-receiver.js';
import { createSeed, uniqueEmail } from '../helpers/seed.js';
import { fakeStripeConfig, startFakeStripe, type FakeStripe } from '../fakes/stripe.js';

// The log of a whole end-to-end flow (sign up, log in, refresh, a card top-up with its webhook, a reading's chat
// message, a direct message), captured at debug level with tracing on, never holds a token, a password, an email
// address, a message's text or a secret; and every line written for a request carries its request id and trace id.

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let telemetry: Telemetry | null;
let stripe: FakeStripe;
let fed: TestFederation;
const lines: string[] = [];
let stopCapture: () => void = () => {};

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  telemetry = await startTelemetry('soulseer-test', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '50' });
  stopCapture = captureLogs((line) => lines.push(line), 'debug');
  stripe = await startFakeStripe();
  fed = await startTestFederation({ config: { stripe: fakeStripeConfig(stripe) } });
});

afterAll(async () => {
  await fed?.stop();
  stopCapture();
  await stripe?.close();
  await telemetry?.shutdown();
  await receiver?.close();
});

const ok = <D>(res: { errors?: unknown; data?: D | null }): D => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};

describe('the log of a full flow', () => {
  it('carries request and trace ids, and no token, password, email, message text or secret', async () => {
    const email = uniqueEmail('hygiene');
    const password = `pw-${randomUUID()}`;
    const reg = ok(await fed.run(RegisterDocument, { input: { email, password, firstName: 'Hana', lastName: 'Hygiene' } })).register;
    // Paying needs a verified email: the seed API's documented shortcut (accounts-security.test.ts follows the mail).
    await fed.db.prisma.user.update({ where: { id: reg.user.id }, data: { emailVerifiedAt: new Date() } });
    const login = ok(await fed.run(LoginDocument, { input: { email, password } })).login;
    const refreshed = ok(await fed.run(RefreshTokenDocument, { refreshToken: login.refreshToken })).refreshToken;
    const client = { id: reg.user.id, token: refreshed.accessToken };

    // A card top-up: created by the client, paid at the Stripe fake, credited by the signed webhook.
    const seed = createSeed(fed);
    await seed.payByCard(client, 5000, stripe);

    // A reading's chat message.
    const reader = await seed.reader().online().withRates({ CHAT: 100 }).create();
    const session = ok(await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).requestSession;
    ok(await fed.run(AcceptSessionDocument, { sessionId: session.id }, reader.token));
    ok(await fed.run(JoinSessionDocument, { sessionId: session.id }, client.token));
    ok(await fed.run(JoinSessionDocument, { sessionId: session.id }, reader.token));
    const chatText = `chat-text-${randomUUID()}`;
    ok(await fed.run(SendSessionMessageDocument, { input: { sessionId: session.id, content: chatText, clientKey: randomUUID() } }, client.token));

    // A direct message.
    const directText = `direct-text-${randomUUID()}`;
    ok(await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: directText } }, client.token));

    // A refused login (wrong password) is logged as a failure, never with what was typed.
    const wrong = `wrong-${randomUUID()}`;
    const refused = await fed.run(LoginDocument, { input: { email, password: wrong } });
    expect(refused.errors?.length).toBeGreaterThan(0);

    // Lines are written synchronously; the access lines of the last responses may follow them.
    await new Promise((r) => setTimeout(r, 200));
    const log = lines.join('');
    const forbidden: Record<string, string> = {
      email,
      'email local part': email.split('@')[0]!,
      'reader email': reader.email,
      password,
      'wrong password': wrong,
      'access token': reg.accessToken,
      'login access token': login.accessToken,
      'refresh token': login.refreshToken,
      'refreshed access token': refreshed.accessToken,
      'refreshed refresh token': refreshed.refreshToken,
      'reader token': reader.token,
      'chat text': chatText,
      'direct message text': directText,
      'JWT secret': fed.runtime.config.jwtSecret,
      'gateway secret': fed.runtime.config.gatewaySecret,
      'Stripe secret key': stripe.secretKey,
      'Stripe webhook secret': stripe.webhookSecret,
    };
    const leaks = Object.entries(forbidden)
      .filter(([, value]) => log.includes(value))
      .map(([what]) => `${what}: ${lines.find((l) => l.includes(forbidden[what]!))!.slice(0, 300)}`);
    expect(leaks).toEqual([]);

    // Every line is JSON; the request lines (gateway and each subgraph reached) carry the request and trace ids.
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = records.filter((r) => r.msg === 'http request' || r.msg === 'graphql operation');
    const services = new Set(requestLines.map((r) => r.service));
    for (const s of ['gateway', 'accounts', 'readings', 'payments', 'community']) expect(services).toContain(s);
    const missing = requestLines.filter((r) => typeof r.requestId !== 'string' || typeof r.traceId !== 'string');
    expect(missing).toEqual([]);
    // A subgraph's lines of a request carry the gateway's request id: one id finds the request in every service.
    const byRequest = new Map<string, Set<unknown>>();
    for (const r of requestLines) byRequest.set(r.requestId as string, (byRequest.get(r.requestId as string) ?? new Set()).add(r.service));
    expect([...byRequest.values()].some((set) => set.has('gateway') && set.size > 1)).toBe(true);
  });
});
