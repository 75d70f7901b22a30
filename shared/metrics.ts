import { timingSafeEqual, createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express, Request, Response } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getOperationAST } from 'graphql';
import client from 'prom-client';
import type { Pool } from 'pg';
import { REPO_ROOT } from './repo-root.js';

/**
 * Prometheus metrics of this process (docs/operations.md, "Dashboards", lists every one). One registry per process:
 * each server of the process (the gateway, each subgraph) serves all of it on GET /metrics. Label values come from
 * bounded sets only: operation names from the first-party documents in `operations/` (anything else is "other"),
 * error codes matching the house format, task names the code defines, subgraph and service names.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  operations: new client.Counter({
    name: 'soulseer_operations_total',
    help: 'GraphQL operations answered, by service, operation name (first-party names, else "other"), type and outcome code ("OK" or the first error code).',
    labelNames: ['service', 'operation', 'type', 'code'] as const,
    registers: [registry],
  }),
  operationDuration: new client.Histogram({
    name: 'soulseer_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its answer, by service, operation name and type.',
    labelNames: ['service', 'operation', 'type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  subgraphFetchDuration: new client.Histogram({
    name: 'soulseer_subgraph_fetch_duration_seconds',
    help: 'Gateway to subgraph HTTP fetches (after in-flight de-duplication), by subgraph.',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  subgraphFetchErrors: new client.Counter({
    name: 'soulseer_subgraph_fetch_errors_total',
    help: 'Gateway to subgraph HTTP fetches that failed, by subgraph and reason (network, or the HTTP status class).',
    labelNames: ['subgraph', 'reason'] as const,
    registers: [registry],
  }),
  wsSubscribes: new client.Counter({
    name: 'soulseer_ws_operations_started_total',
    help: 'Operations started on the gateway\'s graphql-ws sockets, by operation name and outcome code ("OK" or the refusal code).',
    labelNames: ['operation', 'code'] as const,
    registers: [registry],
  }),
  billingSweepDuration: new client.Histogram({
    name: 'soulseer_billing_sweep_duration_seconds',
    help: 'Duration of each run of the readings billing sweep job.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  billingSweepFailures: new client.Counter({
    name: 'soulseer_billing_sweep_failures_total',
    help: 'Runs of the readings billing sweep that failed (the next run retries).',
    registers: [registry],
  }),
  billingSweepLastSuccess: new client.Gauge({
    name: 'soulseer_billing_sweep_last_success_timestamp_seconds',
    help: 'Unix time of the last billing sweep that finished in this process (0 before the first): alert when it falls behind.',
    registers: [registry],
  }),
  minutesCharged: new client.Counter({
    name: 'soulseer_billing_minutes_charged_total',
    help: 'Session minutes the billing sweep charged (moved money for) in this process.',
    registers: [registry],
  }),
  jobLag: new client.Histogram({
    name: 'soulseer_job_lag_seconds',
    help: 'Time from a job being due (run_at) to a worker starting it, by task.',
    labelNames: ['task'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  }),
  jobs: new client.Counter({
    name: 'soulseer_jobs_total',
    help: 'Job attempts finished, by task and outcome: success, error (will be retried) or failed (no attempts left).',
    labelNames: ['task', 'outcome'] as const,
    registers: [registry],
  }),
  webhooks: new client.Counter({
    name: 'soulseer_webhooks_total',
    help: 'Webhook deliveries handled, by service, source (stripe, livekit) and outcome.',
    labelNames: ['service', 'source', 'outcome'] as const,
    registers: [registry],
  }),
};

// ---- Gauges read at scrape time from the live servers of this process ----

type GaugeReading = Array<{ labels: Record<string, string>; value: number }>;

/** A gauge whose value is the sum, per label set, of what every registered source reads at scrape time. */
function sourcedGauge(name: string, help: string, labelNames: string[]) {
  const sources = new Set<() => GaugeReading>();
  new client.Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const read of sources) {
        for (const { labels, value } of read()) this.inc(labels, value);
      }
    },
  });
  /** Adds a source; the returned function removes it (call it when the server closes). */
  return (read: () => GaugeReading) => {
    sources.add(read);
    return () => void sources.delete(read);
  };
}

export const gauges = {
  wsConnections: sourcedGauge('soulseer_ws_connections', 'Open graphql-ws sockets, by service (clients on the gateway; the gateway\'s sockets on a subgraph).', ['service']),
  wsOperations: sourcedGauge('soulseer_ws_operations', 'Client operations running on the gateway\'s graphql-ws sockets (subscriptions, and queries sent over a socket).', ['service']),
  upstreamOperations: sourcedGauge('soulseer_gateway_upstream_operations', 'Operations the gateway holds on its multiplexed socket to each subgraph.', ['subgraph']),
  sharedStreams: sourcedGauge('soulseer_shared_streams', 'Shared subscription streams the gateway holds upstream (one per shared field and arguments).', []),
  sharedSubscribers: sourcedGauge('soulseer_shared_stream_subscribers', 'Client subscriptions served by the shared streams.', []),
  dbPool: sourcedGauge('soulseer_db_pool_connections', 'PostgreSQL pool of each service: total and idle connections, and queries waiting for one (state).', ['service', 'state']),
};

/** Reports a pg pool's use under `service` until the returned function is called. */
export function watchDbPool(service: string, pool: Pool | undefined): () => void {
  if (!pool) return () => {};
  return gauges.dbPool(() => [
    { labels: { service, state: 'total' }, value: pool.totalCount },
    { labels: { service, state: 'idle' }, value: pool.idleCount },
    { labels: { service, state: 'waiting' }, value: pool.waitingCount },
  ]);
}

/** The gateway's graphql-ws figures (gateway/subscription-server.ts stats()), read at each scrape until unwatched. */
export function watchSubscriptionStats(
  stats: () => { connections: number; operations: number; upstreamOperations: Record<string, number>; sharedStreams: number; sharedSubscribers: number },
): () => void {
  const service = { service: 'gateway' };
  const stops = [
    gauges.wsConnections(() => [{ labels: service, value: stats().connections }]),
    gauges.wsOperations(() => [{ labels: service, value: stats().operations }]),
    gauges.upstreamOperations(() => Object.entries(stats().upstreamOperations).map(([subgraph, value]) => ({ labels: { subgraph }, value }))),
    gauges.sharedStreams(() => [{ labels: {}, value: stats().sharedStreams }]),
    gauges.sharedSubscribers(() => [{ labels: {}, value: stats().sharedSubscribers }]),
  ];
  return () => stops.forEach((stop) => stop());
}

// ---- Bounded label values ----

let knownOperations: Set<string> | null = null;

/** Operation names of the first-party documents (operations/*.graphql), read once. */
function firstPartyOperations(): Set<string> {
  if (knownOperations) return knownOperations;
  knownOperations = new Set();
  // From the repository root, not this file: in the start-up bundle (scripts/launch.mjs) this file is not in shared/.
  const dir = path.join(REPO_ROOT, 'operations');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch {
    // No documents shipped with this build: every name is "other".
    files = [];
  }
  for (const f of files) {
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\b(?:query|mutation|subscription)\s+([A-Za-z_]\w*)/g)) knownOperations.add(m[1]!);
  }
  return knownOperations;
}

/**
 * The label for an operation name: a first-party name as is ("anonymous" without one, "other" for anything else).
 * The gateway's plans name subgraph operations `<Name>__<subgraph>__<n>`: the client's name is what is kept.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  const base = /^(.+?)__[a-z]+__\d+$/.exec(name)?.[1] ?? name;
  return firstPartyOperations().has(base) ? base : 'other';
}

/** An error code as a label: the house's UPPER_SNAKE codes as they are, anything else "OTHER". */
export function codeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : 'OTHER';
}

// ---- Hooks used by the servers ----

/** An Apollo Server plugin counting and timing every operation of `service`. */
export function operationMetricsPlugin<T extends BaseContext>(service: string): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let code: string | null = null;
      return {
        async didEncounterErrors({ errors }) {
          code ??= codeLabel(errors[0]?.extensions?.code);
        },
        async willSendResponse({ response, operationName, operation, document, request }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          // The code the client was sent (after formatError: an unexpected error is INTERNAL_SERVER_ERROR there, and
          // has no code before); the raw error's only when no formatted error is at hand.
          if (errors?.length) code = codeLabel(errors[0]!.extensions?.code);
          // A document that failed validation has no resolved operation: its name is read from the document.
          const op = operation ?? (document ? getOperationAST(document, request.operationName) : null);
          const name = operationName ?? op?.name?.value ?? request.operationName;
          const labels = { service, operation: operationLabel(name), type: op?.operation ?? 'unknown' };
          metrics.operations.inc({ ...labels, code: code ?? 'OK' });
          metrics.operationDuration.observe(labels, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** Wraps the gateway's subgraph fetch: latency and failures by subgraph (named by URL). */
export function measuredSend<I, R extends { status: number }>(send: (url: string, init: I) => Promise<R>, subgraphUrls: Record<string, string>): (url: string, init: I) => Promise<R> {
  const names = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  return async (url, init) => {
    const subgraph = names.get(url) ?? 'other';
    const end = metrics.subgraphFetchDuration.startTimer({ subgraph });
    try {
      const res = await send(url, init);
      if (res.status >= 400) metrics.subgraphFetchErrors.inc({ subgraph, reason: `http_${Math.floor(res.status / 100)}xx` });
      return res;
    } catch (error) {
      metrics.subgraphFetchErrors.inc({ subgraph, reason: 'network' });
      throw error;
    } finally {
      end();
    }
  };
}

/** Records the outcome of one webhook delivery. */
export function webhookOutcome(service: string, source: 'stripe' | 'livekit', outcome: string): void {
  metrics.webhooks.inc({ service, source, outcome: /^[a-z_]{1,30}$/.test(outcome) ? outcome : 'other' });
}

// ---- GET /metrics ----

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics in the Prometheus text format. With METRICS_TOKEN set, only `Authorization: Bearer <token>` is
 * answered (401 otherwise); without it the route is open (keep it off the public network, docs/operations.md).
 */
export function mountMetrics(app: Express, token = process.env.METRICS_TOKEN || undefined): void {
  app.get('/metrics', async (req: Request, res: Response) => {
    if (token) {
      const given = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(token))) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
        return;
      }
    }
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  });
}
