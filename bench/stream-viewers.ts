// Child process of bench/stream.bench.ts: the stream's viewers, each a graphql-transport-ws connection with one
// subscription, written to cost as little CPU per delivered message as a correct client can, so that 10,000 of them
// on the same 2 cores as the gateway measure the gateway rather than themselves (with `ws` + JSON.parse per message
// they used 70 s of CPU in a 93 s gift phase at 10,000 viewers). See bench/stream-client.ts for the WebSocket client
// (`net` sockets reading into one shared buffer, frames scanned in place, no per-message objects).
//
// Every message is still checked. A `next` must be exactly `{"id":"<this viewer's operation id>","type":"next",
// "payload":<P>}`; its gift id is found by a byte scan of P and P is compared byte for byte with the first P seen for
// that gift, which was parsed with JSON.parse and checked once (the event's `id` is that gift id, `createdAt` parses,
// `sender.displayName` is present, no `errors`). A P that differs is parsed and checked on its own. Each gift gets a
// number when first seen and each viewer a byte per gift number: a gift a viewer already had is wrong (a duplicate),
// and every measured gift counts its viewers (a gift some viewer lacks shows in the report). Order is not checked
// (a viewer that missed gift A and is the first to see B would misplace every other viewer). Any other
// message is parsed as JSON. Latency is kept as a 1 ms histogram (no per-message allocation, no sort).
//
// Parent → child messages: { kind: 'start', wsUrl, query, variables, viewers: [{ id, token }], senderName },
// { kind: 'measure', from } (events created from `from` on are measured), { kind: 'warmed' }, { kind: 'progress' },
// { kind: 'report' }, { kind: 'close' }. Child → parent: { kind: 'connected', n }, { kind: 'warmed', n },
// { kind: 'progress', delivered, wrong, giftsSeen, giftsShort }, { kind: 'report', ... }, { kind: 'failed', message }.
import { connectViewer, type ViewerConnection } from './stream-client.js';

interface Start {
  kind: 'start';
  wsUrl: string;
  query: string;
  variables: Record<string, unknown>;
  viewers: Array<{ id: string; token: string }>;
  senderName: boolean;
}
type Command = Start | { kind: 'measure'; from: number } | { kind: 'warmed' } | { kind: 'progress' } | { kind: 'report' } | { kind: 'close' };

interface Gift {
  /** The first payload text seen for this gift (checked), as bytes. */
  bytes: Buffer;
  created: number;
  /** WRONG when that payload failed the checks. */
  verdict: number;
  seq: number;
  /** Viewers that received it (measured gifts only). */
  viewers: number;
}

const WRONG = -1;
const HISTOGRAM_MS = 600_000;
const histogram = new Uint32Array(HISTOGRAM_MS + 1);
const connections: ViewerConnection[] = [];
const gifts = new Map<string, Gift>();
const ID_FIELD = Buffer.from('"id":"');
const QUOTE = 0x22;
let seq = 0;
let measureFrom = Infinity;
let count = 0;
let wrong = 0;
let errors = 0;
let closedEarly = 0;
let retries = 0;
const closeCodes: Record<string, number> = {};
let firstWrong = '';
let perViewer = new Uint32Array(0);
/** seen[viewer * capacity + gift number]: 1 once that viewer had that gift. */
let seen = new Uint8Array(0);
let capacity = 0;
let warmed = new Uint8Array(0);
let warmedCount = 0;
let senderName = true;
let stopping = false;

const send = (m: unknown) => process.send!(m);

function markWrong(text: string) {
  wrong++;
  if (!firstWrong) firstWrong = text.slice(0, 300);
}

type Payload = { data?: { streamEvents?: { id?: string; createdAt: string; sender?: { displayName?: string } } }; errors?: unknown[] } | undefined;

/** A `next` payload's gift creation time (ms), or WRONG; `id`, when given, must be the event's id. */
function check(text: string, id?: string): number {
  let payload: Payload;
  try {
    payload = JSON.parse(text) as Payload;
  } catch {
    return WRONG;
  }
  const ev = payload?.data?.streamEvents;
  if (!ev || payload!.errors || (id !== undefined && ev.id !== id) || (senderName && !ev.sender?.displayName?.startsWith('Viewer '))) return WRONG;
  const created = Date.parse(ev.createdAt);
  return Number.isFinite(created) ? created : WRONG;
}

/** A gift `next` for viewer `index`: its payload P is data[from, to). */
function onGift(index: number, data: Buffer, from: number, to: number, now: number) {
  const at = data.indexOf(ID_FIELD, from);
  const end = at < 0 || at >= to ? -1 : data.indexOf(QUOTE, at + ID_FIELD.length);
  if (end < 0 || end >= to) {
    // Not a gift event (an error payload, say): checked on its own, and it has no gift to count.
    const text = data.toString('utf8', from, to);
    if (check(text) === WRONG) markWrong(text);
    else markWrong(`no gift id: ${text}`);
    return;
  }
  const id = data.toString('latin1', at + ID_FIELD.length, end);
  let gift = gifts.get(id);
  if (!gift) {
    const text = data.toString('utf8', from, to);
    const verdict = check(text, id);
    gift = { bytes: Buffer.from(data.subarray(from, to)), created: verdict, verdict, seq: seq++, viewers: 0 };
    if (seq > capacity) grow();
    gifts.set(id, gift);
    if (verdict === WRONG && !firstWrong) firstWrong = text.slice(0, 300);
  }
  if (gift.verdict === WRONG) {
    wrong++;
    return;
  }
  if (gift.bytes.length !== to - from || data.compare(gift.bytes, 0, gift.bytes.length, from, to) !== 0) {
    // The same gift in other bytes: checked on its own.
    const text = data.toString('utf8', from, to);
    if (check(text, id) === WRONG) return markWrong(text);
  }
  const slot = index * capacity + gift.seq;
  if (seen[slot]) return markWrong(`gift ${id} twice for viewer ${index}`);
  seen[slot] = 1;
  if (gift.created < measureFrom) {
    if (!warmed[index]) {
      warmed[index] = 1;
      warmedCount++;
    }
    return;
  }
  const ms = now - gift.created;
  histogram[ms < 0 ? 0 : ms > HISTOGRAM_MS ? HISTOGRAM_MS : ms]!++;
  count++;
  perViewer[index]!++;
  gift.viewers++;
}

/** Room for twice as many gift numbers per viewer. */
function grow() {
  const viewers = perViewer.length;
  const next = new Uint8Array(viewers * capacity * 2 || viewers * 1024);
  for (let v = 0; v < viewers; v++) next.set(seen.subarray(v * capacity, (v + 1) * capacity), v * (capacity * 2 || 1024));
  capacity = capacity * 2 || 1024;
  seen = next;
}

async function start(cmd: Start) {
  senderName = cmd.senderName;
  const n = cmd.viewers.length;
  perViewer = new Uint32Array(n);
  grow();
  warmed = new Uint8Array(n);
  const url = new URL(cmd.wsUrl);
  let connected = 0;
  for (let i = 0; i < n; i += 100) {
    const batch = cmd.viewers.slice(i, i + 100);
    await Promise.all(
      batch.map(
        (v, j) =>
          new Promise<void>((resolve, reject) => {
            const index = i + j;
            const opId = `w${index}`;
            let acked = false;
            let attempts = 0;
            const connect = () => {
              const c = connectViewer({
                host: url.hostname,
                port: Number(url.port),
                path: url.pathname,
                opId,
                init: { authorization: `Bearer ${v.token}` },
                subscribe: { query: cmd.query, variables: cmd.variables },
                onAck: () => {
                  acked = true;
                  connected++;
                  resolve();
                },
                onNext: (data, from, to, now) => onGift(index, data, from, to, now),
                onOther: (text, type) => {
                  if (type === 'error' || type === 'complete') errors++;
                  else markWrong(text);
                },
                onClose: (code, reason) => {
                  if (stopping) return;
                  // Refused or dropped before connection_ack (the gateway's init timeout or identity check under a
                  // loaded box): a real client reconnects; counted, and given up after 5 attempts.
                  if (!acked && ++attempts < 5) {
                    retries++;
                    setTimeout(connect, 1000 * attempts);
                    return;
                  }
                  closedEarly++;
                  const key = `${code} ${reason.slice(0, 60)}`;
                  closeCodes[key] = (closeCodes[key] ?? 0) + 1;
                  reject(new Error(`closed ${code} ${reason}`));
                },
              });
              connections.push(c);
            };
            connect();
          }),
      ),
    );
    send({ kind: 'connected', n: connected });
  }
}

function percentile(p: number): number {
  if (!count) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * count));
  let seen = 0;
  for (let ms = 0; ms <= HISTOGRAM_MS; ms++) {
    seen += histogram[ms]!;
    if (seen >= rank) return ms;
  }
  return HISTOGRAM_MS;
}

/** Measured gifts seen, and how many of them some viewer has not had (yet). */
function giftCounts(): { giftsSeen: number; giftsShort: number } {
  const measured = [...gifts.values()].filter((g) => g.verdict !== WRONG && g.created >= measureFrom);
  return { giftsSeen: measured.length, giftsShort: measured.filter((g) => g.viewers < perViewer.length).length };
}

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
    case 'progress':
      send({ kind: 'progress', delivered: count, wrong, ...giftCounts() });
      break;
    case 'report':
      send({ kind: 'report', delivered: count, wrong, errors, closedEarly, retries, closeCodes, firstWrong, p50: percentile(50), p99: percentile(99), max: percentile(100), perViewer: Array.from(perViewer), ...giftCounts() });
      break;
    case 'close':
      stopping = true;
      for (const c of connections) c.destroy();
      process.disconnect();
      break;
  }
});
