import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSecret } from '../../shared/config.js';
import { signDownloadToken } from '../../subgraphs/payments/services/downloads.js';
import { CancelOrderDocument, DownloadLinkDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';
import { order, product } from './shop-fixtures.js';

let fed: TestFederation;
let seed: Seed;
let dir: string;
let reader: TestUser;
const secret = randomSecret();
const CONTENT = 'The full moon ritual, page 1.\n';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'soulseer-files-'));
  await mkdir(path.join(dir, 'guides'));
  await writeFile(path.join(dir, 'guides', 'moon.pdf'), CONTENT);
  fed = await startTestFederation({ config: { downloads: { secret, ttlSeconds: 86_400, maxUses: 2, filesDir: dir } } });
  seed = createSeed(fed);
  reader = await seed.reader().create();
});
afterAll(async () => {
  await fed?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A buyer's paid order of a digital product, and its line id. */
async function bought(fileKey = 'guides/moon.pdf') {
  const buyer = await seed.client().withCredit(5000).create();
  const item = await product(fed, reader, { type: 'DIGITAL', priceCents: 900, fileKey });
  const placed = (await order(fed, buyer, [{ productId: item.id }])).data!.placeOrder.order;
  return { buyer, order: placed, lineId: placed.items[0]!.id };
}
const get = (url: string) => fetch(new URL(url, fed.url));
const link = async (lineId: string, token: string) => {
  const res = await fed.run(DownloadLinkDocument, { orderItemId: lineId }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.downloadLink;
};

describe('digital delivery', () => {
  it('the buyer gets a signed link that expires in 24 h; the gateway origin serves the file, counting each use', async () => {
    const { buyer, lineId } = await bought();
    const l = await link(lineId, buyer.token);
    expect(l.url).toMatch(/^\/downloads\/[^/]+$/);
    expect(Math.abs(new Date(l.expiresAt).getTime() - Date.now() - 86_400_000)).toBeLessThan(120_000);
    expect(l.maxUses).toBe(2);
    const first = await get(l.url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toContain('moon.pdf');
    expect(await first.text()).toBe(CONTENT);
    expect((await get(l.url)).status).toBe(200);
    // Used up: 410 with a JSON error.
    const third = await get(l.url);
    expect(third.status).toBe(410);
    expect(await third.json()).toMatchObject({ error: 'LINK_USED_UP' });
  });

  it('refuses a tampered link, a forged one and an expired one, with JSON errors', async () => {
    const { buyer, lineId } = await bought();
    const l = await link(lineId, buyer.token);
    const token = l.url.split('/').pop()!;
    const [id, exp, mac] = token.split('.') as [string, string, string];
    const later = String(Number(exp) + 86_400 * 30);
    for (const bad of [`${id}.${later}.${mac}`, `${id}.${exp}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`, `${id}x.${exp}.${mac}`, 'garbage', signDownloadToken(randomSecret(), id, new Date(Date.now() + 3600_000))]) {
      const res = await get(`/downloads/${bad}`);
      expect(res.status, bad).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'INVALID_LINK' });
    }
    const expired = await get(`/downloads/${signDownloadToken(secret, id, new Date(Date.now() - 1000))}`);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ error: 'LINK_EXPIRED' });
    // None of these spent a use of the real link.
    expect((await get(l.url)).status).toBe(200);
  });

  it('another buyer or the seller cannot get a link for someone else\'s line; a cancelled order\'s links stop working', async () => {
    const { buyer, order: placed, lineId } = await bought();
    const stranger = await seed.client().create();
    expect(errorCode(await fed.run(DownloadLinkDocument, { orderItemId: lineId }, stranger.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(DownloadLinkDocument, { orderItemId: lineId }, reader.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(DownloadLinkDocument, { orderItemId: lineId }, null))).toBe('UNAUTHENTICATED');
    const l = await link(lineId, buyer.token);
    expect((await fed.run(CancelOrderDocument, { orderId: placed.id }, buyer.token)).data!.cancelOrder.status).toBe('CANCELLED');
    const res = await get(l.url);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'ORDER_NOT_PAID' });
    expect(errorCode(await fed.run(DownloadLinkDocument, { orderItemId: lineId }, buyer.token))).toBe('CONFLICT');
  });

  it('a missing file is a 404 JSON error', async () => {
    const { buyer, lineId } = await bought('guides/missing.pdf');
    const res = await get((await link(lineId, buyer.token)).url);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'FILE_MISSING' });
  });
});
