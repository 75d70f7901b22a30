import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { encodeNextFrames, nextPayload, nextPrefix, sendNextFrames } from './ws-frames.js';

// The fan-out writes graphql-ws `next` frames it encoded itself (shared payload bytes, a per-subscriber prefix):
// a real `ws` client must read exactly the messages graphql-ws would have sent, whatever the sizes and characters.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pair(): Promise<{ server: WebSocket; client: WebSocket; received: string[]; arrived(n: number): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  cleanups.push(() => new Promise<void>((r) => (client.terminate(), wss.close(() => r()))));
  const received: string[] = [];
  const waiters: Array<() => void> = [];
  client.on('message', (data, binary) => {
    received.push(binary ? '<binary>' : String(data));
    waiters.splice(0).forEach((w) => w());
  });
  const server = await accepted;
  await new Promise((r) => (client.readyState === WebSocket.OPEN ? r(null) : client.once('open', r)));
  const arrived = async (n: number) => {
    while (received.length < n) await new Promise<void>((r) => waiters.push(r));
  };
  return { server, client, received, arrived };
}

const message = (id: string, json: string) => JSON.stringify({ id, type: 'next', payload: JSON.parse(json) as unknown });

describe('pre-encoded graphql-ws next frames (ws-frames.ts)', () => {
  it('arrive as the exact messages, in order, across every frame length form and with multi-byte characters', async () => {
    const { server, received, arrived } = await pair();
    const text = (n: number) => JSON.stringify({ data: { streamEvents: { message: 'é✓🌙'.repeat(n) } } });
    // 7-bit, 16-bit and 64-bit payload lengths (RFC 6455), and the boundaries between them.
    const jsons = [text(0), text(20), text(10), text(7_000), text(9_400), text(20_000)];
    const payloads = jsons.map(nextPayload);
    const id = 'op "1" ✓';
    sendNextFrames(server, nextPrefix(id), payloads.slice(0, 3));
    sendNextFrames(server, nextPrefix(id), payloads.slice(3));
    await arrived(jsons.length);
    expect(received).toEqual(jsons.map((j) => message(id, j)));
    for (const m of received) expect(JSON.parse(m)).toMatchObject({ id, type: 'next' });
  });

  it('give every subscriber its own id around the same payload bytes', async () => {
    const a = await pair();
    const b = await pair();
    const payload = nextPayload('{"data":{"streamEvents":{"__typename":"StreamGiftEvent","id":"g1"}}}');
    sendNextFrames(a.server, nextPrefix('a-1'), [payload]);
    sendNextFrames(b.server, nextPrefix('b-2'), [payload]);
    await Promise.all([a.arrived(1), b.arrived(1)]);
    expect(a.received).toEqual([message('a-1', payload.json)]);
    expect(b.received).toEqual([message('b-2', payload.json)]);
  });

  it('give each of many subscribers of one list its own id, whatever the id lengths (the frames reused across them)', async () => {
    const ids = ['1', '22', 'x', 'op-✓', '333', '22'];
    const subscribers = await Promise.all(ids.map(() => pair()));
    const text = (n: number) => JSON.stringify({ data: { streamEvents: { message: 'é✓'.repeat(n) } } });
    const list = [text(1), text(30), text(12_000)].map(nextPayload);
    subscribers.forEach((s, i) => sendNextFrames(s.server, nextPrefix(ids[i]!), list));
    // Another list after it: nothing of the first one's frames is reused.
    const next = [nextPayload('{"data":{"n":3}}')];
    subscribers.forEach((s, i) => sendNextFrames(s.server, nextPrefix(ids[i]!), next));
    await Promise.all(subscribers.map((s) => s.arrived(4)));
    subscribers.forEach((s, i) => expect(s.received).toEqual([...list, ...next].map((p) => message(ids[i]!, p.json))));
  });

  it('interleave with ws\'s own sends and pings without corrupting either', async () => {
    const { server, client, received, arrived } = await pair();
    const pongs: number[] = [];
    client.on('ping', () => pongs.push(1));
    const p = nextPayload('{"data":{"n":1}}');
    server.send('{"type":"ping"}');
    sendNextFrames(server, nextPrefix('x'), [p, p]);
    server.ping();
    server.send('{"type":"complete","id":"x"}');
    await arrived(4);
    expect(received).toEqual(['{"type":"ping"}', message('x', p.json), message('x', p.json), '{"type":"complete","id":"x"}']);
    expect(pongs).toEqual([1]);
  });

  it('fall back to ws\'s send while ws is in the middle of a fragmented message', async () => {
    const { server, received, arrived } = await pair();
    const p = nextPayload('{"data":{"n":2}}');
    server.send('{"type":', { fin: false });
    // Written through ws, it becomes the open message's last fragment (a frame of its own there would be a protocol
    // error and the client would close the connection).
    sendNextFrames(server, nextPrefix('y'), [p]);
    server.send('"end"}');
    await arrived(2);
    expect(received).toEqual([`{"type":${message('y', p.json)}`, '"end"}']);
  });

  it('encode one buffer holding every frame', () => {
    const frames = encodeNextFrames(nextPrefix('1'), [nextPayload('{}'), nextPayload('{"a":1}')]);
    const first = `{"id":"1","type":"next","payload":{}}`;
    const second = `{"id":"1","type":"next","payload":{"a":1}}`;
    expect(frames.length).toBe(2 + first.length + 2 + second.length);
    expect(frames[0]).toBe(0x81);
    expect(frames[1]).toBe(first.length);
    expect(frames.subarray(2, 2 + first.length).toString()).toBe(first);
    expect(frames.subarray(4 + first.length).toString()).toBe(second);
  });
});
