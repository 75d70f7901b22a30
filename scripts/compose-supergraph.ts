import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { DEFAULT_SUBGRAPH_URLS, SUBGRAPH_NAMES, type SubgraphName } from '../gateway/supergraph.js';

// Composing the supergraph is a build step (npm run schema writes schema/): it imports every subgraph's schema, which
// is why it lives with the entry points and not in gateway/ (the gateway reads the committed schema/supergraph.graphql).

export async function loadSubgraphSchemas(): Promise<Record<SubgraphName, GraphQLSchema>> {
  const [accounts, readings, payments, community] = await Promise.all([
    import('../subgraphs/accounts/schema/index.js'),
    import('../subgraphs/readings/schema/index.js'),
    import('../subgraphs/payments/schema/index.js'),
    import('../subgraphs/community/schema/index.js'),
  ]);
  return { accounts: accounts.schema, readings: readings.schema, payments: payments.schema, community: community.schema };
}

/** Prints every subgraph's SDL and composes the supergraph in-process (no Rover). */
export async function composeSupergraph(): Promise<{ subgraphs: Record<SubgraphName, string>; supergraphSdl: string }> {
  const schemas = await loadSubgraphSchemas();
  const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, printSubgraphSchema(schemas[n])])) as Record<SubgraphName, string>;
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, url: DEFAULT_SUBGRAPH_URLS[name], typeDefs: parse(subgraphs[name]) })),
  );
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  }
  return { subgraphs, supergraphSdl: result.supergraphSdl! };
}
