import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeDocument, SessionUpdatedDocument } from '../generated/graphql.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';
import { mountMetrics, registry, watchSubscriptionStats } from '../../shared/metrics.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { ledgerMinutes, startRunningSession, timeTravel } from './readings-fixtures.js';

// GET /metrics (shared/metrics.ts; docs/operations.md, "Dashboards"): a query, a subscription, a billed minute and a
// webhook move the counters the dashboards read, on the gateway's and the subgraphs' /metrics.

let fed: TestFederation;
const sockets: WsClient[] = [];
beforeAll(async () => {
  fed = await startTestFederation();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

const origin = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

async function scrape(graphqlUrl = fed.url): Promise<string> {
  const res = await fetch(`${origin(graphqlUrl)}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** The sum of a metric's samples whose labels include `labels` (0 when none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

describe('GET /metrics', () => {
  it('counts a query by its first-party name and outcome on the gateway and the subgraph, and times the subgraph fetch', async () => {
    const user = await createSeed(fed).client().create();
    const before = await scrape();
    const me = await fed.run(MeDocument, {}, user.token);
    expect(me.errors).toBeUndefined();
    // A name that is not a first-party operation is counted as "other": clients cannot grow the label set.
    const odd = await postGraphQL(fed.url, { query: 'query Zq9RandomName { me { id } }' }, user.token);
    expect(odd.errors).toBeUndefined();
    const bad = await postGraphQL(fed.url, { query: 'query Me { noSuchField }' }, user.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = await scrape();

    const ok = { service: 'gateway', operation: 'Me', type: 'query', code: 'OK' };
    expect(sample(after, 'soulseer_operations_total', ok) - sample(before, 'soulseer_operations_total', ok)).toBe(1);
    const other = { service: 'gateway', operation: 'other', code: 'OK' };
    expect(sample(after, 'soulseer_operations_total', other) - sample(before, 'soulseer_operations_total', other)).toBe(1);
    const refused = { service: 'gateway', operation: 'Me', code: 'GRAPHQL_VALIDATION_FAILED' };
    expect(sample(after, 'soulseer_operations_total', refused) - sample(before, 'soulseer_operations_total', refused)).toBe(1);
    expect(after).not.toContain('Zq9RandomName');
    expect(sample(after, 'soulseer_operation_duration_seconds_count', { service: 'gateway', operation: 'Me' })).toBeGreaterThan(
      sample(before, 'soulseer_operation_duration_seconds_count', { service: 'gateway', operation: 'Me' }),
    );
    // The planned subgraph operation (Me__accounts__0) is counted under the client's name on accounts.
    const sub = { service: 'accounts', operation: 'Me', code: 'OK' };
    expect(sample(after, 'soulseer_operations_total', sub)).toBeGreaterThan(sample(before, 'soulseer_operations_total', sub));
    const fetches = (t: string) => sample(t, 'soulseer_subgraph_fetch_duration_seconds_count', { subgraph: 'accounts' });
    expect(fetches(after)).toBeGreaterThan(fetches(before));
    // Each subgraph serves the process's metrics too, with its pool's use.
    const accounts = await scrape(fed.subgraphs.accounts.url);
    expect(sample(accounts, 'soulseer_db_pool_connections', { service: 'accounts', state: 'total' })).toBeGreaterThan(0);
    expect(accounts).toContain('soulseer_db_pool_connections{service="accounts",state="waiting"}');
    expect(sample(accounts, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('shows an open socket and subscription, then the billed minute: sweep, minutes charged and job lag move', async () => {
    const { id, client } = await startRunningSession(fed, 200, 5000);
    const before = await scrape();
    const ws = connect(fed.gateway.wsUrl, client.token);
    sockets.push(ws);
    const sub = subscribe(ws, SessionUpdatedDocument, { sessionId: id });
    const started = { operation: 'SessionUpdated', code: 'OK' };
    // Started, and held upstream on the gateway's multiplexed socket to readings.
    const open = await eventually(
      scrape,
      (t) =>
        sample(t, 'soulseer_ws_operations_started_total', started) > sample(before, 'soulseer_ws_operations_started_total', started) &&
        sample(t, 'soulseer_gateway_upstream_operations', { subgraph: 'readings' }) >= 1,
      10_000,
    );
    expect(sample(open, 'soulseer_ws_connections', { service: 'gateway' })).toBeGreaterThanOrEqual(1);
    expect(sample(open, 'soulseer_ws_operations', { service: 'gateway' })).toBeGreaterThanOrEqual(1);
    // The gateway's multiplexed socket to readings is open there.
    expect(sample(open, 'soulseer_ws_connections', { service: 'readings' })).toBeGreaterThanOrEqual(1);

    // Minute 2 starts: the billing sweep job charges it.
    await timeTravel(fed, id, 61);
    await eventually(() => ledgerMinutes(fed, id), (m) => m.length === 2, 15_000);
    const event = await sub.next(10_000);
    expect(event.data?.sessionUpdated.kind).toBe('MINUTE_CHARGED');
    const after = await eventually(scrape, (t) => sample(t, 'soulseer_billing_minutes_charged_total') > sample(before, 'soulseer_billing_minutes_charged_total'), 10_000);
    expect(sample(after, 'soulseer_billing_minutes_charged_total') - sample(before, 'soulseer_billing_minutes_charged_total')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'soulseer_billing_sweep_duration_seconds_count')).toBeGreaterThan(sample(before, 'soulseer_billing_sweep_duration_seconds_count'));
    expect(sample(after, 'soulseer_billing_sweep_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 120);
    const sweeps = { task: 'readings.billing-sweep' };
    expect(sample(after, 'soulseer_job_lag_seconds_count', sweeps)).toBeGreaterThan(0);
    expect(sample(after, 'soulseer_jobs_total', { ...sweeps, outcome: 'success' })).toBeGreaterThan(0);

    sub.stop();
    await ws.dispose();
    await eventually(scrape, (t) => sample(t, 'soulseer_ws_operations', { service: 'gateway' }) === 0, 10_000);
  });

  it('counts webhook deliveries by outcome (a forged LiveKit delivery is invalid_signature)', async () => {
    const label = { service: 'readings', source: 'livekit', outcome: 'invalid_signature' };
    const before = sample(await scrape(), 'soulseer_webhooks_total', label);
    const res = await fetch(`${origin(fed.url)}/webhooks/livekit`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: 'forged' },
      body: JSON.stringify({ event: 'room_finished', id: 'EV_forged' }),
    });
    expect(res.status).toBe(401);
    expect(sample(await scrape(), 'soulseer_webhooks_total', label) - before).toBe(1);
  });

  it('reports shared streams and their subscribers from the gateway stats it watches, and stops when unwatched', async () => {
    const base = sample(await registry.metrics(), 'soulseer_shared_stream_subscribers');
    const baseStreams = sample(await registry.metrics(), 'soulseer_shared_streams');
    const unwatch = watchSubscriptionStats(() => ({ connections: 0, operations: 0, upstreamOperations: {}, sharedStreams: 2, sharedSubscribers: 7 }));
    const watched = await registry.metrics();
    expect(sample(watched, 'soulseer_shared_streams') - baseStreams).toBe(2);
    expect(sample(watched, 'soulseer_shared_stream_subscribers') - base).toBe(7);
    unwatch();
    expect(sample(await registry.metrics(), 'soulseer_shared_stream_subscribers')).toBe(base);
  });

  it('answers only the bearer of METRICS_TOKEN when one is set', async () => {
    const app = express();
    mountMetrics(app, 'metrics-token-for-this-test');
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: 'Bearer metrics-token-for-this-test' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('soulseer_operations_total');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
