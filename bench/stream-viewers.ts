// Child process of bench/stream.bench.ts: the stream's viewers, each a graphql-ws (graphql-transport-ws protocol)
// connection with one subscription, kept lean (the `ws` socket and JSON.parse per message) so that 5,000 of
// them on a 2-core machine measure the gateway rather than themselves: graphql-ws's own client costs about 19 µs
// of CPU per message, and 5,000 of them receiving 20 events a second (100,000 messages a second) in the
// subgraphs' process saturated it (the first full run measured the bench, not the gateway). Every message is
// still checked (protocol type, operation id, payload shape, sender display name), but a `next` message is parsed
// only once per distinct payload: it must be exactly `{"id":"<this viewer's id>","type":"next","payload":<P>}`,
// and the verdict on <P> (JSON.parse and the checks) is kept by its text, so the 10,000 viewers of one gift pay one
// parse and 9,999 string comparisons (a different serialization takes the full parse). UTF-8 validation is left
// to that parse (`skipUTF8Validation`).
//
// Parent → child messages: { kind: 'start', wsUrl, query, variables, viewers: [{ id, token }] },
// { kind: 'measure', from } (events created from `from` on are measured), { kind: 'warmed' }, { kind: 'report' },
// { kind: 'close' }. Child → parent: { kind: 'connected', n }, { kind: 'warmed', n }, { kind: 'report', ... }.
import WebSocket from 'ws';

interface Start {
  kind: 'start';
  wsUrl: string;
  query: string;
  variables: Record<string, unknown>;
  viewers: Array<{ id: string; token: string }>;
  senderName: boolean;
}
type Command = Start | { kind: 'measure'; from: number } | { kind: 'warmed' } | { kind: 'report' } | { kind: 'close' };

const sockets: WebSocket[] = [];
let measureFrom = Infinity;
let latencies = new Float64Array(1 << 20);
let count = 0;
let wrong = 0;
let errors = 0;
let closedEarly = 0;
/** Connections refused or dropped before connection_ack and made again. */
let retries = 0;
/** Close codes of sockets closed after connection_ack, and the first wrong payload (diagnosis). */
const closeCodes: Record<string, number> = {};
let firstWrong = '';
let perViewer: Uint32Array = new Uint32Array(0);
let warmed: Uint8Array = new Uint8Array(0);
let warmedCount = 0;

const send = (m: unknown) => process.send!(m);

function record(ms: number) {
  if (count === latencies.length) {
    const next = new Float64Array(latencies.length * 2);
    next.set(latencies);
    latencies = next;
  }
  latencies[count++] = ms;
}

async function start(cmd: Start) {
  perViewer = new Uint32Array(cmd.viewers.length);
  warmed = new Uint8Array(cmd.viewers.length);
  let connected = 0;
  for (let i = 0; i < cmd.viewers.length; i += 100) {
    const batch = cmd.viewers.slice(i, i + 100);
    await Promise.all(
      batch.map(
        (v, j) =>
          new Promise<void>((resolve, reject) => {
            const index = i + j;
            const opId = `w${index}`;
            const nextHead = `{"id":"${opId}","type":"next","payload":`;
            let acked = false;
            let attempts = 0;
            const connect = () => {
              const ws = new WebSocket(cmd.wsUrl, 'graphql-transport-ws', { skipUTF8Validation: true, perMessageDeflate: false });
              sockets.push(ws);
              ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${v.token}` } })));
              ws.on('error', () => {});
              ws.on('close', (code, reason) => {
                if (stopping) return;
                // Refused or dropped before connection_ack (the gateway's init timeout or identity check under a
                // loaded box): a real client reconnects; counted, and given up after 5 attempts.
                if (!acked && ++attempts < 5) {
                  retries++;
                  setTimeout(connect, 1000 * attempts);
                  return;
                }
                closedEarly++;
                const key = `${code} ${String(reason).slice(0, 60)}`;
                closeCodes[key] = (closeCodes[key] ?? 0) + 1;
                reject(new Error(`closed ${code} ${String(reason)}`));
              });
              ws.on('message', (data) => {
                const text = String(data);
                if (text.startsWith(nextHead) && text.endsWith('}')) {
                  const verdict = judge(text.slice(nextHead.length, -1), cmd.senderName);
                  if (verdict === WRONG) wrong++;
                  else take(index, verdict);
                  return;
                }
                const m = JSON.parse(text) as { type: string; id?: string; payload?: { data?: { streamEvents?: { createdAt: string; sender?: { displayName?: string } } }; errors?: unknown[] } };
                if (m.type === 'connection_ack') {
                  acked = true;
                  ws.send(JSON.stringify({ id: opId, type: 'subscribe', payload: { query: cmd.query, variables: cmd.variables } }));
                  connected++;
                  resolve();
                  return;
                }
                if (m.type === 'ping') {
                  ws.send('{"type":"pong"}');
                  return;
                }
                if (m.type === 'error' || m.type === 'complete') {
                  errors++;
                  return;
                }
                if (m.type !== 'next' || m.id !== opId) {
                  wrong++;
                  return;
                }
                const verdict = check(m.payload, cmd.senderName);
                if (verdict === WRONG) wrong++;
                else take(index, verdict);
              });
            };
            connect();
          }),
      ),
    );
    send({ kind: 'connected', n: connected });
  }
}

const WRONG = -1;
type Payload = { data?: { streamEvents?: { createdAt: string; sender?: { displayName?: string } } }; errors?: unknown[] } | undefined;

/** A `next` payload's gift creation time (ms), or WRONG. */
function check(payload: Payload, senderName: boolean): number {
  const ev = payload?.data?.streamEvents;
  if (!ev || payload!.errors || (senderName && !ev.sender?.displayName?.startsWith('Viewer '))) return WRONG;
  const created = Date.parse(ev.createdAt);
  return Number.isFinite(created) ? created : WRONG;
}

/** Verdicts by payload text: every viewer of a gift gets the same bytes, parsed and checked once here. */
const verdicts = new Map<string, number>();
function judge(payloadText: string, senderName: boolean): number {
  let v = verdicts.get(payloadText);
  if (v === undefined) {
    try {
      v = check(JSON.parse(payloadText) as Payload, senderName);
    } catch {
      v = WRONG;
    }
    if (v === WRONG && !firstWrong) firstWrong = payloadText.slice(0, 300);
    verdicts.set(payloadText, v);
  }
  return v;
}

function take(index: number, created: number) {
  if (created < measureFrom) {
    if (!warmed[index]) {
      warmed[index] = 1;
      warmedCount++;
    }
    return;
  }
  record(Date.now() - created);
  perViewer[index]!++;
}

let stopping = false;
process.on('message', (cmd: Command) => {
  switch (cmd.kind) {
    case 'start':
      start(cmd).catch((e: Error) => send({ kind: 'failed', message: e.message }));
      break;
    case 'measure':
      measureFrom = cmd.from;
      break;
    case 'warmed':
      send({ kind: 'warmed', n: warmedCount });
      break;
    case 'report': {
      const sorted = latencies.slice(0, count).sort();
      const pct = (p: number) => (count ? sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)]! : NaN);
      send({ kind: 'report', delivered: count, wrong, errors, closedEarly, retries, closeCodes, firstWrong, p50: pct(50), p99: pct(99), max: pct(100), perViewer: Array.from(perViewer) });
      break;
    }
    case 'close':
      stopping = true;
      for (const s of sockets) s.terminate();
      process.disconnect();
      break;
  }
});
