import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { ClientKeepAlive } from './keep-alive.js';
import { nextPayload, nextPrefix, sendNextFrames } from './ws-frames.js';

// The gateway's keep-alive pings to its graphql-ws clients: a client that answers stays, one that does not is
// terminated, and a socket the fan-out writes to gets its pings inside those writes (no ping write of its own).

const INTERVAL = 150;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const keepAlive = new ClientKeepAlive(wss, INTERVAL);
  cleanups.push(() => new Promise<void>((r) => (keepAlive.close(), wss.close(() => r()))));
  return wss;
}

/** A client (answering pings unless `autoPong: false`) and the server's side of its socket. */
async function connect(wss: WebSocketServer, autoPong = true) {
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { autoPong });
  cleanups.push(() => void client.terminate());
  const pings: number[] = [];
  const received: string[] = [];
  client.on('ping', () => pings.push(Date.now()));
  client.on('message', (data) => received.push(String(data)));
  const closed = new Promise<number>((r) => client.once('close', (code) => r(code)));
  const socket = await accepted;
  await new Promise((r) => (client.readyState === WebSocket.OPEN ? r(null) : client.once('open', r)));
  return { client, socket, pings, received, closed };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('client keep-alive (keep-alive.ts)', () => {
  it('pings every socket each interval and keeps the ones that answer', async () => {
    const wss = await server();
    const a = await connect(wss);
    const b = await connect(wss);
    await sleep(INTERVAL * 5);
    expect(a.client.readyState).toBe(WebSocket.OPEN);
    expect(b.client.readyState).toBe(WebSocket.OPEN);
    expect(a.pings.length).toBeGreaterThanOrEqual(3);
    expect(b.pings.length).toBeGreaterThanOrEqual(3);
  });

  it('terminates a client that does not answer its ping, not the one that does', async () => {
    const wss = await server();
    const silent = await connect(wss, false);
    const answering = await connect(wss);
    expect(await silent.closed).toBe(1006); // terminated: no close frame
    expect(silent.pings.length).toBeGreaterThanOrEqual(1);
    expect(answering.client.readyState).toBe(WebSocket.OPEN);
  });

  it('carries the ping of a socket the fan-out writes to inside those writes', async () => {
    // The keep-alive's timer advanced by hand: a write after every tick, as a busy stream's writes come.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    cleanups.push(() => void vi.useRealTimers());
    const wss = await server();
    const c = await connect(wss);
    let ownPings = 0;
    const ping = c.socket.ping.bind(c.socket);
    c.socket.ping = (...args: Parameters<WebSocket['ping']>) => (ownPings++, ping(...args));
    const p = nextPayload('{"data":{"n":1}}');
    const prefix = nextPrefix('1');
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(INTERVAL / 10);
      sendNextFrames(c.socket, prefix, [p]);
      await sleep(1);
    }
    await sleep(20);
    expect(c.pings.length).toBeGreaterThanOrEqual(3);
    expect(ownPings).toBe(0);
    expect(c.client.readyState).toBe(WebSocket.OPEN);
    // The frames around the pings arrived whole.
    expect(c.received).toEqual(Array(40).fill('{"id":"1","type":"next","payload":{"data":{"n":1}}}'));
  });

  it('pings on its own a socket that nothing was written to since its turn', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    cleanups.push(() => void vi.useRealTimers());
    const wss = await server();
    const c = await connect(wss);
    for (let i = 0; i < 25; i++) {
      vi.advanceTimersByTime(INTERVAL / 10);
      await sleep(1);
    }
    await sleep(20);
    expect(c.pings.length).toBeGreaterThanOrEqual(2);
    expect(c.client.readyState).toBe(WebSocket.OPEN);
  });
});
