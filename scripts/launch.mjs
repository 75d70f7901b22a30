// `npm start` runs `node scripts/launch.mjs scripts/start.ts`: plain Node, no TypeScript loader at run time.
//   1. Node too old → one line (scripts/check-node.mjs).
//   2. The Prisma client is regenerated only when the Prisma schema changed (scripts/prisma-generate.mjs).
//   3. The entry point, every project file it imports and the npm packages they use are bundled by esbuild into one
//      CommonJS file, node_modules/.cache/soulseer/<entry>.cjs (scripts/launch-build.mjs; packages that depend on where
//      their files lie, native and WebAssembly ones among them, stay where they are installed). It is rebuilt only
//      when one of the project's input files changed (size and mtime of each, from esbuild's metafile) or the installed
//      packages did (the lock files), which takes a few seconds; otherwise it runs at once. This replaces Node's
//      loading of ~1,500 package files and 170 project files on every start.
//   4. The bundle runs as a vm.Script with a V8 code cache beside it (<entry>.cjs.v8cache): V8 skips parsing and
//      compiling what start-up ran before. The cache is written once per bundle, when the entry emits
//      `process.emit('soulseer:ready')` (scripts/start.ts does after its ready line) or else at exit; a cache V8
//      rejects (another Node, a damaged file) is simply written again. Stack traces name lines of the bundle, where
//      each module follows a `// <its file>` comment (`node --import tsx scripts/start.ts` runs the sources instead).
//   An entry with top-level await, or one that would require() an ES-module-only package, gets the ES module form
//   instead (<entry>.mjs, packages external, code splitting, source maps), as every entry did before.
// Without esbuild (an install with --omit=dev) it falls back to tsx, which is slower but runs the same code.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { writeFileSync, renameSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import './check-node.mjs';
import { buildCommonJs, buildEsm, packagesFingerprint } from './launch-build.mjs';
import { generatePrismaClient } from './prisma-generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'soulseer');
// Changing the build options (scripts/launch-build.mjs) must invalidate old bundles.
const BUILD_VERSION = 3;

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
const cjsFile = path.join(CACHE_DIR, `${name}.cjs`);
const codeCacheFile = `${cjsFile}.v8cache`;
const esmFile = path.join(CACHE_DIR, `${name}.mjs`);
const metaFile = path.join(CACHE_DIR, `${name}.inputs.json`);

/** The bundle's metadata when it exists and none of its inputs changed since it was built, else null. */
async function upToDate() {
  let meta;
  try {
    meta = JSON.parse(await readFile(metaFile, 'utf8'));
  } catch {
    return null;
  }
  if (meta.version !== BUILD_VERSION || meta.root !== ROOT) return null;
  // Packages bundled: a changed install (lock files) rebuilds; their files are not checked one by one.
  if (meta.format === 'cjs' && meta.packages !== (await packagesFingerprint(ROOT))) return null;
  // Its outputs too (another entry's build never removes shared chunks, but a cleaned cache might).
  const outputs = await Promise.all(meta.outputs.map((file) => stat(path.join(ROOT, file)).then(() => true, () => false)));
  if (!outputs.every(Boolean)) return null;
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
  return checks.every(Boolean) ? meta : null;
}

async function build(esbuild, previous) {
  await mkdir(path.join(CACHE_DIR, 'chunks'), { recursive: true });
  const packages = await packagesFingerprint(ROOT);
  // The packages left to Node last time are where this build starts (re-checked), unless the install changed.
  const known = previous?.packages === packages ? previous.leftToNode ?? [] : [];
  const cjs = await buildCommonJs(esbuild, { root: ROOT, entryPath, outfile: cjsFile, known });
  const result = cjs ? cjs.result : await buildEsm(esbuild, { root: ROOT, entryPath, outdir: CACHE_DIR, name });
  // Several processes may start at once (npm run cluster): each writes its own temporary files and renames them
  // into place, so none ever runs a half-written bundle. Chunks first, the entry (which imports them) last.
  const put = async (file) => {
    const tmp = `${file.path}.${process.pid}.tmp`;
    await writeFile(tmp, file.contents);
    await rename(tmp, file.path);
  };
  const isEntry = (file) => file.path === esmFile || file.path === `${esmFile}.map` || file.path === cjsFile;
  await Promise.all(result.outputFiles.filter((f) => !isEntry(f)).map(put));
  await Promise.all(result.outputFiles.filter(isEntry).map(put));
  // The old bundle's code cache is of no use to the new one.
  await rm(codeCacheFile, { force: true });
  // Project files are checked one by one; the packages' by the lock files.
  const inputs = {};
  await Promise.all(
    Object.keys(result.metafile.inputs)
      .filter((file) => !file.includes('node_modules/'))
      .map(async (file) => {
        const s = await stat(path.join(ROOT, file));
        inputs[file] = [s.size, s.mtimeMs];
      }),
  );
  const outputs = Object.keys(result.metafile.outputs);
  const meta = { version: BUILD_VERSION, root: ROOT, format: cjs ? 'cjs' : 'esm', packages, leftToNode: cjs?.external, inputs, outputs };
  const tmpMeta = `${metaFile}.${process.pid}.tmp`;
  await writeFile(tmpMeta, JSON.stringify(meta));
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
  return meta;
}

/** Runs the CommonJS bundle as Node would require() it, with the V8 code cache when there is a usable one. */
async function runCommonJs() {
  const source = await readFile(cjsFile, 'utf8');
  const cachedData = await readFile(codeCacheFile).catch(() => undefined);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: cjsFile, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // Written once, with the functions start-up compiled: at the entry's ready signal, else at exit.
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        const tmp = `${codeCacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, codeCacheFile);
      } catch {
        // a read-only cache folder: run without
      }
    };
    process.once('soulseer:ready', () => setImmediate(save));
    process.once('exit', save);
  }
  const module = new Module(cjsFile, null);
  module.filename = cjsFile;
  module.paths = Module._nodeModulePaths(path.dirname(cjsFile));
  script.runInThisContext()(module.exports, createRequire(cjsFile), module, cjsFile, path.dirname(cjsFile));
}

let meta = await upToDate();
if (!meta) {
  let esbuild = null;
  try {
    esbuild = await import('esbuild');
  } catch {
    // no devDependencies installed: run the TypeScript through tsx below
  }
  if (esbuild) {
    const previous = await readFile(metaFile, 'utf8').then(JSON.parse, () => null);
    meta = await build(esbuild, previous);
  }
}

if (meta?.format === 'cjs') {
  await runCommonJs();
} else if (meta) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(esmFile).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entryPath).href);
}
