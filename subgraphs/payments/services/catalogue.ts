import type { Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { isAdmin } from '../../../shared/authz.js';
import { badInput, notFound } from '../../../shared/errors.js';
import { canSeeUnlistedProduct } from '../authz.js';

/** Statuses anyone may see: on sale, or sold out (shown as such). Drafts and inactive products only to their seller and admins. */
export const LISTED = ['ACTIVE', 'OUT_OF_STOCK'] as const;

export type ProductSort = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'FEATURED';

export interface CatalogueFilter {
  search?: string | null;
  type?: 'SERVICE' | 'DIGITAL' | 'PHYSICAL' | null;
  category?: string | null;
  readerId?: string | null;
  /** True: only products sold by the platform; false: only readers' products. */
  soldByPlatform?: boolean | null;
  minPriceCents?: number | null;
  maxPriceCents?: number | null;
  inStock?: boolean | null;
  featured?: boolean | null;
  status?: Array<'DRAFT' | 'ACTIVE' | 'INACTIVE' | 'OUT_OF_STOCK'> | null;
}

/** What the viewer may see of the catalogue: listed products, plus a reader's own and (admins) every product. */
function visibility(ctx: Pick<Context, 'viewer'>): Prisma.ProductWhereInput {
  if (isAdmin(ctx.viewer)) return {};
  const listed: Prisma.ProductWhereInput = { status: { in: [...LISTED] } };
  if (ctx.viewer?.role === 'READER') return { OR: [listed, { readerId: ctx.viewer.id }] };
  return listed;
}

/** The catalogue query: visibility, then the filters (all combined with AND). */
export function catalogueWhere(ctx: Pick<Context, 'viewer'>, f: CatalogueFilter = {}): Prisma.ProductWhereInput {
  const and: Prisma.ProductWhereInput[] = [visibility(ctx)];
  const search = f.search?.trim();
  if (search) {
    if (search.length > 100) throw badInput('search must be at most 100 characters.', 'filter.search');
    and.push({ OR: [{ name: { contains: search, mode: 'insensitive' } }, { description: { contains: search, mode: 'insensitive' } }] });
  }
  if (f.type) and.push({ type: f.type });
  if (f.category) and.push({ category: { equals: f.category.trim(), mode: 'insensitive' } });
  if (f.readerId) and.push({ readerId: f.readerId });
  if (f.soldByPlatform != null) and.push({ readerId: f.soldByPlatform ? null : { not: null } });
  for (const [field, v] of [['minPriceCents', f.minPriceCents], ['maxPriceCents', f.maxPriceCents]] as const) {
    if (v != null && (!Number.isSafeInteger(v) || v < 0)) throw badInput(`${field} must be a whole number of cents, 0 or more.`, `filter.${field}`);
  }
  if (f.minPriceCents != null && f.maxPriceCents != null && f.minPriceCents > f.maxPriceCents) throw badInput('minPriceCents is above maxPriceCents.', 'filter.minPriceCents');
  if (f.minPriceCents != null || f.maxPriceCents != null) and.push({ priceCents: { gte: f.minPriceCents ?? undefined, lte: f.maxPriceCents ?? undefined } });
  if (f.inStock === true) and.push({ status: { not: 'OUT_OF_STOCK' }, OR: [{ stockQuantity: null }, { stockQuantity: { gt: 0 } }] });
  if (f.inStock === false) and.push({ OR: [{ status: 'OUT_OF_STOCK' }, { stockQuantity: 0 }] });
  if (f.featured != null) and.push({ featured: f.featured });
  if (f.status?.length) and.push({ status: { in: f.status } });
  return { AND: and };
}

export function catalogueOrder(sort: ProductSort | null | undefined): Prisma.ProductOrderByWithRelationInput[] {
  switch (sort ?? 'NEWEST') {
    case 'PRICE_ASC':
      return [{ priceCents: 'asc' }, { id: 'asc' }];
    case 'PRICE_DESC':
      return [{ priceCents: 'desc' }, { id: 'desc' }];
    case 'FEATURED':
      return [{ featured: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }];
    default:
      return [{ createdAt: 'desc' }, { id: 'desc' }];
  }
}

/** Asserts the viewer may see this product, or NOT_FOUND (a draft of another seller is not theirs to know about). */
export async function assertProductVisible(ctx: Context, id: string): Promise<void> {
  const product = await ctx.prisma.product.findUnique({ where: { id }, select: { status: true, readerId: true } });
  if (!product) throw notFound('Product');
  const listed = (LISTED as readonly string[]).includes(product.status);
  if (!listed && !canSeeUnlistedProduct(ctx.viewer, product)) throw notFound('Product');
}
