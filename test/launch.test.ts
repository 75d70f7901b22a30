import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` runs scripts/launch.mjs: the entry point is bundled once by esbuild into node_modules/.cache/soulseer/
// and the bundle is reused until one of its inputs changes. These tests run the launcher as npm start does.

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules/.cache/soulseer');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'soulseer-launch-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

function launch(entry: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/launch.mjs', entry, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout.trim(), err: run.stderr };
}

describe('the launcher (npm start)', () => {
  it('runs TypeScript from a bundle that is reused until an input changes, with the entry’s own argv', async () => {
    const entry = path.join(scratch, 'entry.ts');
    await writeFile(entry, "const tag: string = 'first';\nconsole.log(tag, process.argv.slice(2).join(','));\n");
    const bundle = path.join(CACHE, `${path.relative(ROOT, entry).replace(/\.ts$/, '').replace(/[\\/]/g, '__')}.mjs`);

    expect(launch(entry, 'a', 'b')).toMatchObject({ code: 0, out: 'first a,b' });
    const built = (await stat(bundle)).mtimeMs;

    // Unchanged inputs: the same bundle runs, not rebuilt.
    expect(launch(entry, 'c')).toMatchObject({ code: 0, out: 'first c' });
    expect((await stat(bundle)).mtimeMs).toBe(built);

    // A changed input: rebuilt, and the new code runs.
    await writeFile(entry, "const tag: string = 'second, changed';\nconsole.log(tag);\n");
    expect(launch(entry)).toMatchObject({ code: 0, out: 'second, changed' });
    expect(await readFile(bundle, 'utf8')).toContain('second, changed');
    await rm(bundle, { force: true });
    await rm(bundle.replace(/\.mjs$/, '.inputs.json'), { force: true });
    await rm(`${bundle}.map`, { force: true });
  });

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
