import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';

export const SUBGRAPH_NAMES = ['accounts', 'readings', 'payments', 'community'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema');

/** Default URLs written into the committed supergraph; the gateway overrides them from its configuration. */
export const DEFAULT_SUBGRAPH_URLS: Record<SubgraphName, string> = {
  accounts: 'http://127.0.0.1:4001/graphql',
  readings: 'http://127.0.0.1:4002/graphql',
  payments: 'http://127.0.0.1:4003/graphql',
  community: 'http://127.0.0.1:4004/graphql',
};

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

export function readCommittedSupergraph(): Promise<string> {
  return readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}
