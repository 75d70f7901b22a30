import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { schema } from './schema/index.js';

export async function startCommunity(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  return startSubgraph(
    { name: 'community', schema, prisma: rt.prisma, pubsub: rt.pubsub, gatewaySecret: rt.config.gatewaySecret, dev: rt.config.dev },
    listen,
  );
}
