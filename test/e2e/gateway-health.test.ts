import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../gateway/create-gateway.js';
import { readCommittedSupergraph, SUBGRAPH_NAMES, type SubgraphName } from '../../gateway/supergraph.js';
import { randomSecret } from '../../shared/config.js';
import { createPrisma } from '../../shared/db/client.js';
import { createPubSub } from '../../shared/pubsub.js';
import { startSubgraph } from '../../shared/server/subgraph.js';
import { schema as paymentsSchema } from '../../subgraphs/payments/schema/index.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';

let fed: TestFederation;
beforeAll(async () => {
  fed = await startTestFederation();
});
afterAll(async () => {
  await fed?.stop();
});

const origin = (url: string) => url.replace(/\/graphql$/, '');
const subgraphUrls = () => Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, fed.subgraphs[n].url])) as Record<SubgraphName, string>;

describe('health and readiness', () => {
  it('the gateway and every subgraph answer /health and /ready without a gateway signature', async () => {
    const gw = await fetch(`${origin(fed.url)}/health`);
    expect(gw.status).toBe(200);
    expect(await gw.json()).toEqual({ status: 'ok', service: 'gateway' });
    const ready = await fetch(`${origin(fed.url)}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      subgraphs: { accounts: 'ready', readings: 'ready', payments: 'ready', community: 'ready' },
    });
    for (const name of SUBGRAPH_NAMES) {
      const health = await fetch(`${origin(fed.subgraphs[name].url)}/health`);
      expect(await health.json()).toEqual({ status: 'ok', service: name });
      const r = await fetch(`${origin(fed.subgraphs[name].url)}/ready`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ status: 'ready', service: name });
    }
  });

  it('gateway readiness fails with 503 and names the subgraph that is down; liveness stays up', async () => {
    // A gateway whose community subgraph is a closed port.
    const gateway = await startGateway({
      supergraphSdl: await readCommittedSupergraph(),
      subgraphUrls: { ...subgraphUrls(), community: 'http://127.0.0.1:9/graphql' },
      jwtSecret: fed.runtime.config.jwtSecret,
      gatewaySecret: fed.runtime.config.gatewaySecret,
      dev: false,
    });
    try {
      const ready = await fetch(`${origin(gateway.url)}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        subgraphs: { accounts: 'ready', readings: 'ready', payments: 'ready', community: 'unavailable' },
      });
      expect((await fetch(`${origin(gateway.url)}/health`)).status).toBe(200);
      // A query that needs the missing subgraph fails with a stable code and hides the address.
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ forumCategories { edges { node { id } } } }' }) });
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('INTERNAL');
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1:9|ECONNREFUSED|stacktrace/);
    } finally {
      await gateway.close();
    }
  });

  it('a subgraph whose database is unreachable is not ready (503) but is alive', async () => {
    const prisma = createPrisma('postgresql://postgres@127.0.0.1:9/none?connect_timeout=1', { max: 1 });
    const pubsub = createPubSub();
    const server = await startSubgraph({ name: 'payments', schema: paymentsSchema, prisma, pubsub, gatewaySecret: randomSecret() });
    try {
      const ready = await fetch(`${origin(server.url)}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', service: 'payments' });
      expect((await fetch(`${origin(server.url)}/health`)).status).toBe(200);
    } finally {
      await server.close();
      await pubsub.close();
      await prisma.$disconnect();
    }
  });
});

describe('GraphQL over HTTP (graphql-http audit)', () => {
  it('passes every MUST audit against the gateway', async () => {
    const results = await auditServer({ url: fed.url });
    const failedMust = results.filter((r) => r.status !== 'ok' && r.name.startsWith('MUST'));
    expect(failedMust.map((r) => `${r.name}: ${r.status === 'ok' ? '' : r.reason}`)).toEqual([]);
    // Apollo Server's reference is 54 of 60; the rest are SHOULD/MAY (400 for invalid documents with
    // application/json, and GET without a CSRF-safe header, which the gateway refuses on purpose).
    const ok = results.filter((r) => r.status === 'ok').length;
    expect(ok).toBeGreaterThanOrEqual(54);
    for (const r of results.filter((x) => x.status !== 'ok')) expect(r.name).toMatch(/^(SHOULD|MAY) /);
  });
});
