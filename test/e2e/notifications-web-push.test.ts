import { createECDH, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterWebPushSubscriptionDocument as Register, UnregisterWebPushSubscriptionDocument as Unregister, VapidPublicKeyDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed } from '../helpers/seed.js';
import { eventually } from './subscriptions-fixtures.js';
import type { NotifyInput } from '../../shared/ports.js';

interface PushRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A local push service: records every request; the path's last segment picks the answer (201 or 410). */
let server: http.Server;
let base: string;
const received: PushRequest[] = [];
const vapid = webPush.generateVAPIDKeys();
let fed: TestFederation;
let seed: Seed;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = req.url?.endsWith('/gone') ? 410 : 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fed = await startTestFederation({
    config: { webPush: { publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: 'mailto:ops@soulseer.test', allowHttpEndpoints: true } },
  });
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

/** What a browser's pushManager.subscribe() gives: an endpoint and its P-256 key and auth secret. */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
}
const notify = (input: NotifyInput) => fed.db.prisma.$transaction((tx) => fed.runtime.notifications!.notify(tx, input));
const deliveryOf = async (notificationId: string) =>
  (await fed.db.sql<{ status: string; last_error: string | null }>(
    `SELECT status, last_error FROM notification_deliveries WHERE notification_id = $1 AND channel = 'WEB_PUSH'`,
    [notificationId],
  ))[0]!;
const subscriptionsOf = async (userId: string) =>
  (await fed.db.sql<{ endpoint: string }>(`SELECT endpoint FROM web_push_subscriptions WHERE user_id = $1 ORDER BY endpoint`, [userId])).map((r) => r.endpoint);

describe('web push', () => {
  it('gives clients the VAPID public key', async () => {
    expect((await fed.run(VapidPublicKeyDocument, {}, null)).data!.vapidPublicKey).toBe(vapid.publicKey);
  });

  it('sends an encrypted, VAPID-signed push to the user\'s browser and removes a subscription the push service says is gone', async () => {
    const user = await seed.client().create();
    const other = await seed.client().create();
    const live = browserSubscription(`${base}/push/${user.id}/live`);
    const gone = browserSubscription(`${base}/push/${user.id}/gone`);
    for (const sub of [live, gone]) {
      const res = await fed.run(Register, { input: sub }, user.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerWebPushSubscription).toBe(true);
    }
    await fed.run(Register, { input: browserSubscription(`${base}/push/${other.id}/live`) }, other.token);

    const id = (await notify({ userId: user.id, kind: 'REVIEW_RECEIVED', title: 'Secret title', body: 'Five stars from Ann' }))!;
    expect((await eventually(() => deliveryOf(id), (d) => d.status !== 'PENDING', 30_000)).status).toBe('SENT');

    const toUser = received.filter((r) => r.path.startsWith(`/push/${user.id}/`));
    expect(toUser.map((r) => r.path).sort()).toEqual([`/push/${user.id}/gone`, `/push/${user.id}/live`]);
    expect(received.some((r) => r.path.startsWith(`/push/${other.id}/`))).toBe(false);
    for (const r of toUser) {
      expect(r.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`));
      const claims = JSON.parse(Buffer.from(r.headers.authorization!.split(/[ =,.]/)[3]!, 'base64url').toString()) as { aud: string; sub: string; exp: number };
      expect(claims).toMatchObject({ aud: base, sub: 'mailto:ops@soulseer.test' });
      expect(r.headers['content-encoding']).toBe('aes128gcm');
      expect(Number(r.headers.ttl)).toBeGreaterThan(0);
      expect(r.body.length).toBeGreaterThan(86); // aes128gcm header (86 bytes with the key) + ciphertext
      expect(r.body.toString('latin1')).not.toContain('Secret title');
      expect(r.body.toString('latin1')).not.toContain('Five stars');
    }
    // 410 Gone: that browser unsubscribed; the subscription is removed, the live one stays.
    expect(await eventually(() => subscriptionsOf(user.id), (e) => e.length < 2, 30_000)).toEqual([live.endpoint]);
  });

  it('marks the push delivery SKIPPED, with the reason, for a user without a subscription', async () => {
    const user = await seed.client().create();
    const id = (await notify({ userId: user.id, kind: 'REVIEW_RECEIVED', title: 't', body: 'b' }))!;
    expect(await eventually(() => deliveryOf(id), (d) => d.status !== 'PENDING', 30_000)).toEqual({ status: 'SKIPPED', last_error: 'no web push subscription' });
  });

  it('lets a user remove only their own subscription', async () => {
    const owner = await seed.client().create();
    const thief = await seed.client().create();
    const sub = browserSubscription(`${base}/push/${owner.id}/mine`);
    await fed.run(Register, { input: sub }, owner.token);
    const attempt = await fed.run(Unregister, { endpoint: sub.endpoint }, thief.token);
    expect(attempt.errors).toBeUndefined();
    expect(attempt.data!.unregisterWebPushSubscription).toBe(false);
    expect(await subscriptionsOf(owner.id)).toEqual([sub.endpoint]);
    expect(errorCode(await fed.run(Unregister, { endpoint: sub.endpoint }, null))).toBe('UNAUTHENTICATED');
    expect((await fed.run(Unregister, { endpoint: sub.endpoint }, owner.token)).data!.unregisterWebPushSubscription).toBe(true);
    expect(await subscriptionsOf(owner.id)).toEqual([]);
  });

  it('refuses malformed subscriptions with BAD_USER_INPUT and stores nothing', async () => {
    const user = await seed.client().create();
    const good = browserSubscription(`${base}/push/${user.id}/x`);
    const bad = [
      { ...good, endpoint: 'not a url' },
      { ...good, endpoint: 'ftp://push.example/x' },
      { ...good, endpoint: `https://push.example/${'a'.repeat(2100)}` },
      { ...good, endpoint: 'https://user:pw@push.example/x' },
      { ...good, keys: { ...good.keys, p256dh: randomBytes(65).toString('base64url') } },
      { ...good, keys: { ...good.keys, p256dh: 'x'.repeat(5000) } },
      { ...good, keys: { ...good.keys, auth: randomBytes(8).toString('base64url') } },
      { ...good, keys: { ...good.keys, auth: '!!!' } },
    ];
    for (const input of bad) expect(errorCode(await fed.run(Register, { input }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(Register, { input: good }, null))).toBe('UNAUTHENTICATED');
    expect(await subscriptionsOf(user.id)).toEqual([]);
  });
});
