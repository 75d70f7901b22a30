// Our gateway in its own process for `npm run bench:subscriptions` (the peer runs in its own process too).
// Env: SUPERGRAPH_PATH, SUBGRAPH_URLS (JSON), JWT_SECRET, GATEWAY_SECRET, PORT. Prints "READY <port>".
import { readFile } from 'node:fs/promises';
import { startGateway } from '../gateway/create-gateway.js';
import type { SubgraphName } from '../gateway/supergraph.js';

const gateway = await startGateway(
  {
    supergraphSdl: await readFile(process.env.SUPERGRAPH_PATH!, 'utf8'),
    subgraphUrls: JSON.parse(process.env.SUBGRAPH_URLS!) as Record<SubgraphName, string>,
    jwtSecret: process.env.JWT_SECRET!,
    gatewaySecret: process.env.GATEWAY_SECRET!,
    subscriptionLimits: { eventFetch: (process.env.EVENT_FETCH as 'socket' | 'http' | undefined) ?? 'socket' },
  },
  { port: Number(process.env.PORT ?? 0) },
);
console.log(`READY ${gateway.port}`);
const stop = async () => {
  await gateway.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
