import type { Config } from '../shared/config.js';
import type { ServiceRuntime } from '../shared/runtime.js';
import type { RunningServer } from '../shared/server/subgraph.js';
import { startAccounts } from '../subgraphs/accounts/server.js';
import { startReadings } from '../subgraphs/readings/server.js';
import { startPayments } from '../subgraphs/payments/server.js';
import { startCommunity } from '../subgraphs/community/server.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../gateway/create-gateway.js';
import { readCommittedSupergraph, type SubgraphName } from '../gateway/supergraph.js';

export interface LocalFederation {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningServer>;
  close(): Promise<void>;
}

/**
 * Boots the four subgraphs and the gateway in this process. `npm start` uses it with fixed ports; tests use
 * it with port 0 (free ports). The services share the runtime's pool and pub/sub.
 */
export async function startLocalFederation(
  rt: ServiceRuntime,
  options: { ports?: Partial<Config['ports']>; gateway?: Partial<GatewayOptions> } = {},
): Promise<LocalFederation> {
  const port = (name: keyof Config['ports']) => options.ports?.[name] ?? 0;
  const [accounts, readings, payments, community] = await Promise.all([
    startAccounts(rt, { port: port('accounts') }),
    startReadings(rt, { port: port('readings') }),
    startPayments(rt, { port: port('payments') }),
    startCommunity(rt, { port: port('community') }),
  ]);
  const subgraphs = { accounts, readings, payments, community };
  const gateway = await startGateway(
    {
      supergraphSdl: await readCommittedSupergraph(),
      // Composition output, kept equal to the subgraphs' by test/schema-drift.test.ts: not validated again at each start.
      validateSupergraph: false,
      subgraphUrls: { accounts: accounts.url, readings: readings.url, payments: payments.url, community: community.url },
      jwtSecret: rt.config.jwtSecret,
      gatewaySecret: rt.config.gatewaySecret,
      dev: rt.config.dev,
      explorer: rt.config.explorer,
      exposeErrorDetails: rt.config.exposeErrorDetails,
      pubsub: rt.pubsub,
      ...options.gateway,
    },
    { port: port('gateway') },
  );
  return {
    gateway,
    subgraphs,
    async close() {
      await gateway.close();
      await Promise.all(Object.values(subgraphs).map((s) => s.close()));
    },
  };
}
