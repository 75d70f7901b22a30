// npm run schema: prints each subgraph's SDL and the composed supergraph into schema/ (committed).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_DIR } from '../gateway/supergraph.js';
import { composeSupergraph } from './compose-supergraph.js';

const { subgraphs, supergraphSdl } = await composeSupergraph();
for (const [name, sdl] of Object.entries(subgraphs)) {
  await writeFile(path.join(SCHEMA_DIR, `${name}.graphql`), sdl + '\n');
}
await writeFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), supergraphSdl + '\n');
console.log(`wrote ${Object.keys(subgraphs).length} subgraph schemas and schema/supergraph.graphql`);
