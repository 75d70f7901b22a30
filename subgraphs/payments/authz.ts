import type { Prisma } from '../../shared/db/generated/client.js';
import type { Viewer } from '../../shared/context.js';
import { assertAllowed, hasAdminPermission, hasRole, isAdmin } from '../../shared/authz.js';
import { isMoneyLimited } from '../../shared/admin-permissions.js';
import { forbidden, unauthenticated } from '../../shared/errors.js';

/**
 * Who may do what with money: one rule per domain action, used by the schema (authScopes, resolvers) and by the
 * services (which assert the same rule, so a service called from elsewhere refuses as its field would). Background
 * work (jobs, webhooks) calls the unchecked inner functions with no viewer.
 */
type Who = Viewer | null | undefined;

/** Any signed-in user has a wallet: see it, its top-ups, its transactions and updates; top up; set auto-reload. */
export const canUseWallet = (viewer: Who): boolean => !!viewer;

/**
 * Whose money a viewer asks about: their own (no userId, or their own id), or, for admins only, anyone's.
 * Anyone else: FORBIDDEN.
 */
export function moneyOwnerFor(viewer: Who, userId: string | null | undefined): string {
  if (!viewer) throw unauthenticated('You must be signed in to do this.');
  if (!userId || userId === viewer.id) return viewer.id;
  if (!isAdmin(viewer)) throw forbidden('You can only see your own money.');
  return userId;
}

/** Only admins with LEDGER_AUDIT (finance, super-admins) see every transaction of the ledger at once. */
export function assertCanViewWholeLedger(viewer: Who): void {
  if (!hasAdminPermission(viewer, 'LEDGER_AUDIT')) throw forbidden('Only finance admins see the whole ledger.');
}

/** Readers see their own earnings and payouts; admins everyone's. */
export const canViewEarnings = (viewer: Who): boolean => hasRole(viewer, 'READER', 'ADMIN');

/** The payouts a viewer may list: an admin all (or one reader's), a reader only their own. */
export function payoutsVisibleTo(viewer: Who, readerId: string | null | undefined): Prisma.PayoutWhereInput {
  if (isAdmin(viewer)) return readerId ? { readerId } : {};
  return { readerId: moneyOwnerFor(viewer, readerId) };
}

/** Readers open their own Stripe Connect account for payouts. */
export const canOpenPayoutAccount = (viewer: Who): boolean => hasRole(viewer, 'READER');

/** Admins with PAYOUTS (finance, super-admins) pay readers out. */
export const canPayOut = (viewer: Who): boolean => hasAdminPermission(viewer, 'PAYOUTS');

/**
 * Admins with REFUNDS refund sessions and wallet balances, and list refunds of wallet balance (support up to
 * support_refund_limit_cents each: refundLimitFor).
 */
export const canRefund = (viewer: Who): boolean => hasAdminPermission(viewer, 'REFUNDS');

/** Admins with ADJUSTMENTS credit or debit balances by hand (support up to support_refund_limit_cents: refundLimitFor). */
export const canAdjustBalances = (viewer: Who): boolean => hasAdminPermission(viewer, 'ADJUSTMENTS');

/** Admins with LEDGER_AUDIT (finance, super-admins) audit the books: ledger accounts and the reconciliation report. */
export const canAuditLedger = (viewer: Who): boolean => hasAdminPermission(viewer, 'LEDGER_AUDIT');

/**
 * The most cents one refund or adjustment of this viewer may move: null (no cap) for finance and super-admins,
 * `limitCents` (the support_refund_limit_cents setting) when only a capped role (support) grants the permission.
 * Background work (no viewer) is not capped.
 */
export function moneyCapFor(viewer: Who, permission: 'REFUNDS' | 'ADJUSTMENTS', limitCents: number): number | null {
  if (!viewer) return null;
  return isMoneyLimited(viewer, permission) ? limitCents : null;
}

/** Refuses (FORBIDDEN, reason ADMIN_LIMIT) an amount over the viewer's cap. */
export function assertWithinMoneyCap(amountCents: number, cap: number | null): void {
  if (cap != null && Math.abs(amountCents) > cap) {
    throw forbidden(`Your admin role may move at most ${cap} cents in one refund or adjustment.`, { reason: 'ADMIN_LIMIT', limitCents: cap });
  }
}

/** Service-side: refuses (as the field's scope check would) unless `rule` allows the viewer. */
export function authorize(viewer: Who, rule: (viewer: Who) => boolean): void {
  assertAllowed(viewer, rule(viewer));
}

// ---- The marketplace (services/products.ts, services/orders.ts) ----

/** Readers sell their own products; admins sell as the platform or for any reader. */
export const canSell = (viewer: Who): boolean => hasRole(viewer, 'READER', 'ADMIN');

/**
 * A product's seller (a reader: their own; null: the platform) may be managed by that reader or by an admin with the
 * CATALOGUE permission (shared/admin-permissions.ts).
 */
export const canManageProduct = (viewer: Who, product: { readerId: string | null }): boolean =>
  hasAdminPermission(viewer, 'CATALOGUE') || (!!viewer && hasRole(viewer, 'READER') && product.readerId === viewer.id);

/** Who may see a product that is not ACTIVE (a draft, an inactive one): its seller and admins (reading stays open to every admin). */
export const canSeeUnlistedProduct = (viewer: Who, product: { readerId: string | null }): boolean =>
  isAdmin(viewer) || (!!viewer && hasRole(viewer, 'READER') && product.readerId === viewer.id);

/** Any signed-in user may buy (placing an order also needs a verified email: requireVerifiedViewer). */
export const canBuy = (viewer: Who): boolean => !!viewer;

/** An order is seen by its buyer, by the sellers of its items, and by admins (anyone else: NOT_FOUND). */
export const canSeeOrder = (viewer: Who, order: { clientId: string; sellerIds: Array<string | null> }): boolean =>
  isAdmin(viewer) || (!!viewer && (order.clientId === viewer.id || order.sellerIds.includes(viewer.id)));

/**
 * Ship, deliver, refund or cancel as the seller: an admin with the REFUNDS permission (support and finance handle
 * the platform's orders), or the reader who sells EVERY item of the order (a platform item or another reader's item
 * makes the order the platform's to handle).
 */
export const canFulfilOrder = (viewer: Who, order: { sellerIds: Array<string | null> }): boolean =>
  hasAdminPermission(viewer, 'REFUNDS') || (!!viewer && hasRole(viewer, 'READER') && order.sellerIds.length > 0 && order.sellerIds.every((s) => s === viewer.id));

/** The buyer may cancel their own order until it ships. */
export const canCancelOwnOrder = (viewer: Who, order: { clientId: string }): boolean => !!viewer && order.clientId === viewer.id;
