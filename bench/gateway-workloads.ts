// The gateway benchmark's workloads and how each target is asked. A viewer-dependent workload gives every request
// the next of the logged-in clients (round-robin), as its own access token (our gateway) or as the gateway-signed
// viewer header a subgraph accepts (Hive Gateway, which forwards it, and the subgraph asked directly). Every
// response is checked in flight (status, no `errors`, and for the viewer mix: the answer is this viewer's), and
// fully before and after each run.

/** Readers per page in the readers workloads (BENCH_PAGE_SIZE; the schema allows 50 at most). */
export const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE || 20);

const PROFILE = 'id displayName headline bio avatarUrl specialties yearsOfExperience languages lowestRateCents averageRating rates { sessionType ratePerMinuteCents }';
const page = (extra: string) => `readers(first: ${PAGE_SIZE}) { edges { cursor node { ${PROFILE}${extra} } } pageInfo { hasNextPage endCursor } }`;

/** The readers page alone: one subgraph (accounts) does all of the work. */
export const READERS_ONLY = `query BenchReaders { ${page('')} }`;

/**
 * A page of 20 readers with profile fields (accounts) and one field of another subgraph. If the supergraph
 * has a cheap scalar on Reader owned by another subgraph, it is used (an entity fetch); otherwise the same
 * operation also asks for the forum categories (community), a second subgraph fetch at the root.
 */
export function readersQuery(supergraph: string): { query: string; crossField: string } {
  const reader = /\ntype Reader\n[\s\S]*?\n\{([\s\S]*?)\n\}/.exec(supergraph)?.[1] ?? '';
  const foreign = /\n\s+(\w+): (?:Int|Float|String|Boolean|DateTime)!? @join__field\(graph: (READINGS|PAYMENTS|COMMUNITY)\)/.exec(reader);
  if (foreign) return { query: `query BenchReaders { ${page(` ${foreign[1]}`)} }`, crossField: `Reader.${foreign[1]} (${foreign[2]!.toLowerCase()})` };
  return {
    query: `query BenchReaders { ${page('')} forumCategories { edges { node { id slug name } } } }`,
    crossField: 'Query.forumCategories (community), in the same operation as the readers page (accounts)',
  };
}

/** What a signed-in client's home screen asks: nothing in it is the same for two viewers. */
export const VIEWER_MIX = `query BenchViewer {
  me { id displayName email role }
  wallet { userId balanceCents currency hasSavedCard }
  mySessions(first: 10) { edges { node { id type status startedAt billedMinutes totalCostCents reader { id displayName avatarUrl } } } pageInfo { hasNextPage endCursor } }
  conversations(first: 10) { edges { node { id lastMessageAt unreadCount otherParticipant { id displayName } } } }
}`;

export type WorkloadKey = 'readers' | 'mix' | 'single' | 'direct-1' | 'direct';
export type TargetKey = 'ours' | 'base' | 'fetch' | 'hive' | 'hive-inbound' | 'subgraph';

export interface Workload {
  key: WorkloadKey;
  title: string;
  query: string;
  /** Distinct logged-in viewers, round-robin; false: one anonymous client. */
  perViewer: boolean;
  /** Connections for this workload (null: BENCH_CONNECTIONS). */
  connections: number | null;
  targets: TargetKey[];
  /** Full check of one answer (before and after each run). */
  check(json: Answer, viewer: string | null): string | null;
}

interface Answer {
  data?: {
    readers?: { edges: unknown[] };
    me?: { id: string } | null;
    wallet?: { userId: string };
    mySessions?: { edges: { node: { reader?: { displayName?: string } } }[] };
    conversations?: { edges: { node: { otherParticipant?: { displayName?: string } } }[] };
  };
  errors?: unknown[];
}

function checkReaders(json: Answer): string | null {
  if (json.errors) return 'errors';
  return json.data?.readers?.edges.length === PAGE_SIZE ? null : `not ${PAGE_SIZE} readers`;
}

function checkMix(json: Answer, viewer: string | null): string | null {
  const d = json.data;
  if (json.errors || !d) return 'errors';
  if (d.me?.id !== viewer || d.wallet?.userId !== viewer) return `answered for ${d.me?.id}/${d.wallet?.userId}, not ${viewer}`;
  if (d.mySessions?.edges.length !== 10 || d.mySessions.edges.some((e) => !e.node.reader?.displayName)) return 'not 10 sessions with their reader';
  if (d.conversations?.edges.length !== 10 || d.conversations.edges.some((e) => !e.node.otherParticipant?.displayName)) return 'not 10 conversations';
  return null;
}

export function workloads(readers: { query: string; crossField: string }, gateways: TargetKey[]): Workload[] {
  return [
    { key: 'readers', title: `(1) public readers page, a distinct logged-in viewer per request: ${PAGE_SIZE} readers (accounts) + ${readers.crossField}`, query: readers.query, perViewer: true, connections: null, targets: gateways, check: checkReaders },
    { key: 'mix', title: '(2) viewer-dependent mix, a distinct logged-in viewer per request: me + wallet (payments) + mySessions(first: 10) with reader (readings -> accounts) + conversations(first: 10) with otherParticipant (community -> accounts)', query: VIEWER_MIX, perViewer: true, connections: null, targets: gateways, check: checkMix },
    { key: 'single', title: `(3) one anonymous client, one query (the earlier bench:gateway): ${PAGE_SIZE} readers + ${readers.crossField}`, query: readers.query, perViewer: false, connections: null, targets: gateways, check: checkReaders },
    { key: 'direct-1', title: `gateway overhead, 1 connection: the readers page alone (${PAGE_SIZE} readers, accounts only), a distinct viewer per request, through each gateway vs accounts asked directly`, query: READERS_ONLY, perViewer: true, connections: 1, targets: [...gateways.filter((g) => g === 'ours' || g === 'base' || g === 'hive'), 'subgraph'], check: checkReaders },
    { key: 'direct', title: 'gateway overhead under load: the same, at BENCH_CONNECTIONS (the subgraph row is the accounts subgraph\'s own ceiling for the page)', query: READERS_ONLY, perViewer: true, connections: null, targets: [...gateways.filter((g) => g === 'ours' || g === 'base' || g === 'hive'), 'subgraph'], check: checkReaders },
  ];
}

export interface Viewers {
  ids: string[];
  /** Authorization header per viewer (our gateway). */
  bearer: string[];
  /** Signed viewer header per viewer (Hive forwards it; a subgraph accepts it). */
  signed: string[];
  /** The signed header of the anonymous client. */
  anonymous: string;
}

export interface Request {
  headers: Record<string, string>;
  viewer: string | null;
  /** The viewer's index (-1: the anonymous client). */
  index: number;
}

/** The request headers of each viewer for a target (one entry, the anonymous client's, for a workload that is not per viewer). */
export function headersFor(w: Workload, target: TargetKey, viewers: Viewers, viewerHeader: string): Record<string, string>[] {
  const base = { 'content-type': 'application/json', 'user-agent': 'autocannon' };
  const viaSignedHeader = target !== 'ours' && target !== 'base' && target !== 'fetch';
  if (!w.perViewer) return [viaSignedHeader ? { ...base, [viewerHeader]: viewers.anonymous } : base];
  return viewers.ids.map((_, i) => (viaSignedHeader ? { ...base, [viewerHeader]: viewers.signed[i]! } : { ...base, authorization: `Bearer ${viewers.bearer[i]!}` }));
}

/** A further check of an answer's body (the viewer's index, -1 for the anonymous client): null when good. */
export type Verify = (viewer: number, body: string) => string | null;

/** A request generator for autocannon: headers of the next viewer each time, and an in-flight check of each answer. */
export function requestsFor(w: Workload, target: TargetKey, viewers: Viewers, viewerHeader: string, failures: string[], verify?: Verify) {
  const body = JSON.stringify({ query: w.query });
  const all = headersFor(w, target, viewers, viewerHeader);
  if (!w.perViewer) {
    const headers = all[0]!;
    return { sample: { headers, viewer: null, index: -1 } as Request, requests: [{ method: 'POST', headers, body, onResponse: inflightCheck(w, failures, undefined, verify) }] };
  }
  let next = 0;
  const requests = [
    {
      method: 'POST',
      body,
      setupRequest(req: { headers: Record<string, string> }, context: { viewer?: number }) {
        const i = next++ % all.length;
        context.viewer = i;
        req.headers = all[i]!;
        return req;
      },
      onResponse: inflightCheck(w, failures, viewers.ids, verify),
    },
  ];
  const i = Math.floor(Math.random() * viewers.ids.length);
  return { sample: { headers: all[i]!, viewer: viewers.ids[i]!, index: i } as Request, requests };
}

function inflightCheck(w: Workload, failures: string[], ids?: string[], verify?: Verify) {
  return (status: number, body: string, context: { viewer?: number }) => {
    let bad: string | null = null;
    if (status !== 200) bad = `status ${status}`;
    else if (body.includes('"errors"')) bad = 'errors';
    else if (w.key === 'mix') {
      const id = ids![context.viewer!]!;
      if (!body.includes(`"me":{"id":"${id}"`) || !body.includes(`"userId":"${id}"`)) bad = `not the answer for ${id}`;
    }
    if (!bad && verify) bad = verify(context.viewer ?? -1, body);
    if (bad && failures.length < 1000) failures.push(`${bad}: ${body.slice(0, 200)}`);
  };
}
