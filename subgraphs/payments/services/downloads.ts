import { createHmac, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Context } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { badInput, conflict, notFound } from '../../../shared/errors.js';
import { paymentsDeps } from '../deps.js';

/**
 * Digital delivery. `downloadLink(orderItemId)` gives the BUYER of a paid digital line a link
 * `/downloads/<linkId>.<expiresEpoch>.<hmac>` on the gateway's origin: the HMAC-SHA256 (config secret) covers the
 * id and the expiry, so a tampered or forged link is refused before the database is asked; each GET counts one use
 * in `download_links` with a conditional UPDATE (uses < max_uses AND not expired), so a shared link works at most
 * max_uses times. The file comes from the FileStorage (file-storage.ts). Refusals are JSON: 403 (forged,
 * tampered, unknown, order no longer paid), 410 (expired, used up), 404 (file missing).
 */
export interface DownloadsConfig {
  secret: string;
  ttlSeconds: number;
  maxUses: number;
}

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** The token of a link (exported for tests that need an expired one signed with their own configuration). */
export function signDownloadToken(secret: string, linkId: string, expiresAt: Date): string {
  const payload = `${linkId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(secret, payload)}`;
}

export async function createDownloadLink(ctx: Context, orderItemId: string) {
  const viewer = requireViewer(ctx);
  const { downloads } = paymentsDeps(ctx);
  const item = await ctx.prisma.orderItem.findUnique({ where: { id: orderItemId }, include: { order: true, product: { select: { type: true, fileUrl: true } } } });
  // Only the buyer: another user's line (even the seller's view of it) is not theirs to download.
  if (!item || item.order.clientId !== viewer.id) throw notFound('Order item');
  if (item.product.type !== 'DIGITAL' || !item.product.fileUrl) throw badInput('Only digital products are downloaded.', 'orderItemId');
  if (!['PAID', 'SHIPPED', 'DELIVERED'].includes(item.order.status)) throw conflict(`An order that is ${item.order.status} has no downloads.`, { status: item.order.status });
  const expiresAt = new Date(Date.now() + downloads.ttlSeconds * 1000);
  const link = await ctx.prisma.downloadLink.create({ data: { orderItemId, userId: viewer.id, expiresAt, maxUses: downloads.maxUses } });
  return { url: `/downloads/${signDownloadToken(downloads.secret, link.id, expiresAt)}`, expiresAt, maxUses: link.maxUses };
}

export type DownloadOutcome =
  | { status: 403 | 404 | 410; body: { error: string; message: string } }
  | { status: 200; fileName: string; size: number; stream: Readable };

const refuse = (status: 403 | 404 | 410, error: string, message: string): DownloadOutcome => ({ status, body: { error, message } });

/** GET /downloads/:token (payments' route, reached through the gateway's origin). */
export async function serveDownload(ctx: Context, token: string): Promise<DownloadOutcome> {
  const { downloads, files } = paymentsDeps(ctx);
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 300) return refuse(403, 'INVALID_LINK', 'This download link is not valid.');
  const [linkId, exp, mac] = parts as [string, string, string];
  const expected = Buffer.from(sign(downloads.secret, `${linkId}.${exp}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(403, 'INVALID_LINK', 'This download link is not valid.');
  if (!/^\d{1,12}$/.test(exp) || Number(exp) * 1000 <= Date.now()) return refuse(410, 'LINK_EXPIRED', 'This download link has expired; ask for a new one.');
  const link = await ctx.prisma.downloadLink.findUnique({ where: { id: linkId }, include: { orderItem: { include: { order: { select: { status: true } }, product: { select: { fileUrl: true } } } } } });
  if (!link) return refuse(403, 'INVALID_LINK', 'This download link is not valid.');
  if (!['PAID', 'SHIPPED', 'DELIVERED'].includes(link.orderItem.order.status)) return refuse(403, 'ORDER_NOT_PAID', 'This order was cancelled or refunded.');
  const key = link.orderItem.product.fileUrl;
  const size = key ? await files.size(key) : null;
  if (!key || size == null) return refuse(404, 'FILE_MISSING', 'The file is not available; contact support.');
  const used = await ctx.prisma.downloadLink.updateMany({ where: { id: link.id, uses: { lt: link.maxUses }, expiresAt: { gt: new Date() } }, data: { uses: { increment: 1 } } });
  if (used.count === 0) return refuse(410, 'LINK_USED_UP', `This download link was used ${link.maxUses} times; ask for a new one.`);
  return { status: 200, fileName: path.basename(key), size, stream: files.open(key) };
}
