import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { IdentityService } from './identity.js';
import { UpstreamPool } from './subscription-upstream.js';

// A subgraph that accepts the gateway's socket and its operations but then hangs: it never answers the
// keep-alive ping. The pool must notice (pong timeout), try again within the recovery window, and then end the
// operation with `unavailable()` — never hang silently, even though every reconnect itself succeeds.
async function hangingSubgraph() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const connections: WebSocket[] = [];
  const closes: number[] = [];
  let subscribes = 0;
  wss.on('connection', (socket) => {
    connections.push(socket);
    socket.on('close', (code) => closes.push(code));
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string };
      if (m.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
      if (m.type === 'subscribe') subscribes++;
      // `ping`: no pong, ever.
    });
  });
  return {
    url: () => `http://127.0.0.1:${(wss.address() as AddressInfo).port}/graphql`,
    connections,
    closes,
    subscribes: () => subscribes,
    close: () => new Promise<void>((r) => {
      for (const c of connections) c.terminate();
      wss.close(() => r());
    }),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('UpstreamPool keep-alive', () => {
  it('closes a socket whose subgraph stops answering pings and ends the operation after the recovery window', async () => {
    const sub = await hangingSubgraph();
    cleanups.push(sub.close);
    const identity = new IdentityService('j'.repeat(32), 'g'.repeat(32));
    const pool = new UpstreamPool({ hanging: sub.url() }, identity, { recoveryWindowMs: 1500, keepAliveMs: 100, pongTimeoutMs: 150 });
    cleanups.push(() => pool.dispose());
    const started = Date.now();
    const outcome = await new Promise<{ how: string; after: number }>((resolve) => {
      pool.subscribe(
        'hanging',
        { query: 'subscription { ticks }', variables: {}, signIdentity: () => identity.forward(null, null, null) },
        {
          next: () => resolve({ how: 'next', after: Date.now() - started }),
          complete: () => resolve({ how: 'complete', after: Date.now() - started }),
          unavailable: () => resolve({ how: 'unavailable', after: Date.now() - started }),
        },
      );
    });
    expect(outcome.how).toBe('unavailable');
    // Within the recovery window plus a last pong timeout and backoff, not never.
    expect(outcome.after).toBeGreaterThanOrEqual(1500);
    expect(outcome.after).toBeLessThan(6000);
    // The pool closed the silent sockets itself (4408) and resubscribed on the new ones meanwhile.
    expect(sub.closes.filter((c) => c === 4408).length).toBeGreaterThanOrEqual(1);
    expect(sub.subscribes()).toBeGreaterThanOrEqual(2);
  });
});
