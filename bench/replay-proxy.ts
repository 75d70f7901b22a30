// BENCH_SUBGRAPHS=replay of bench:gateway: a small recording proxy in front of each real subgraph, so that the
// gateways, not the subgraphs, are the ceiling (as public gateway benchmarks do with mocked subgraphs). Bench code
// only: the product never imports it. Runs as its own process (its CPU is reported per 1,000 requests).
//
// A GraphQL query POSTed to /graphql is keyed by (subgraph, query text, variables, and the identity carried by the
// signed viewer header, DECODED: viewer, IP and user agent — never the signature bytes, which change whenever a
// gateway re-signs). The first time a key is seen the request goes to the real subgraph; a 200 answer without
// `errors` is recorded (status, the headers that matter, body) and replayed from memory afterwards. Identical
// requests arriving while the first is being recorded wait for it. Anything else (a mutation, an error answer,
// another path such as accounts' /internal/auth-states, /ready) is passed through and never recorded.
//
// Entry point: REPLAY_TARGETS='{"accounts":{"port":1234,"target":"http://127.0.0.1:4001/graphql"},…}'; prints
// {"ready":true,"url":<stats URL>} when every proxy listens. GET /__replay/stats on any of its ports answers the
// counters of all of them: { <subgraph>: { recorded, replayed, passed, keys } }.
import http from 'node:http';
import { VIEWER_HEADER } from '../shared/auth/tokens.js';

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Counters {
  /** Requests sent to the real subgraph and recorded (misses). */
  recorded: number;
  /** Requests answered from memory. */
  replayed: number;
  /** Requests passed through without recording (not a query, an error answer, another path). */
  passed: number;
  /** Distinct keys in memory. */
  keys: number;
}

/** The headers of a subgraph answer that a gateway reads, with any x-soulseer-* (date, keep-alive, length are the proxy's own). */
const KEPT_HEADERS = ['content-type', 'cache-control', 'x-soulseer-viewer-independent'];

/** The identity in a signed viewer header, without its signature and expiry: who the request is for. */
export function decodeIdentity(header: string | undefined): string {
  if (!header) return '-';
  const payload = header.split('.')[1];
  if (!payload) return `malformed:${header}`;
  try {
    const { v, ip, ua } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { v?: unknown; ip?: unknown; ua?: unknown };
    return JSON.stringify([v ?? null, ip ?? null, ua ?? null]);
  } catch {
    return `malformed:${header}`;
  }
}

/** The recording key of a /graphql POST body, or null when it must not be replayed (not a query, unreadable). */
export function requestKey(body: string, identityHeader: string | undefined): string | null {
  let parsed: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed.query !== 'string' || /^\s*(mutation|subscription)\b/.test(parsed.query)) return null;
  return `${decodeIdentity(identityHeader)}\n${parsed.operationName ?? ''}\n${parsed.query}\n${JSON.stringify(parsed.variables ?? null)}`;
}

export function startReplayProxy(name: string, port: number, target: string, all: () => Record<string, Counters>): Promise<http.Server> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const memory = new Map<string, Recorded>();
  const recording = new Map<string, Promise<Recorded>>();
  const counters: Counters = { recorded: 0, replayed: 0, passed: 0, keys: 0 };
  stats.set(name, counters);

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<Recorded> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      delete headers.connection;
      const out = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const kept: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined && (KEPT_HEADERS.includes(k) || k.startsWith('x-soulseer-'))) kept[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          resolve({ status: res.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
        });
      });
      out.on('error', reject);
      out.end(body);
    });

  const send = (res: http.ServerResponse, r: Recorded) => {
    res.writeHead(r.status, { ...r.headers, 'content-length': r.body.length });
    res.end(r.body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'GET' && req.url === '/__replay/stats') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(all()));
      }
      const header = req.headers[VIEWER_HEADER];
      const key = req.method === 'POST' && req.url?.startsWith('/graphql') ? requestKey(body.toString('utf8'), Array.isArray(header) ? header[0] : header) : null;
      const failed = (error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: `replay proxy: ${(error as Error).message}` }] }));
      };
      if (key === null) {
        counters.passed++;
        return void forward(req, body).then((r) => send(res, r), failed);
      }
      const hit = memory.get(key);
      if (hit) {
        counters.replayed++;
        return send(res, hit);
      }
      let pending = recording.get(key);
      if (pending) counters.replayed++;
      else {
        pending = forward(req, body);
        recording.set(key, pending);
        pending.then(
          (r) => {
            recording.delete(key);
            // Only a clean answer is kept: an error is passed on and asked again next time.
            if (r.status === 200 && !r.body.includes('"errors"')) {
              memory.set(key, r);
              counters.recorded++;
              counters.keys = memory.size;
            } else counters.passed++;
          },
          () => recording.delete(key),
        );
      }
      pending.then((r) => send(res, r), failed);
    });
  });
  server.keepAliveTimeout = 300_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const stats = new Map<string, Counters>();

if (process.env.REPLAY_TARGETS) {
  const targets = JSON.parse(process.env.REPLAY_TARGETS) as Record<string, { port: number; target: string }>;
  const all = () => Object.fromEntries(stats);
  const servers = await Promise.all(Object.entries(targets).map(([name, t]) => startReplayProxy(name, t.port, t.target, all)));
  const first = Object.values(targets)[0]!;
  console.log(JSON.stringify({ ready: true, url: `http://127.0.0.1:${first.port}/__replay/stats` }));
  const stop = () => {
    for (const s of servers) s.close();
    for (const s of servers) s.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
