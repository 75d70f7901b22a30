// npm run generate: `prisma generate` only when its inputs changed (the schema files, the config, the installed
// Prisma and generator versions), so `npm start` and `npm test` do not spend ~4 s regenerating the same client.
// `npm run generate -- --force` always regenerates. Plain Node (no tsx): `npm start` (scripts/launch.mjs) and
// `npm test` run it first; when nothing changed it costs a few file reads.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'shared/db/generated');
const stamp = path.join(out, '.inputs-sha256');

function inputsHash() {
  const hash = createHash('sha256');
  for (const f of readdirSync(path.join(root, 'prisma')).filter((n) => n.endsWith('.prisma')).sort()) {
    hash.update(f).update(readFileSync(path.join(root, 'prisma', f)));
  }
  hash.update(readFileSync(path.join(root, 'prisma.config.ts')));
  for (const pkg of ['prisma', '@prisma/client', '@pothos/plugin-prisma']) {
    const manifest = path.join(root, 'node_modules', pkg, 'package.json');
    hash.update(`${pkg}@${existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : 'missing'}`);
  }
  return hash.digest('hex');
}

/** Runs `prisma generate` when its inputs changed since the last run (or always with force); returns its exit code. */
export function generatePrismaClient({ force = false } = {}) {
  const inputs = inputsHash();
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) return 0;
  // prisma generate never runs the schema engine; this stops it from downloading one (no internet needed).
  const result = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['prisma', 'generate'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' },
  });
  if (result.status !== 0) return result.status ?? 1;
  writeFileSync(stamp, inputs);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(generatePrismaClient({ force: process.argv.includes('--force') }));
}
