import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../shared/repo-root.js';

/** The subgraphs the gateway knows, by name (and URL, from its configuration): it imports none of their code. */
export const SUBGRAPH_NAMES = ['accounts', 'readings', 'payments', 'community'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const SCHEMA_DIR = path.join(REPO_ROOT, 'schema');

/** Default URLs written into the committed supergraph; the gateway overrides them from its configuration. */
export const DEFAULT_SUBGRAPH_URLS: Record<SubgraphName, string> = {
  accounts: 'http://127.0.0.1:4001/graphql',
  readings: 'http://127.0.0.1:4002/graphql',
  payments: 'http://127.0.0.1:4003/graphql',
  community: 'http://127.0.0.1:4004/graphql',
};

export function readCommittedSupergraph(): Promise<string> {
  return readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}
