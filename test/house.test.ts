// The house rules (docs/architecture.md), checked on the source so that a change that breaks one fails the suite:
// each subgraph writes only its own tables, no subgraph imports another, shared/ and gateway/ import no subgraph,
// no import cycle, no hand-written file over 400 lines, one way to build errors, no console or silent catch in the
// product. Each check reports every offender with its file and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBGRAPHS = ['accounts', 'readings', 'payments', 'community'] as const;
const MAX_LINES = 400;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file);
const sourceFiles = ['subgraphs', 'shared', 'gateway', 'scripts', 'test', 'bench', 'prisma', 'explorer'].flatMap((d) => walk(path.join(ROOT, d)));
const productFiles = sourceFiles.filter((f) => /^(subgraphs|shared|gateway)\//.test(rel(f)) && !/\.test\.ts$/.test(f) && !rel(f).includes('/testing/'));
const text = new Map(sourceFiles.map((f) => [f, readFileSync(f, 'utf8')]));
const lineOf = (src: string, index: number) => src.slice(0, index).split('\n').length;

/** Table ownership from the prisma/<owner>.prisma split: model name and table name → owner. */
function ownership() {
  const byModel = new Map<string, string>();
  const byTable = new Map<string, string>();
  for (const file of readdirSync(path.join(ROOT, 'prisma')).filter((f) => f.endsWith('.prisma') && f !== 'schema.prisma')) {
    const owner = file.replace(/\.prisma$/, '');
    const src = readFileSync(path.join(ROOT, 'prisma', file), 'utf8');
    for (const m of src.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      const table = /@@map\("(\w+)"\)/.exec(m[2]!)?.[1] ?? m[1]!;
      byModel.set(m[1]![0]!.toLowerCase() + m[1]!.slice(1), owner);
      byTable.set(table, owner);
    }
  }
  return { byModel, byTable };
}

/** Every write to a table in `src`: Prisma delegate calls and raw INSERT/UPDATE/DELETE. */
function writesIn(src: string, own: ReturnType<typeof ownership>) {
  const writes: Array<{ owner: string; what: string; index: number }> = [];
  const delegate = /\.(\w+)\s*\.\s*(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/g;
  for (const m of src.matchAll(delegate)) {
    const owner = own.byModel.get(m[1]!);
    if (owner) writes.push({ owner, what: `${m[1]}.${m[2]}`, index: m.index! });
  }
  const raw = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?/g;
  for (const m of src.matchAll(raw)) {
    const owner = own.byTable.get(m[2]!);
    if (owner) writes.push({ owner, what: `${m[1]!.replace(/\s+/g, ' ')} ${m[2]}`, index: m.index! });
  }
  return writes;
}

/** Relative imports (static, dynamic, re-exports) of a file, resolved to absolute .ts paths. */
function importsOf(file: string): Array<{ target: string; index: number }> {
  const src = text.get(file)!;
  const out: Array<{ target: string; index: number }> = [];
  for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '.ts');
    out.push({ target, index: m.index! });
  }
  return out;
}

describe('house rules', () => {
  it('each subgraph writes only its own tables (and shared/ only platform tables)', () => {
    const own = ownership();
    expect(own.byTable.get('users')).toBe('accounts');
    expect(own.byTable.get('sessions')).toBe('readings');
    const offenders: string[] = [];
    for (const file of productFiles) {
      const area = rel(file).split('/');
      const writer = area[0] === 'subgraphs' ? area[1]! : area[0] === 'shared' ? 'platform' : null;
      if (!writer) continue;
      const src = text.get(file)!;
      for (const w of writesIn(src, own)) {
        if (w.owner !== writer && w.owner !== 'platform') offenders.push(`${rel(file)}:${lineOf(src, w.index)} ${writer} writes ${w.owner}'s ${w.what}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the check itself sees a cross-owner write, Prisma or raw', () => {
    const own = ownership();
    const found = writesIn("await tx.reader.update({ where: {} }); await tx.$executeRaw`UPDATE readers SET x = 1`; DELETE FROM wallets", own);
    expect(found.map((w) => `${w.owner}:${w.what}`)).toEqual(['accounts:reader.update', 'accounts:UPDATE readers', 'payments:DELETE FROM wallets']);
  });

  it('no subgraph imports another; shared/ and gateway/ import no subgraph and no script', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles) {
      const [top, sub] = rel(file).split('/');
      if (!['subgraphs', 'shared', 'gateway'].includes(top!)) continue;
      const src = text.get(file)!;
      for (const { target, index } of importsOf(file)) {
        const [ttop, tsub] = rel(target).split('/');
        const bad =
          (top === 'subgraphs' && ttop === 'subgraphs' && tsub !== sub) ||
          ((top === 'shared' || top === 'gateway') && (ttop === 'subgraphs' || ttop === 'scripts')) ||
          (top === 'subgraphs' && ttop === 'scripts');
        if (bad) offenders.push(`${rel(file)}:${lineOf(src, index)} imports ${rel(target)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no import cycle among product modules (type-only imports aside)', () => {
    const graph = new Map<string, string[]>();
    for (const file of productFiles) {
      const src = text.get(file)!;
      const deps: string[] = [];
      for (const m of src.matchAll(/(?:^|\n)\s*(import|export)\s+(?!type\b)[^'";]*?from\s+'(\.{1,2}\/[^']+)'|(?:^|\n)\s*import\s+'(\.{1,2}\/[^']+)'/g)) {
        const spec = m[2] ?? m[3]!;
        deps.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
      }
      graph.set(file, deps.filter((d) => text.has(d)));
    }
    // Tarjan's strongly connected components: a component of more than one module is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });

  it(`has no hand-written source file over ${MAX_LINES} lines`, () => {
    const long = sourceFiles
      .map((f) => ({ file: rel(f), lines: text.get(f)!.split('\n').length - (text.get(f)!.endsWith('\n') ? 1 : 0) }))
      .filter((f) => f.lines > MAX_LINES && !f.file.startsWith('test/generated/'))
      .map((f) => `${f.file} (${f.lines})`);
    expect(long).toEqual([]);
  });

  it('builds errors one way (the helpers of shared/errors.ts) and logs through the process logger', () => {
    const offenders: string[] = [];
    for (const file of productFiles) {
      const src = text.get(file)!;
      if (!file.endsWith(path.join('shared', 'errors.ts'))) {
        for (const m of src.matchAll(/new AppError\(/g)) offenders.push(`${rel(file)}:${lineOf(src, m.index!)} new AppError`);
      }
      for (const m of src.matchAll(/\bconsole\.(log|warn|error|info|debug)\(/g)) offenders.push(`${rel(file)}:${lineOf(src, m.index!)} console.${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('has no silent catch: an empty handler says why in a comment', () => {
    const offenders: string[] = [];
    for (const file of productFiles) {
      const src = text.get(file)!;
      const lines = src.split('\n');
      for (const m of src.matchAll(/catch\s*(\([^)]*\))?\s*\{\s*\}|\.catch\(\s*(\(\s*\w*\s*\)|\w+)\s*=>\s*(\{\s*\}|undefined|null|false)\s*\)/g)) {
        const line = lineOf(src, m.index!);
        // The reason may sit on the line itself or on the line above.
        const reasoned = [lines[line - 1], lines[line - 2]].some((l) => l != null && /\/\/|\/\*/.test(l));
        if (!reasoned) offenders.push(`${rel(file)}:${line} ${m[0].replace(/\s+/g, ' ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
