// bench:gateway with BENCH_SUBGRAPHS=replay: the recording proxies (bench/replay-proxy.ts, one process for the four
// subgraphs) between the gateways and the real subgraphs, the warm-up that records every viewer's subgraph requests,
// and the check that every answer through a gateway still equals the one it gave over the real subgraphs.
import { freePort } from './peers.js';
import { startEntry } from './gateway-procs.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../gateway/supergraph.js';

export interface ReplayCounters {
  recorded: number;
  replayed: number;
  passed: number;
  keys: number;
}

export interface Replay {
  pid: number;
  /** What the gateways are given instead of the subgraphs' URLs. */
  urls: Record<SubgraphName, string>;
  stats(): Promise<Record<SubgraphName, ReplayCounters>>;
}

export async function startReplay(real: Record<SubgraphName, string>): Promise<Replay> {
  const ports = await Promise.all(SUBGRAPH_NAMES.map(() => freePort()));
  const targets = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, { port: ports[i]!, target: real[n] }]));
  const proc = await startEntry('replay', 'bench/replay-proxy.ts', { REPLAY_TARGETS: JSON.stringify(targets) });
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, `http://127.0.0.1:${ports[i]}${new URL(real[n]).pathname}`])) as Record<SubgraphName, string>;
  return {
    pid: proc.pid,
    urls,
    stats: async () => (await (await fetch(proc.url)).json()) as Record<SubgraphName, ReplayCounters>,
  };
}

export const totalRecorded = (s: Record<string, ReplayCounters>) => Object.values(s).reduce((n, c) => n + c.recorded, 0);

/**
 * The answer each viewer must get, per workload: the first answer seen, which in replay mode is the one of the first
 * recording pass (every subgraph request in it is new, so it went to the real subgraphs). Every later answer, through
 * any gateway, must be the same JSON; an answer byte-identical to one already accepted for that target is accepted
 * without parsing (the in-flight check runs in the load generator's process).
 */
export class ReferenceAnswers {
  private readonly canonical = new Map<string, string>();
  private readonly exact = new Map<string, string>();

  verify(workload: string, target: string, viewer: number, body: string): string | null {
    const exactKey = `${workload}|${target}|${viewer}`;
    if (this.exact.get(exactKey) === body) return null;
    let canonical: string;
    try {
      canonical = JSON.stringify(JSON.parse(body));
    } catch {
      return 'not JSON';
    }
    const refKey = `${workload}|${viewer}`;
    const ref = this.canonical.get(refKey);
    if (ref === undefined) this.canonical.set(refKey, canonical);
    else if (ref !== canonical) return `not the answer given over the real subgraphs: ${body.slice(0, 160)}`;
    this.exact.set(exactKey, body);
    return null;
  }
}

/**
 * Sends every viewer's request once (`concurrency` at a time), passes until one records nothing new (at most 6);
 * returns the passes made, the answers recorded, and the problems of the LAST pass (`send` returns null for a good
 * answer). An error answer of the real subgraphs in an earlier pass (a timeout on a busy box) is not recorded, so
 * the next pass asks again; the last pass, all replayed, must be clean.
 */
export async function recordEveryViewer(
  replay: Replay,
  send: (viewer: number) => Promise<string | null>,
  viewers: number,
  concurrency = 10,
): Promise<{ passes: number; recorded: number; problems: string[]; earlier: number }> {
  let problems: string[] = [];
  let earlier = 0;
  const start = totalRecorded(await replay.stats());
  let passes = 0;
  for (;;) {
    earlier += problems.length;
    problems = [];
    const before = totalRecorded(await replay.stats());
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, viewers) }, async () => {
        while (next < viewers) {
          const problem = await send(next++);
          if (problem && problems.length < 10) problems.push(problem);
        }
      }),
    );
    passes++;
    const after = totalRecorded(await replay.stats());
    if ((after === before && !problems.length) || passes >= 6) return { passes, recorded: after - start, problems, earlier };
  }
}
