import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTransport, LeanResponse } from './subgraph-http.js';

// The gateway's keep-alive client for subgraphs: same bytes out, whole answer in, sockets reused, and a stale
// kept-alive socket retried only for a query.
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

describe('httpTransport', () => {
  it('sends method, headers and body, reads the whole answer, and reuses one socket', async () => {
    const sockets = new Set<Socket>();
    const seen: Array<{ method?: string; viewer?: string; body: string }> = [];
    const url = await serve((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, viewer: req.headers['x-soulseer-viewer'] as string, body });
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-soulseer-viewer-independent', '1');
        res.end(JSON.stringify({ data: { echo: Buffer.byteLength(body), big: 'é'.repeat(100_000) } }));
      });
    });
    const send = httpTransport();
    try {
      for (let i = 0; i < 3; i++) {
        const r = await send(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-soulseer-viewer': `v${i}` }, body: '{"query":"{ é }"}' });
        expect(r.status).toBe(200);
        const lean = new LeanResponse(r);
        expect(lean.headers.get('X-Soulseer-Viewer-Independent')).toBe('1');
        const copy = lean.clone();
        const json = (await lean.json()) as { data: { echo: number; big: string } };
        expect(json.data.echo).toBe(Buffer.byteLength('{"query":"{ é }"}'));
        expect(json.data.big).toHaveLength(100_000);
        expect(lean.bodyUsed).toBe(true);
        await expect(lean.text()).rejects.toThrow();
        expect(await copy.text()).toContain('"echo"');
      }
      expect(seen.map((s) => s.viewer)).toEqual(['v0', 'v1', 'v2']);
      expect(seen.every((s) => s.method === 'POST' && s.body === '{"query":"{ é }"}')).toBe(true);
      expect(sockets.size).toBe(1);
    } finally {
      send.close();
    }
  });

  it('sends a query again when its kept-alive socket was reset, never a mutation', async () => {
    let requests = 0;
    let resetNext = false;
    const url = await serve((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        if (resetNext) {
          resetNext = false;
          req.socket.resetAndDestroy();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end('{"data":{}}');
      });
    });
    const send = httpTransport();
    try {
      const query = '{"query":"query Q__accounts__0{me{id}}"}';
      const mutation = '{"query":"mutation M__accounts__0{logout}"}';
      await send(url, { method: 'POST', headers: {}, body: query });
      resetNext = true;
      expect((await send(url, { method: 'POST', headers: {}, body: query })).status).toBe(200);
      expect(requests).toBe(3);
      await send(url, { method: 'POST', headers: {}, body: query });
      resetNext = true;
      await expect(send(url, { method: 'POST', headers: {}, body: mutation })).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(requests).toBe(5);
    } finally {
      send.close();
    }
  });
});
