// `npm start` runs `node scripts/launch.mjs scripts/start.ts`: plain Node, no TypeScript loader at run time.
//   1. Node too old → one line (scripts/check-node.mjs).
//   2. The Prisma client is regenerated only when the Prisma schema changed (scripts/prisma-generate.mjs).
//   3. The entry point and every project file it imports are bundled by esbuild into
//      node_modules/.cache/soulseer/<entry>.mjs (npm packages stay external: Node loads them as usual). The bundle
//      is rebuilt only when one of its input files changed (size and mtime of each, from esbuild's metafile), which
//      takes ~1 s; otherwise it is imported at once. This replaces tsx's on-the-fly transpiling of ~170 files on
//      every start (about a second of a warm start). Code splitting is on: what an entry loads with `await import()`
//      is a chunk of its own (node_modules/.cache/soulseer/chunks/) whose packages load only then, so an entry can
//      start slow work (the embedded database's thread) before the bulk of the application is loaded.
// Without esbuild (an install with --omit=dev) it falls back to tsx, which is slower but runs the same code.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import './check-node.mjs';
import { generatePrismaClient } from './prisma-generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'soulseer');
// Changing the build options below must invalidate old bundles.
const BUILD_VERSION = 2;

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/launch.mjs <entry.ts> [args…]');
  process.exit(2);
}
// The entry sees its own arguments as if run directly (process.argv[2…]).
process.argv.splice(2, 1);

const generated = generatePrismaClient();
if (generated !== 0) process.exit(generated);

const entryPath = path.resolve(ROOT, entry);
const name = path.relative(ROOT, entryPath).replace(/\.[cm]?tsx?$/, '').replace(/[\\/]/g, '__');
const outfile = path.join(CACHE_DIR, `${name}.mjs`);
const metaFile = path.join(CACHE_DIR, `${name}.inputs.json`);

/** Whether the bundle exists and none of its recorded inputs changed since it was built. */
async function upToDate() {
  let meta;
  try {
    meta = JSON.parse(await readFile(metaFile, 'utf8'));
    await stat(outfile);
  } catch {
    return false;
  }
  if (meta.version !== BUILD_VERSION) return false;
  // Its chunks too (another entry's build never removes them, but a cleaned cache might).
  const outputs = await Promise.all((meta.outputs ?? []).map((file) => stat(path.join(ROOT, file)).then(() => true, () => false)));
  if (!outputs.every(Boolean)) return false;
  const checks = await Promise.all(
    Object.entries(meta.inputs).map(async ([file, [size, mtimeMs]]) => {
      try {
        const s = await stat(path.join(ROOT, file));
        return s.size === size && s.mtimeMs === mtimeMs;
      } catch {
        return false;
      }
    }),
  );
  return checks.every(Boolean);
}

async function build(esbuild) {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entryPath],
    outdir: CACHE_DIR,
    // The entry keeps its fixed name (outfile); the chunks it imports are named by content, so entries share them.
    entryNames: name,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    // Bundled CommonJS-style code (the generated Prisma client) may call require().
    banner: { js: "import { createRequire as __soulseerCreateRequire } from 'node:module'; const require = __soulseerCreateRequire(import.meta.url);" },
  });
  // Several processes may start at once (npm run cluster): each writes its own temporary files and renames them
  // into place, so none ever imports a half-written bundle.
  // Chunks first, the entry (which imports them) last.
  const put = async (file) => {
    const tmp = `${file.path}.${process.pid}.tmp`;
    await writeFile(tmp, file.contents);
    await rename(tmp, file.path);
  };
  const isEntry = (file) => file.path === outfile || file.path === `${outfile}.map`;
  await mkdir(path.join(CACHE_DIR, 'chunks'), { recursive: true });
  await Promise.all(result.outputFiles.filter((f) => !isEntry(f)).map(put));
  await Promise.all(result.outputFiles.filter(isEntry).map(put));
  const inputs = {};
  await Promise.all(
    Object.keys(result.metafile.inputs).map(async (file) => {
      const s = await stat(path.join(ROOT, file));
      inputs[file] = [s.size, s.mtimeMs];
    }),
  );
  const tmpMeta = `${metaFile}.${process.pid}.tmp`;
  const outputs = Object.keys(result.metafile.outputs);
  await writeFile(tmpMeta, JSON.stringify({ version: BUILD_VERSION, inputs, outputs }));
  await rename(tmpMeta, metaFile);
  // Chunks of older builds pile up as the code changes: drop those this build did not write and nobody touched for a
  // week (another entry's bundle that still names one is rebuilt when it next starts: upToDate checks its outputs).
  const keep = new Set(outputs.map((file) => path.join(ROOT, file)));
  const chunksDir = path.join(CACHE_DIR, 'chunks');
  for (const file of await readdir(chunksDir).catch(() => [])) {
    const full = path.join(chunksDir, file);
    if (keep.has(full)) continue;
    const s = await stat(full).catch(() => null);
    if (s && Date.now() - s.mtimeMs > 7 * 24 * 3600_000) await rm(full, { force: true });
  }
}

let esbuild = null;
try {
  esbuild = await import('esbuild');
} catch {
  // no devDependencies installed: run the TypeScript through tsx below
}

if (esbuild) {
  if (!(await upToDate())) {
    await mkdir(CACHE_DIR, { recursive: true });
    await build(esbuild);
  }
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(outfile).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entryPath).href);
}
