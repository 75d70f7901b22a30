// npm run bench:setup: installs the benchmarks' own dependencies (Hive Gateway, autocannon) into bench/node_modules
// from bench/package-lock.json, once. They are peers to measure against, not part of the product, so the product's
// install does not carry them. Every bench:* script runs this first; it does nothing when they are installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const installed = ['@graphql-hive/gateway', 'autocannon'].every((p) => existsSync(path.join(here, 'node_modules', p, 'package.json')));
if (!installed || process.argv.includes('--force')) {
  console.log('bench: installing the benchmark peers into bench/node_modules (once)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
