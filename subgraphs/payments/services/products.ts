import type { Context } from '../../../shared/context.js';
import { audit } from '../../../shared/audit.js';
import { isAdmin, requireAdminPermission, requireViewer } from '../../../shared/authz.js';
import type { Prisma, Product } from '../../../shared/db/generated/client.js';
import { badInput, conflict, forbidden, notFound } from '../../../shared/errors.js';
import { parseInput, z } from '../../../shared/validation.js';
import { authorize, canManageProduct, canSell } from '../authz.js';
import { MAX_AMOUNT_CENTS } from './ledger.js';
import { paymentsTransaction } from './payments-transaction.js';
import { queueProductSync } from './product-sync.js';

/**
 * The catalogue's writes. Payments owns products and orders (docs/payments.md): a sale moves money and stock in
 * ONE database transaction, which only the owner of the ledger can open. Each write queues the product's Stripe
 * sync (product-sync.ts) in the same transaction, so Stripe is updated after commit and an outage of Stripe never
 * blocks or half-writes a product.
 */
export const PRODUCT_TYPES = ['SERVICE', 'DIGITAL', 'PHYSICAL'] as const;
export const PRODUCT_STATUSES = ['DRAFT', 'ACTIVE', 'INACTIVE', 'OUT_OF_STOCK'] as const;
export const MAX_STOCK = 1_000_000;

const httpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'must be an http(s) URL');
const fileKey = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((k) => /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(k), 'must be a relative file name (letters, digits, . _ - and /)');

const fields = {
  name: z.string().trim().min(2, 'must be 2 to 120 characters').max(120, 'must be 2 to 120 characters'),
  description: z.string().trim().max(5000, 'must be at most 5000 characters'),
  category: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .refine((c) => /^[\p{L}\p{N}][\p{L}\p{N} &'-]*$/u.test(c), 'must be letters, digits, spaces, & \' -'),
  priceCents: z.number().int('must be whole cents').min(50, 'must be at least 50 cents').max(MAX_AMOUNT_CENTS / 100, 'must be at most 1000000 cents'),
  sku: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .refine((s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), 'must be letters, digits, . _ -'),
  stockQuantity: z.number().int().min(0).max(MAX_STOCK),
  images: z.array(httpsUrl).max(10, 'at most 10 images'),
  fileKey,
  weightGrams: z.number().int().min(1).max(1_000_000),
  featured: z.boolean(),
  status: z.enum(PRODUCT_STATUSES),
};

const CreateSchema = z.object({
  name: fields.name,
  description: fields.description.default(''),
  type: z.enum(PRODUCT_TYPES),
  category: fields.category,
  priceCents: fields.priceCents,
  sku: fields.sku.nullish(),
  stockQuantity: fields.stockQuantity.nullish(),
  images: fields.images.default([]),
  fileKey: fields.fileKey.nullish(),
  weightGrams: fields.weightGrams.nullish(),
  featured: fields.featured.default(false),
  status: z.enum(['DRAFT', 'ACTIVE', 'INACTIVE']).default('DRAFT'),
  readerId: z.string().min(1).max(64).nullish(),
  sellAsPlatform: z.boolean().default(false),
  serviceSessionType: z.enum(['CHAT', 'CALL', 'VIDEO']).nullish(),
  serviceMinutes: z.number().int('must be whole minutes').min(5, 'must be at least 5 minutes').max(240, 'must be at most 240 minutes').nullish(),
});

const UpdateSchema = z.object({
  name: fields.name.optional(),
  description: fields.description.optional(),
  category: fields.category.optional(),
  priceCents: fields.priceCents.optional(),
  sku: fields.sku.nullish(),
  stockQuantity: fields.stockQuantity.nullish(),
  images: fields.images.optional(),
  fileKey: fields.fileKey.nullish(),
  weightGrams: fields.weightGrams.nullish(),
  featured: fields.featured.optional(),
  status: fields.status.optional(),
});

/** GraphQL gives null for an omitted optional field: null means "absent" except where it clears a value. */
function absentNulls<T extends Record<string, unknown>>(input: T, clearable: string[] = []): T {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== null || clearable.includes(k))) as T;
}

export type CreateProductInput = z.input<typeof CreateSchema>;
export type UpdateProductInput = z.input<typeof UpdateSchema>;

/** Who sells a new product: a reader themselves; an admin the platform (sellAsPlatform) or a reader they name. */
async function sellerFor(ctx: Context, input: { readerId?: string | null; sellAsPlatform: boolean }): Promise<string | null> {
  const viewer = requireViewer(ctx);
  if (viewer.role !== 'ADMIN') {
    if (input.sellAsPlatform) throw forbidden('Only admins sell as the platform.');
    if (input.readerId && input.readerId !== viewer.id) throw forbidden('Readers sell only their own products.');
    return viewer.id;
  }
  if (input.sellAsPlatform || !input.readerId) {
    if (input.readerId) throw badInput('Give either readerId or sellAsPlatform, not both.', 'readerId');
    return null;
  }
  const reader = await ctx.prisma.user.findUnique({ where: { id: input.readerId }, select: { role: true } });
  if (reader?.role !== 'READER') throw badInput('readerId must be a reader.', 'readerId');
  return input.readerId;
}

/** The type-specific rules, on the product as it would be after the write. */
function assertShape(p: { type: string; stockQuantity: number | null; fileUrl: string | null; weightGrams: number | null }) {
  if (p.type === 'PHYSICAL' && p.stockQuantity == null) throw badInput('A physical product needs stockQuantity.', 'stockQuantity');
  if (p.type !== 'PHYSICAL' && p.stockQuantity != null) throw badInput('Only physical products have stock.', 'stockQuantity');
  if (p.type === 'DIGITAL' && !p.fileUrl) throw badInput('A digital product needs fileKey (the file buyers download).', 'fileKey');
  if (p.type !== 'DIGITAL' && p.fileUrl) throw badInput('Only digital products have a file.', 'fileKey');
  if (p.type !== 'PHYSICAL' && p.weightGrams != null) throw badInput('Only physical products have a weight.', 'weightGrams');
}

/**
 * A bookable service (serviceSessionType and serviceMinutes, both or neither; set at creation): a SERVICE sold by a
 * reader, since each unit bought becomes a booking credit with that reader (booking-credits.ts).
 */
function assertService(p: { type: string; readerId: string | null; serviceSessionType: string | null; serviceMinutes: number | null }) {
  if (p.serviceSessionType == null && p.serviceMinutes == null) return;
  if (p.type !== 'SERVICE') throw badInput('Only service products have a session type and minutes.', p.serviceMinutes != null ? 'serviceMinutes' : 'serviceSessionType');
  if (p.serviceSessionType == null) throw badInput('A bookable service needs serviceSessionType with serviceMinutes.', 'serviceSessionType');
  if (p.serviceMinutes == null) throw badInput('A bookable service needs serviceMinutes with serviceSessionType.', 'serviceMinutes');
  if (!p.readerId) throw badInput('A bookable service is sold by a reader (the credit is for a reading with them).', 'readerId');
}

/** A unique-key violation on sku, as a coded error. */
async function guardSku<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') throw conflict('Another product already has this SKU.', { field: 'sku' });
    throw error;
  }
}

export async function createProduct(ctx: Context, raw: CreateProductInput): Promise<Product> {
  authorize(ctx.viewer, canSell);
  const input = parseInput(CreateSchema, absentNulls(raw));
  const readerId = await sellerFor(ctx, input);
  const data = {
    name: input.name,
    description: input.description,
    type: input.type,
    category: input.category,
    priceCents: input.priceCents,
    sku: input.sku ?? null,
    stockQuantity: input.stockQuantity ?? null,
    images: input.images,
    fileUrl: input.fileKey ?? null,
    weightGrams: input.weightGrams ?? null,
    featured: input.featured,
    status: input.status,
    readerId,
    serviceSessionType: input.serviceSessionType ?? null,
    serviceMinutes: input.serviceMinutes ?? null,
  };
  assertShape(data);
  assertService(data);
  if (data.type === 'PHYSICAL' && data.stockQuantity === 0 && data.status === 'ACTIVE') data.status = 'OUT_OF_STOCK' as never;
  return guardSku(() =>
    paymentsTransaction(ctx, async (tx) => {
      const product = await tx.product.create({ data });
      await queueProductSync(ctx, tx, product.id);
      await audit(tx, ctx, { action: 'shop:product.create', entityType: 'Product', entityId: product.id, changes: { ...data, images: data.images.length } });
      return product;
    }),
  );
}

export async function updateProduct(ctx: Context, id: string, raw: UpdateProductInput): Promise<Product> {
  authorize(ctx.viewer, canSell);
  const input = parseInput(UpdateSchema, absentNulls(raw, ['sku', 'stockQuantity', 'fileKey', 'weightGrams']));
  const current = await ctx.prisma.product.findUnique({ where: { id } });
  if (!current) throw notFound('Product');
  if (!canManageProduct(ctx.viewer, current)) {
    // An admin sees every product, so one without CATALOGUE is told why; another reader's product is not theirs to know about.
    if (isAdmin(ctx.viewer)) requireAdminPermission(ctx, 'CATALOGUE');
    throw notFound('Product');
  }
  const data: Prisma.ProductUpdateInput = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.description !== undefined) data.description = input.description;
  if (input.category !== undefined) data.category = input.category;
  if (input.priceCents !== undefined) data.priceCents = input.priceCents;
  if (input.sku !== undefined) data.sku = input.sku;
  if (input.stockQuantity !== undefined) data.stockQuantity = input.stockQuantity;
  if (input.images !== undefined) data.images = input.images;
  if (input.fileKey !== undefined) data.fileUrl = input.fileKey;
  if (input.weightGrams !== undefined) data.weightGrams = input.weightGrams;
  if (input.featured !== undefined) data.featured = input.featured;
  if (input.status !== undefined) data.status = input.status;
  const after = {
    type: current.type,
    stockQuantity: input.stockQuantity !== undefined ? input.stockQuantity : current.stockQuantity,
    fileUrl: input.fileKey !== undefined ? input.fileKey : current.fileUrl,
    weightGrams: input.weightGrams !== undefined ? input.weightGrams : current.weightGrams,
  };
  assertShape(after);
  if (input.status === 'OUT_OF_STOCK' && current.type !== 'PHYSICAL') throw badInput('Only physical products run out of stock.', 'status');
  // Restocking a sold-out product lists it again (unless the seller set another status in the same update).
  if (current.status === 'OUT_OF_STOCK' && input.status === undefined && (after.stockQuantity ?? 0) > 0) data.status = 'ACTIVE';
  if (after.stockQuantity === 0 && (input.status ?? current.status) === 'ACTIVE' && current.type === 'PHYSICAL') data.status = 'OUT_OF_STOCK';
  const stripeVisible = input.name !== undefined || input.description !== undefined || input.priceCents !== undefined || input.images !== undefined || input.status !== undefined;
  return guardSku(() =>
    paymentsTransaction(ctx, async (tx) => {
      if (stripeVisible) data.syncVersion = { increment: 1 };
      const product = await tx.product.update({ where: { id }, data });
      if (stripeVisible) await queueProductSync(ctx, tx, product.id);
      await audit(tx, ctx, {
        action: 'shop:product.update',
        entityType: 'Product',
        entityId: id,
        changes: { before: { priceCents: current.priceCents, status: current.status, stockQuantity: current.stockQuantity }, input: { ...input, images: input.images?.length } },
      });
      return product;
    }),
  );
}
