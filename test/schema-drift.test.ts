import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR, SUBGRAPH_NAMES } from '../gateway/supergraph.js';
import { composeSupergraph } from '../scripts/compose-supergraph.js';

// The committed SDL in schema/ is what partners and the gateway read: it must be what the code prints.
describe('committed schema', () => {
  it('matches what the subgraphs print and compose (run `npm run schema` after changing a schema)', async () => {
    const { subgraphs, supergraphSdl } = await composeSupergraph();
    for (const name of SUBGRAPH_NAMES) {
      expect(await readFile(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8'), `schema/${name}.graphql`).toBe(subgraphs[name] + '\n');
    }
    expect(await readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8')).toBe(supergraphSdl + '\n');
  });
});
