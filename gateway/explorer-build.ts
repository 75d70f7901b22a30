// Builds the explorer page (explorer/app.tsx: GraphiQL 5 + its explorer plugin) with esbuild into
// .data/graphiql/<build id>/, where the build id is a hash of everything the output depends on. A build that
// already exists is reused at once, so a warm start costs one hash; a changed input gets a new folder.
// Called by `npm run build:explorer` and, when the folder is missing or stale, by the gateway on the first
// browser GET (gateway/explorer.ts). esbuild is a devDependency: an install without devDependencies must
// run `npm run build:explorer` beforehand (e.g. while building its image).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT as REPO } from '../shared/repo-root.js';

export const EXPLORER_OUT_DIR = path.join(REPO, '.data', 'graphiql');
const SOURCE_DIR = path.join(REPO, 'explorer');
const MARKER = 'build.json';
const LOCK_STALE_MS = 180_000;

export interface ExplorerBuild {
  /** Folder name under EXPLORER_OUT_DIR, also the asset URL segment (content-addressed, cacheable forever). */
  id: string;
  dir: string;
  /** Whether this call ran esbuild (false: an existing build was reused). */
  built: boolean;
}

/** The hash of the build's inputs: the page's sources, this builder, and the locked dependency versions. */
export async function explorerBuildId(): Promise<string> {
  const hash = createHash('sha256');
  const sources = (await readdir(SOURCE_DIR)).filter((f) => /\.(tsx?|css|json)$/.test(f)).sort();
  for (const file of [...sources.map((f) => path.join(SOURCE_DIR, f)), path.join(REPO, 'gateway/explorer-build.ts'), path.join(REPO, 'package-lock.json')]) {
    hash.update(file.slice(REPO.length)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Returns the current build, running esbuild only when it is missing; concurrent callers (processes) share one build. */
export async function ensureExplorerBuild(): Promise<ExplorerBuild> {
  const id = await explorerBuildId();
  const dir = path.join(EXPLORER_OUT_DIR, id);
  if (existsSync(path.join(dir, MARKER))) return { id, dir, built: false };

  // One process builds, the others wait for its output (tests run files in parallel processes). A lock older
  // than LOCK_STALE_MS belongs to a builder that died. The output is built beside the target and renamed into
  // place, so a reader never sees half a build.
  await mkdir(EXPLORER_OUT_DIR, { recursive: true });
  const lock = path.join(EXPLORER_OUT_DIR, `.lock-${id}`);
  for (;;) {
    if (existsSync(path.join(dir, MARKER))) return { id, dir, built: false };
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (since > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  const tmp = path.join(EXPLORER_OUT_DIR, `.tmp-${id}-${process.pid}`);
  try {
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp);
    await bundle(tmp);
    await writeFile(path.join(tmp, MARKER), JSON.stringify({ id, builtAt: new Date().toISOString() }));
    await rm(dir, { recursive: true, force: true }); // a folder without its marker is an interrupted copy
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(lock, { recursive: true, force: true });
  }
  // Older builds are dead weight (each is a few MB), and so are leftovers of this build by a process that died;
  // locks and the temporary folders of other builds are left alone.
  for (const entry of await readdir(EXPLORER_OUT_DIR)) {
    const dead = entry.startsWith('.') ? entry.startsWith(`.tmp-${id}-`) : entry !== id;
    if (dead) await rm(path.join(EXPLORER_OUT_DIR, entry), { recursive: true, force: true });
  }
  return { id, dir, built: true };
}

async function bundle(outdir: string): Promise<void> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    // esbuild is a dev dependency: without it, say how to build the explorer instead.
    throw new Error('The explorer is not built and esbuild is not installed: run `npm install`, then `npm run build:explorer`.');
  }
  const common: import('esbuild').BuildOptions = {
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    target: 'es2022',
    logLevel: 'silent',
    absWorkingDir: REPO,
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  // Monaco's language services run in classic web workers, one file each (explorer/workers.ts loads them).
  const workers = esbuild.build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    outdir,
    format: 'iife',
  });
  const app = esbuild.build({
    ...common,
    entryPoints: { app: path.join(SOURCE_DIR, 'app.tsx') },
    outdir,
    format: 'esm',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    assetNames: '[name]-[hash]',
  });
  await Promise.all([workers, app]);
}
