import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from '../../shared/telemetry.js';
import { AdjustBalanceDocument, WalletUpdatedDocument } from '../generated/graphql.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { startOtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { createSeed, type TestUser } from '../helpers/seed.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';

// One operation, one trace: the gateway's spans (HTTP server, parse, validate, plan, fetch), the subgraph's (HTTP
// server continuing the gateway's traceparent, GraphQL execution), its SQL (Prisma) and the job it queued, all
// exported over OTLP/HTTP to a receiver in this process. The federation runs in this process too, so the subgraph's
// spans join the gateway's trace only through the traceparent header (server spans never inherit the caller's
// in-process context: shared/server/tracing.ts extracts from the headers into the root context).

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let telemetry: Telemetry | null;
let fed: TestFederation;
let admin: TestUser;
let client: TestUser;
const sockets: WsClient[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  telemetry = await startTelemetry('soulseer-test', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '50' });
  fed = await startTestFederation();
  const seed = createSeed(fed);
  [admin, client] = await Promise.all([seed.admin().create(), seed.client().named('tess').create()]);
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
  await telemetry?.shutdown();
  await receiver?.close();
});

const inTrace = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
const byId = (spans: ReceivedSpan[], id: string | undefined) => spans.find((s) => s.spanId === id);

describe('OpenTelemetry traces over OTLP', () => {
  it('starts a tracer provider only when an endpoint is configured', async () => {
    expect(telemetry).not.toBeNull();
    expect(await startTelemetry('soulseer-test', {})).toBeNull();
  });

  it('puts one operation into one trace: gateway, subgraph, SQL and the job it queued', async () => {
    const requestId = `trace-${randomUUID()}`;
    const input = { userId: client.id, amountCents: 1234, reason: 'trace test credit', idempotencyKey: `trace-${randomUUID()}` };
    const res = await postGraphQL(fed.url, { query: print(AdjustBalanceDocument), variables: { input } }, admin.token, { 'x-request-id': requestId });
    expect(res.errors).toBeUndefined();

    // The gateway's HTTP server span of this request (found by the request id the client sent).
    const root = await eventually(
      () => receiver.spans.find((s) => s.attributes['soulseer.service'] === 'gateway' && s.attributes['soulseer.request_id'] === requestId && s.kind === 2),
      (s) => s !== undefined,
      10_000,
    );
    const traceId = root!.traceId;
    // The payments subgraph ran the mutation in the same trace, and its outbox job ran there too.
    const spans = await eventually(
      () => inTrace(traceId),
      (list) =>
        list.some((s) => s.attributes['soulseer.service'] === 'payments' && s.kind === 2) &&
        list.some((s) => s.name.startsWith('job ') && s.attributes['soulseer.job.task'] !== undefined) &&
        list.some((s) => s.name === 'prisma:client:db_query'),
      10_000,
    );
    const names = new Set(spans.map((s) => s.name));
    // Gateway: parse, validate, plan, execute and one fetch per subgraph call (Apollo gateway's built-in spans).
    for (const name of ['graphql.parse', 'graphql.validate', 'gateway.request', 'gateway.plan', 'gateway.fetch']) expect(names).toContain(name);
    expect(root!.parentSpanId).toBeUndefined();

    // The subgraph's server span is a child of a gateway.fetch span: the traceparent crossed HTTP.
    const server = spans.find((s) => s.attributes['soulseer.service'] === 'payments' && s.kind === 2)!;
    expect(byId(spans, server.parentSpanId)?.name).toBe('gateway.fetch');
    expect(server.attributes['soulseer.request_id']).toBe(requestId);
    expect(spans.some((s) => s.name.startsWith('graphql.execute AdjustBalance') && s.attributes['soulseer.service'] === 'payments')).toBe(true);

    // SQL statements (Prisma) under the subgraph's span, with the statement text and never a parameter value.
    const sql = spans.filter((s) => s.name === 'prisma:client:db_query');
    expect(sql.length).toBeGreaterThan(0);
    const statements = sql.map((s) => String(s.attributes['db.query.text'] ?? ''));
    expect(statements.some((q) => /INSERT|UPDATE|SELECT/i.test(q))).toBe(true);
    expect(JSON.stringify(spans)).not.toContain('trace test credit');
    expect(JSON.stringify(spans)).not.toContain(admin.token);

    // The job: queued in a PRODUCER span inside the request, run later in a CONSUMER span continuing the trace.
    const add = spans.find((s) => s.name.startsWith('job.add '))!;
    const run = spans.find((s) => s.name.startsWith('job ') && s.attributes['soulseer.job.task'] === add.attributes['soulseer.job.task'])!;
    expect(add.kind).toBe(4);
    expect(run.kind).toBe(5);
    expect(run.parentSpanId).toBe(add.spanId);
  });

  it('traces a query answered by the pass-through like any other: its fetch span is the subgraph span parent', async () => {
    const query = '{ readers(first: 2) { edges { node { id displayName } } } }';
    // The first request has the operation judged; the second passes through (gateway/passthrough.ts).
    await postGraphQL(fed.url, { query }, client.token);
    const passed = fed.gateway.passThrough!.passed;
    const requestId = `trace-${randomUUID()}`;
    const res = await postGraphQL(fed.url, { query }, client.token, { 'x-request-id': requestId });
    expect(res.errors).toBeUndefined();
    expect(fed.gateway.passThrough!.passed).toBe(passed + 1);
    const root = await eventually(
      () => receiver.spans.find((s) => s.attributes['soulseer.service'] === 'gateway' && s.attributes['soulseer.request_id'] === requestId && s.kind === 2),
      (s) => s !== undefined,
      10_000,
    );
    const spans = await eventually(
      () => inTrace(root!.traceId),
      (list) => list.some((s) => s.attributes['soulseer.service'] === 'accounts' && s.kind === 2) && list.some((s) => s.name === 'gateway.fetch'),
      10_000,
    );
    // The document was parsed and validated by the first request (Apollo's cache): no parse or validate span here.
    const names = new Set(spans.map((s) => s.name));
    for (const name of ['gateway.request', 'gateway.fetch']) expect(names).toContain(name);
    const server = spans.find((s) => s.attributes['soulseer.service'] === 'accounts' && s.kind === 2)!;
    expect(byId(spans, server.parentSpanId)?.name).toBe('gateway.fetch');
    expect(server.attributes['soulseer.request_id']).toBe(requestId);
  });

  it('carries the trace over the multiplexed socket: each event is a span linked to its subscribe span', async () => {
    const ws = connect(fed.gateway.wsUrl, client.token);
    sockets.push(ws);
    const sub = subscribe(ws, WalletUpdatedDocument);
    await eventually(() => fed.gateway.subscriptions.stats().upstreamOperations.payments ?? 0, (n) => n >= 1);
    // The subgraph's subscribe span continues the gateway's `subscribe payments` span (traceparent in extensions).
    const subgraphSubscribe = await eventually(
      () => receiver.spans.find((s) => s.name.startsWith('graphql.subscribe WalletUpdated') && s.attributes['soulseer.service'] === 'payments' && s.parentSpanId !== undefined),
      (s) => s !== undefined,
      10_000,
    );
    const gatewaySubscribe = receiver.spans.find((s) => s.spanId === subgraphSubscribe!.parentSpanId);
    expect(gatewaySubscribe?.name).toBe('subscribe payments');
    expect(gatewaySubscribe?.traceId).toBe(subgraphSubscribe!.traceId);

    const res = await fed.run(AdjustBalanceDocument, { input: { userId: client.id, amountCents: 500, reason: 'socket trace', idempotencyKey: `trace-${randomUUID()}` } }, admin.token);
    expect(res.errors).toBeUndefined();
    const event = await sub.next(10_000);
    expect(event.errors).toBeUndefined();
    sub.stop();

    // On the subgraph: the event's execution is a span of its own, linked to the operation's subscribe span.
    const subgraphEvent = await eventually(
      () => receiver.spans.find((s) => s.name === 'graphql.subscription.event' && s.links.some((l) => l.spanId === subgraphSubscribe!.spanId)),
      (s) => s !== undefined,
      10_000,
    );
    expect(subgraphEvent!.links[0]).toEqual({ traceId: subgraphSubscribe!.traceId, spanId: subgraphSubscribe!.spanId });
    // On the gateway: the event it received is a span linked to its subscribe span.
    const gatewayEvent = await eventually(
      () => receiver.spans.find((s) => s.name === 'subscription event payments' && s.links.some((l) => l.spanId === gatewaySubscribe!.spanId)),
      (s) => s !== undefined,
      10_000,
    );
    expect(gatewayEvent!.links[0]!.traceId).toBe(gatewaySubscribe!.traceId);
  });
});
