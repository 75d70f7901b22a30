import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` runs scripts/launch.mjs: the entry point is bundled once by esbuild into node_modules/.cache/soulseer/
// (one CommonJS file with its packages, run with a V8 code cache; the ES module form for top-level await) and the
// bundle is reused until one of its inputs changes. These tests run the launcher as npm start does.

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules/.cache/soulseer');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'soulseer-launch-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const bundleOf = (entry: string, ext: '.cjs' | '.mjs') => path.join(CACHE, `${path.relative(ROOT, entry).replace(/\.ts$/, '').replace(/[\\/]/g, '__')}${ext}`);
async function removeBundle(entry: string) {
  const base = bundleOf(entry, '.cjs').replace(/\.cjs$/, '');
  for (const suffix of ['.cjs', '.cjs.v8cache', '.mjs', '.mjs.map', '.inputs.json']) await rm(`${base}${suffix}`, { force: true });
}

function launch(entry: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/launch.mjs', entry, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout.trim(), err: run.stderr };
}

describe('the launcher (npm start)', () => {
  it('runs TypeScript from a CommonJS bundle with a V8 code cache, both reused until an input changes, with the entry’s own argv', async () => {
    const entry = path.join(scratch, 'entry.ts');
    await writeFile(entry, "const tag: string = 'first';\nconsole.log(tag, process.argv.slice(2).join(','));\n");
    const bundle = bundleOf(entry, '.cjs');
    const codeCache = `${bundle}.v8cache`;

    expect(launch(entry, 'a', 'b')).toMatchObject({ code: 0, out: 'first a,b' });
    const built = (await stat(bundle)).mtimeMs;
    // No ready signal from this entry: the code cache was written at exit.
    const cached = (await stat(codeCache)).mtimeMs;

    // Unchanged inputs: the same bundle runs, not rebuilt, and its accepted code cache is not written again.
    expect(launch(entry, 'c')).toMatchObject({ code: 0, out: 'first c' });
    expect((await stat(bundle)).mtimeMs).toBe(built);
    expect((await stat(codeCache)).mtimeMs).toBe(cached);

    // A damaged code cache is rejected by V8 and written again; the entry runs as before.
    await writeFile(codeCache, 'not a code cache');
    expect(launch(entry, 'd')).toMatchObject({ code: 0, out: 'first d' });
    expect((await stat(codeCache)).size).toBeGreaterThan(100);

    // A changed input: rebuilt (the old code cache dropped with it), and the new code runs.
    await writeFile(entry, "const tag: string = 'second, changed';\nconsole.log(tag);\n");
    expect(launch(entry)).toMatchObject({ code: 0, out: 'second, changed' });
    expect(await readFile(bundle, 'utf8')).toContain('second, changed');
    await removeBundle(entry);
  }, 240_000);

  it('bundles the npm packages an entry imports, and rebuilds when the installed packages change (the lock file)', async () => {
    // Inside the checkout, so that the packages resolve from its node_modules.
    const dir = path.join(CACHE, '..', `soulseer-launch-test-${process.pid}`);
    await mkdir(dir, { recursive: true });
    const entry = path.join(dir, 'packages.ts');
    await writeFile(entry, "import { parse } from 'graphql';\nconsole.log(parse('{ a }').definitions.length);\n");
    expect(launch(entry)).toMatchObject({ code: 0, out: '1' });
    const bundle = bundleOf(entry, '.cjs');
    expect(await readFile(bundle, 'utf8')).toContain('// node_modules/graphql/language/parser.js');
    const built = (await stat(bundle)).mtimeMs;
    const meta = JSON.parse(await readFile(bundle.replace(/\.cjs$/, '.inputs.json'), 'utf8')) as { packages: string };
    // An install rewrites node_modules/.package-lock.json: the fingerprint recorded with the bundle no longer matches.
    await writeFile(bundle.replace(/\.cjs$/, '.inputs.json'), JSON.stringify({ ...meta, packages: 'another install' }));
    expect(launch(entry)).toMatchObject({ code: 0, out: '1' });
    expect((await stat(bundle)).mtimeMs).not.toBe(built);
    await removeBundle(entry);
    await rm(dir, { recursive: true, force: true });
  }, 240_000);

  it('runs an entry with top-level await from the ES module form (packages external)', async () => {
    const entry = path.join(scratch, 'tla.ts');
    await writeFile(entry, "const value: number = await Promise.resolve(42);\nconsole.log(value);\n");
    expect(launch(entry)).toMatchObject({ code: 0, out: '42' });
    expect(await stat(bundleOf(entry, '.mjs')).then(() => true)).toBe(true);
    await removeBundle(entry);
  }, 240_000);

  it('starts the whole federation from the bundle on the embedded default: first query answered, Ctrl-C exits 0', async () => {
    const child = spawn(process.execPath, ['scripts/launch.mjs', 'scripts/start.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: path.join(scratch, 'data'),
        DATABASE_URL: '',
        REDIS_URL: '',
        NODE_ENV: '',
        PORT: '0',
        ACCOUNTS_PORT: '0',
        READINGS_PORT: '0',
        PAYMENTS_PORT: '0',
        COMMUNITY_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d));
    child.stderr.on('data', (d: Buffer) => (log += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const m = /ready at (http:\/\/\S+\/graphql)/.exec(log);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`exited before ready:\n${log}`)));
      });
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ readers(first: 1) { totalCount } }' }) });
      const body = (await res.json()) as { data?: { readers: { totalCount: number } } };
      expect(res.status).toBe(200);
      // The demo readers were seeded through the bundled code (migrations found, Prisma client loaded).
      expect(body.data?.readers.totalCount).toBeGreaterThan(0);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 240_000);
});
