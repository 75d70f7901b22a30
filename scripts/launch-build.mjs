// The start-up bundle's build (scripts/launch.mjs runs it when an input changed). Two forms:
// - CommonJS, the npm packages bundled too (one file the launcher runs with a V8 code cache): for an entry without
//   top-level await. A package whose code depends on where its files lie (`__dirname`, `import.meta.url`,
//   `require.resolve`, `module.require`…) or loads modules by computed names is not bundled: it stays where it is
//   installed and Node loads it as usual, with every package it imports (so bundled code and it never hold two copies
//   of one package). Which packages those are is read from the bundle itself (LOCATION_BOUND below), then it is built
//   again without them; the list is kept in the metadata so the next build starts from it.
//   SOULSEER_LAUNCH_DEBUG=1 prints why each package was left to Node, or why the ES module form was chosen.
// - ES modules with packages external and code splitting (what an entry with top-level await gets, or when a package
//   the bundle must load with require() is an ES module only).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Code that depends on its own file's location, or requires a computed name (esbuild leaves such calls as they are).
 * `moduleN.require` is a CommonJS module's own (esbuild's wrapper has none, @apollo/utils.createhash would fall back to
 * a JavaScript SHA); plain `module.require` in an ES module is wasm-bindgen's guarded probe, which the bundle satisfies.
 */
const LOCATION_BOUND =
  /\b__dirname\b|\b__filename\b|__soulseer_import_meta_url|\bmodule\d+\.(?:require|parent|paths|filename|children)\b|\brequire\.(?:resolve|main|cache|extensions)\b|\brequire\((?!\s*"[^"]*"\))/;
/** The comment esbuild writes before each module's code: its file. */
const MODULE_MARKER = /^\/\/ (\S+\.(?:[cm]?[jt]sx?|json|node))$/;
/** Prisma's query compiler as a 4.5 MB base64 string: left in its own file (its CommonJS twin). */
const WASM_BASE64 = /\.wasm-base64\.m?js$/;

/** `node_modules/a/node_modules/@b/c/x.js` → `node_modules/a/node_modules/@b/c` (a package by its folder). */
function packageDir(file) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(file);
  return m ? m[1] : null;
}
const packageName = (dir) => dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);

class NotCommonJs extends Error {}

/** Whether `file` (a package's file) can be loaded with require(). */
async function isCommonJs(file) {
  if (file.endsWith('.cjs') || file.endsWith('.json') || file.endsWith('.node')) return true;
  if (file.endsWith('.mjs')) return false;
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
    if (manifest !== null) return JSON.parse(manifest).type !== 'module';
  }
  return true;
}

/** Packages to leave to Node: each file's package folder whose bundled code is LOCATION_BOUND, with what they import. */
function locationBound(code, metafile) {
  const found = new Set();
  let current = null;
  for (const line of code.split('\n')) {
    const marker = MODULE_MARKER.exec(line);
    if (marker) {
      current = packageDir(marker[1]);
      // A native addon (loaded as an empty module by this build) binds its package to its folder.
      if (marker[1].endsWith('.node')) found.add(current);
    } else if (current && !found.has(current) && LOCATION_BOUND.test(line)) {
      found.add(current);
      if (process.env.SOULSEER_LAUNCH_DEBUG) console.error(`left to Node: ${current}: ${line.trim().slice(0, 160)}`);
    }
  }
  // Everything those packages import (transitively) goes with them.
  const queue = Object.keys(metafile.inputs).filter((f) => found.has(packageDir(f)));
  const seen = new Set(queue);
  while (queue.length) {
    for (const im of metafile.inputs[queue.pop()]?.imports ?? []) {
      if (im.external || seen.has(im.path)) continue;
      seen.add(im.path);
      queue.push(im.path);
      const dir = packageDir(im.path);
      if (dir) found.add(dir);
    }
  }
  return found;
}

/** esbuild plugin: the packages in `external` (folders) and Prisma's base64 wasm are required from where they lie. */
function leaveToNode(external, outdir) {
  const names = [...new Set([...external].map(packageName))].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    name: 'leave-to-node',
    setup(build) {
      const onResolve = async (args) => {
        if (args.pluginData === 'leave-to-node') return undefined;
        // Resolved as require() would (the bundle is CommonJS): its CommonJS entry where a package has both.
        const r = await build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, importer: args.importer, pluginData: 'leave-to-node' });
        if (r.errors.length || r.external) return undefined;
        const file = r.path.replace(/\.wasm-base64\.mjs$/, '.wasm-base64.js');
        if (!WASM_BASE64.test(file) && !external.has(packageDir(path.relative(build.initialOptions.absWorkingDir, file)))) return undefined;
        if (!(await isCommonJs(file))) throw new NotCommonJs(`${args.path} is an ES module only`);
        const relative = path.relative(outdir, file);
        return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
      };
      if (names.length) build.onResolve({ filter: new RegExp(`^(?:${names.join('|')})(?:/|$)`) }, onResolve);
      build.onResolve({ filter: /wasm-base64/ }, onResolve);
    },
  };
}

/**
 * Builds `entryPath` as one CommonJS file with its packages; resolves to its output, the metafile and the packages
 * left to Node, or null when the entry cannot be CommonJS (top-level await, an ES-module-only package to require).
 */
export async function buildCommonJs(esbuild, { root, entryPath, outfile, known = [] }) {
  let external = new Set(known);
  for (let round = 0; round < 4; round++) {
    let result;
    try {
      result = await esbuild.build({
        absWorkingDir: root,
        entryPoints: [entryPath],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        // Packages as require() sees them: without esbuild's default "module" condition (an ES module build).
        conditions: [],
        target: `node${process.versions.node.split('.')[0]}`,
        // import() of bundled code becomes a require of it (a vm.Script run from a code cache cannot import()).
        supported: { 'dynamic-import': false },
        // Project code that finds files next to itself sees the bundle's location, as in the ES module form.
        define: { 'import.meta.url': '__soulseer_import_meta_url' },
        banner: { js: 'const __soulseer_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
        plugins: [leaveToNode(external, path.dirname(outfile))],
        // Native addons are never bundled: their packages are found (above) and left to Node.
        loader: { '.node': 'empty' },
        metafile: true,
        write: false,
        logLevel: 'silent',
      });
    } catch (error) {
      if (error instanceof NotCommonJs || error.errors?.some((e) => /Top-level await|NotCommonJs|ES module only/.test(e.text))) return null;
      throw error;
    }
    const code = result.outputFiles.find((f) => f.path === outfile).text;
    const more = [...locationBound(code, result.metafile)].filter((dir) => !external.has(dir));
    if (!more.length) {
      // Project code that requires a computed name would look for it next to the bundle: not this form.
      const project = projectCode(code);
      const computed = /\brequire\((?!\s*"[^"]*"\))/.exec(project);
      if (computed) {
        if (process.env.SOULSEER_LAUNCH_DEBUG) console.error(`ES module form: project code requires a computed name: ${project.slice(computed.index, computed.index + 120)}`);
        return null;
      }
      return { result, external: [...external].sort() };
    }
    external = new Set([...external, ...more]);
  }
  if (process.env.SOULSEER_LAUNCH_DEBUG) console.error('ES module form: the packages to leave to Node did not settle');
  return null;
}

/** The bundle's code minus the packages' (the modules after a `// node_modules/…` marker). */
function projectCode(code) {
  let inPackage = false;
  const lines = [];
  for (const line of code.split('\n')) {
    const marker = MODULE_MARKER.exec(line);
    if (marker) inPackage = marker[1].startsWith('node_modules/');
    else if (!inPackage) lines.push(line);
  }
  return lines.join('\n');
}

/** The ES module form (packages external, code splitting: what an entry loads with import() is a chunk of its own). */
export function buildEsm(esbuild, { root, entryPath, outdir, name }) {
  return esbuild.build({
    absWorkingDir: root,
    entryPoints: [entryPath],
    outdir,
    // The entry keeps its fixed name; the chunks it imports are named by content, so entries share them.
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
}

/** The installed packages' fingerprint: npm rewrites node_modules/.package-lock.json on every install. */
export async function packagesFingerprint(root) {
  const parts = await Promise.all(
    ['package-lock.json', 'node_modules/.package-lock.json'].map((f) => stat(path.join(root, f)).then((s) => `${s.size}:${s.mtimeMs}`, () => 'missing')),
  );
  return parts.join('/');
}
