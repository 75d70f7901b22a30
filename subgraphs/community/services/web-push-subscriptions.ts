import type { Context } from '../../../shared/context.js';
import { depsOf } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { badInput } from '../../../shared/errors.js';
import { transact } from '../../../shared/after-commit.js';

/** Longest push endpoint URL accepted (push services' URLs are a few hundred characters). */
export const MAX_ENDPOINT_LENGTH = 2048;
/** Subscriptions (browsers) one user keeps; registering one more drops the oldest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

export interface WebPushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const b64url = /^[A-Za-z0-9_-]+={0,2}$/;
const decoded = (value: string) => (b64url.test(value) ? Buffer.from(value.replace(/=+$/, ''), 'base64url') : null);

/** Checks a browser's PushSubscription: an https (http outside production) URL and the P-256 key and auth secret sizes. */
export function validateSubscription(input: WebPushSubscriptionInput, allowHttp: boolean): WebPushSubscriptionInput {
  const endpoint = input.endpoint.trim();
  if (endpoint.length === 0 || endpoint.length > MAX_ENDPOINT_LENGTH) throw badInput(`The endpoint must be 1 to ${MAX_ENDPOINT_LENGTH} characters.`, 'endpoint');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw badInput('The endpoint is not a URL.', 'endpoint');
  }
  if (!(url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) || url.username || url.password) {
    throw badInput('The endpoint must be an https URL without credentials.', 'endpoint');
  }
  const p256dh = input.keys.p256dh.trim();
  const auth = input.keys.auth.trim();
  const key = p256dh.length <= 100 ? decoded(p256dh) : null;
  if (!key || key.length !== 65 || key[0] !== 0x04) throw badInput('keys.p256dh must be the base64url uncompressed P-256 public key (65 bytes).', 'keys.p256dh');
  const secret = auth.length <= 40 ? decoded(auth) : null;
  if (!secret || secret.length !== 16) throw badInput('keys.auth must be the base64url 16-byte authentication secret.', 'keys.auth');
  return { endpoint, keys: { p256dh, auth } };
}

/**
 * Registers (or refreshes) the viewer's browser for web push. An endpoint is the browser's own secret URL, so one
 * registered again under another account moves to it (the browser now belongs to whoever signed in there). At most
 * MAX_SUBSCRIPTIONS_PER_USER per user: the oldest go.
 */
export async function registerWebPushSubscription(ctx: Context, input: WebPushSubscriptionInput): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const sub = validateSubscription(input, depsOf(ctx, 'community').webPush.allowHttpEndpoints);
  await transact(ctx, { service: 'community' }, async (tx) => {
    await tx.webPushSubscription.upsert({
      where: { endpoint: sub.endpoint },
      create: { userId: viewer.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth },
      update: { userId: viewer.id, p256dh: sub.keys.p256dh, auth: sub.keys.auth, createdAt: new Date() },
    });
    const stale = await tx.webPushSubscription.findMany({
      where: { userId: viewer.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: MAX_SUBSCRIPTIONS_PER_USER,
      select: { id: true },
    });
    if (stale.length) await tx.webPushSubscription.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  });
  return true;
}

/** Removes one of the viewer's subscriptions; false (and nothing changed) when the viewer has none with that endpoint. */
export async function unregisterWebPushSubscription(ctx: Context, endpoint: string): Promise<boolean> {
  const viewer = requireViewer(ctx);
  if (endpoint.length > MAX_ENDPOINT_LENGTH) throw badInput(`The endpoint must be at most ${MAX_ENDPOINT_LENGTH} characters.`, 'endpoint');
  const { count } = await ctx.prisma.webPushSubscription.deleteMany({ where: { endpoint: endpoint.trim(), userId: viewer.id } });
  return count > 0;
}
