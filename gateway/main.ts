// The gateway as its own process: `tsx gateway/main.ts`. It needs no database: it verifies access tokens,
// signs the viewer for subgraphs and plans queries over the committed supergraph. Subgraph URLs come from
// ACCOUNTS_URL, READINGS_URL, PAYMENTS_URL, COMMUNITY_URL (default http://127.0.0.1:<NAME>_PORT/graphql);
// several gateways can run side by side on different PORTs.
import { readFile } from 'node:fs/promises';
import { exitOnConfigError, loadConfig } from '../shared/config.js';
import { onShutdown } from '../shared/server/process.js';
import { startOrExplain } from '../shared/server/startup-errors.js';
import { createPubSub } from '../shared/pubsub.js';
import { startGateway } from './create-gateway.js';
import { readCommittedSupergraph, SUBGRAPH_NAMES, type SubgraphName } from './supergraph.js';
import { logger } from '../shared/logger.js';
import { startTelemetry } from '../shared/telemetry.js';

// JWT_SECRET and GATEWAY_SECRET are required (one line on stderr and exit 1 otherwise).
const config = exitOnConfigError(() => loadConfig());
// OTLP traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (shared/telemetry.ts); nothing is loaded otherwise.
const telemetry = await startTelemetry('soulseer-gateway');
const subgraphUrls = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, process.env[`${name.toUpperCase()}_URL`] || `http://127.0.0.1:${config.ports[name]}/graphql`]),
) as Record<SubgraphName, string>;
const supergraphSdl = process.env.SUPERGRAPH_PATH ? await readFile(process.env.SUPERGRAPH_PATH, 'utf8') : await readCommittedSupergraph();

// Auth changes published by accounts (REDIS_URL: from any accounts process) revoke tokens and sockets at once.
// Without Redis this process hears no other's events: none is passed on, and auth states are kept only briefly.
const pubsub = config.redisUrl ? createPubSub({ redisUrl: config.redisUrl }) : null;
const seconds = (name: string) => (Number(process.env[name]) > 0 ? Number(process.env[name]) * 1000 : undefined);
// A port in use is one line on stderr and exit 1.
const gateway = await startOrExplain(null, () => startGateway(
  {
    supergraphSdl,
    subgraphUrls,
    jwtSecret: config.jwtSecret,
    gatewaySecret: config.gatewaySecret,
    dev: config.dev,
    explorer: config.explorer,
    exposeErrorDetails: config.exposeErrorDetails,
    dedupe: process.env.GATEWAY_DEDUPE !== '0',
    operationDedupe: process.env.GATEWAY_OPERATION_DEDUPE !== '0',
    passThrough: process.env.GATEWAY_PASSTHROUGH !== '0',
    fetchMerge: process.env.GATEWAY_FETCH_MERGE !== '0',
    ...(pubsub ? { pubsub } : {}),
    authStateTtlMs: seconds('AUTH_STATE_TTL_SECONDS'),
    authStateLiveTtlMs: seconds('AUTH_STATE_LIVE_TTL_SECONDS'),
  },
  { port: config.ports.gateway, host: process.env.HOST || '127.0.0.1' },
));
// One JSON line on stdout when ready (scripts and benchmarks wait for it); logs go to stderr.
process.stdout.write(`${JSON.stringify({ service: 'gateway', ready: true, url: gateway.url, port: gateway.port, pid: process.pid, subgraphUrls })}\n`);
onShutdown(async () => {
  if (process.env.GATEWAY_STATS === '1') logger('gateway').info({ fetches: gateway.fetcher?.stats, operations: gateway.operations, passThrough: gateway.passThrough, authStates: gateway.authStates.stats() }, 'gateway stats');
  await gateway.close();
  await pubsub?.close();
  await telemetry?.shutdown();
});
