// What the in-process benchmarks share: a scratch schema of the machine's PostgreSQL with every migration applied,
// and the small measuring helpers (percentiles, a process's RSS and CPU from /proc).
import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createPrisma } from '../shared/db/client.js';
import { MIGRATIONS_DIR } from '../shared/db/migrations.js';
import { createPubSub } from '../shared/pubsub.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Resident memory of a process, in bytes. */
export const rssOf = async (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s). */
export const cpuOf = async (pid: number) => {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

/**
 * A fresh schema `bench_<random>` of `base` with every migration applied, a Prisma pool and a pub/sub prefixed with
 * it, and `drop()` to remove it all at the end.
 */
export async function createScratchDatabase(base: string) {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.query(`SET search_path TO "${schema}"`);
  for (const d of (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((x) => x.isDirectory()).map((x) => x.name).sort()) {
    await admin.query((await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8')).replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ''));
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const prisma = createPrisma(url.toString(), { schema, max: 10 });
  const pubsub = createPubSub({ prefix: `${schema}:` });
  return {
    schema,
    admin,
    url,
    prisma,
    pubsub,
    async drop() {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}
