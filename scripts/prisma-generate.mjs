// npm run generate: `prisma generate` only when its inputs changed (the schema files, the config, the installed
// Prisma and generator versions), so `npm start` and `npm test` do not spend ~4 s regenerating the same client.
// `npm run generate -- --force` always regenerates. Plain Node (no tsx): it runs before every start.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'shared/db/generated');
const stamp = path.join(out, '.inputs-sha256');

const hash = createHash('sha256');
for (const f of readdirSync(path.join(root, 'prisma')).filter((n) => n.endsWith('.prisma')).sort()) {
  hash.update(f).update(readFileSync(path.join(root, 'prisma', f)));
}
hash.update(readFileSync(path.join(root, 'prisma.config.ts')));
for (const pkg of ['prisma', '@prisma/client', '@pothos/plugin-prisma']) {
  const manifest = path.join(root, 'node_modules', pkg, 'package.json');
  hash.update(`${pkg}@${existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : 'missing'}`);
}
const inputs = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) process.exit(0);
// prisma generate never runs the schema engine; this stops it from downloading one (no internet needed).
const result = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['prisma', 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, inputs);
