// npm run client-config: writes the cache configuration for partners' clients (clients/) from the committed
// API schema. Run it after `npm run schema`; test/client-config-drift.test.ts fails until you do.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CLIENTS_DIR, generateClientConfig } from './client-config-generate.js';

await mkdir(CLIENTS_DIR, { recursive: true });
for (const [file, content] of Object.entries(await generateClientConfig())) {
  await writeFile(path.join(CLIENTS_DIR, file), content);
  console.log(`wrote clients/${file}`);
}
