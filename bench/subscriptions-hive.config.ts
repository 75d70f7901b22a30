// Hive Gateway configuration for `npm run bench:subscriptions` (the peer). It serves the same supergraph and
// forwards the same signed viewer identity our subgraphs require: in the subgraph HTTP header for queries,
// mutations and `_entities`, and in connectionParams of the graphql-ws socket it opens per viewer.
import { IdentityService } from '../gateway/identity.js';
import { VIEWER_HEADER } from '../shared/auth/tokens.js';

const identity = new IdentityService(process.env.JWT_SECRET!, process.env.GATEWAY_SECRET!);
const entry = {
  headers: [[VIEWER_HEADER, '{context.soulseerViewer}']] as [string, string][],
  options: {
    subscriptions: { kind: 'ws', location: '/graphql', options: { connectionParams: { [VIEWER_HEADER]: '{context.soulseerViewer}' } } },
  },
};

// A plain object (what Hive's defineConfig returns), so type-checking the project needs no bench dependency.
export const gatewayConfig = {
  supergraph: process.env.SUPERGRAPH_PATH!,
  transportEntries: Object.fromEntries((process.env.SUBGRAPHS ?? 'accounts,pulse').split(',').map((n) => [n, entry])),
  logging: 'error',
  plugins: () => [
    {
      async onContextBuilding({ context, extendContext }: { context: { headers?: Record<string, string> }; extendContext: (c: object) => void }) {
        const viewer = await identity.viewerFromAuthorization(context.headers?.authorization ?? null);
        extendContext({ soulseerViewer: await identity.forward(viewer, null, null) });
      },
    },
  ],
};
