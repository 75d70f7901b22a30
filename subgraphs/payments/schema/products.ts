import { canManageProduct, canSell } from '../authz.js';
import { builder } from '../builder.js';
import { assertProductVisible, catalogueOrder, catalogueWhere, type CatalogueFilter } from '../services/catalogue.js';
import { createProduct, updateProduct } from '../services/products.js';
import { ReaderRef } from './refs.js';

/** How a bookable service's reading happens (the sessions' CHAT / CALL / VIDEO). */
export const ServiceSessionTypeEnum = builder.enumType('ServiceSessionType', {
  description: 'How the reading a bookable service buys takes place.',
  values: {
    CHAT: { description: 'A text chat reading.' },
    CALL: { description: 'A voice call reading.' },
    VIDEO: { description: 'A video call reading.' },
  } as const,
});

export const ProductTypeEnum = builder.enumType('ProductType', {
  description: 'What kind of thing a product is.',
  values: {
    SERVICE: { description: 'A reading or service: buying it gives a booking credit to redeem with the seller.' },
    DIGITAL: { description: 'A file: buying it gives signed, expiring download links.' },
    PHYSICAL: { description: 'A shipped good with stock; orders need a shipping address.' },
  },
});

export const ProductStatusEnum = builder.enumType('ProductStatus', {
  description: 'Whether a product is on sale.',
  values: {
    DRAFT: { description: 'Being prepared: only its seller and admins see it.' },
    ACTIVE: { description: 'On sale to everyone.' },
    INACTIVE: { description: 'Taken off sale by its seller: only its seller and admins see it.' },
    OUT_OF_STOCK: { description: 'Listed but sold out (stock 0); restocking lists it as ACTIVE again.' },
  },
});

const ProductSortEnum = builder.enumType('ProductSort', {
  description: 'Order of the catalogue.',
  values: {
    NEWEST: { description: 'Newest first (the default).' },
    PRICE_ASC: { description: 'Cheapest first.' },
    PRICE_DESC: { description: 'Most expensive first.' },
    FEATURED: { description: 'Featured products first, then newest.' },
  },
});

export const ProductObject = builder.prismaObject('Product', {
  description: 'Something on sale in the shop, by the platform or by a reader (a reader\'s sales are split like sessions).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable product id; pass it to placeOrder.' }),
    name: t.exposeString('name', { description: 'Display name (2–120 characters).' }),
    description: t.exposeString('description', { description: 'Long description, plain text (may be empty).' }),
    type: t.expose('type', { type: ProductTypeEnum, description: 'Service, digital file or physical good.' }),
    category: t.exposeString('category', { description: 'Shop category (e.g. "Crystals", "Readings"); filter the catalogue with it.' }),
    priceCents: t.exposeInt('priceCents', { description: 'Price of one unit, in cents.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    sku: t.exposeString('sku', { nullable: true, description: 'The seller\'s stock-keeping unit, unique across the shop.' }),
    stockQuantity: t.exposeInt('stockQuantity', { nullable: true, description: 'Units left (physical goods only; null for services and files).' }),
    inStock: t.boolean({
      description: 'Can be bought now: listed as ACTIVE and, for physical goods, at least one unit left.',
      select: { status: true, stockQuantity: true },
      resolve: (p) => p.status === 'ACTIVE' && (p.stockQuantity == null || p.stockQuantity > 0),
    }),
    images: t.exposeStringList('images', { description: 'Picture URLs (http or https), first one is the main picture.' }),
    status: t.expose('status', { type: ProductStatusEnum, description: 'Whether it is on sale.' }),
    featured: t.exposeBoolean('featured', { description: 'Highlighted in the shop (sort FEATURED puts these first).' }),
    weightGrams: t.exposeInt('weightGrams', { nullable: true, description: 'Shipping weight of one unit, in grams (physical goods).' }),
    serviceSessionType: t.expose('serviceSessionType', { type: ServiceSessionTypeEnum, nullable: true, description: 'Bookable services: the kind of reading each unit bought gives a booking credit for.' }),
    serviceMinutes: t.exposeInt('serviceMinutes', { nullable: true, description: 'Bookable services: the minutes of reading each unit bought gives a booking credit for.' }),
    soldByPlatform: t.boolean({ description: 'True when SoulSeer itself sells it; false for a reader\'s product.', select: { readerId: true }, resolve: (p) => p.readerId === null }),
    seller: t.field({
      type: ReaderRef,
      nullable: true,
      description: 'The reader who sells it (null when the platform does).',
      select: { readerId: true },
      resolve: (p) => (p.readerId ? { id: p.readerId } : null),
    }),
    fileKey: t.string({
      nullable: true,
      description: 'Digital goods: the file buyers download (its name in the file storage). Only its seller and admins see it.',
      select: { fileUrl: true, readerId: true },
      resolve: (p, _a, ctx) => (canManageProduct(ctx.viewer, p) ? p.fileUrl : null),
    }),
    stripeProductId: t.string({
      nullable: true,
      description: 'The Stripe Product it is synced to, once the sync ran. Only its seller and admins see it.',
      select: { stripeProductId: true, readerId: true },
      resolve: (p, _a, ctx) => (canManageProduct(ctx.viewer, p) ? p.stripeProductId : null),
    }),
    stripePriceId: t.string({
      nullable: true,
      description: 'The Stripe Price of the current price (a price change makes a new one). Only its seller and admins see it.',
      select: { stripePriceId: true, readerId: true },
      resolve: (p, _a, ctx) => (canManageProduct(ctx.viewer, p) ? p.stripePriceId : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When its seller added it to the shop (sort NEWEST uses it).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

const ProductFilterInput = builder.inputType('ProductFilter', {
  description: 'Catalogue filters, combined with AND.',
  fields: (t) => ({
    search: t.string({ description: 'Words in the name or description (case-insensitive, at most 100 characters).' }),
    type: t.field({ type: ProductTypeEnum, description: 'Only this kind of product.' }),
    category: t.string({ description: 'Only this category (case-insensitive).' }),
    readerId: t.id({ description: 'Only this reader\'s products (their shop).' }),
    soldByPlatform: t.boolean({ description: 'True: only the platform\'s products; false: only readers\' products.' }),
    minPriceCents: t.int({ description: 'Price at least this, in cents.' }),
    maxPriceCents: t.int({ description: 'Price at most this, in cents.' }),
    inStock: t.boolean({ description: 'True: only products that can be bought now; false: only sold-out ones.' }),
    featured: t.boolean({ description: 'Only featured (true) or only not featured (false) products.' }),
    status: t.field({ type: [ProductStatusEnum], description: 'Only these statuses (drafts and inactive products appear only for their seller and admins).' }),
  }),
});

const productsConnection = (description: string) => ({
  type: 'Product' as const,
  cursor: 'id' as const,
  defaultSize: 20,
  maxSize: 100,
  description,
});

builder.queryFields((t) => ({
  products: t.prismaConnection(
    {
      ...productsConnection('The shop\'s catalogue: listed products (sellers also see their own drafts, admins everything), searched, filtered and sorted.'),
      args: {
        filter: t.arg({ type: ProductFilterInput, description: 'Search and filters.' }),
        sort: t.arg({ type: ProductSortEnum, description: 'Order (default NEWEST).' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.product.findMany({ ...query, where: catalogueWhere(ctx, (args.filter ?? {}) as CatalogueFilter), orderBy: catalogueOrder(args.sort) }),
    },
    { description: 'A page of products.' },
    { description: 'A product in a page.' },
  ),
  product: t.prismaField({
    type: 'Product',
    description: 'One product (NOT_FOUND for a draft or inactive product of another seller).',
    args: { id: t.arg.id({ required: true, description: 'Id of the product to read (from products or an order line).' }) },
    resolve: async (query, _root, args, ctx) => {
      await assertProductVisible(ctx, String(args.id));
      return ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
}));

builder.objectField(ReaderRef, 'products', (t) =>
  t.prismaConnection(
    {
      ...productsConnection('This reader\'s shop: their listed products (the reader themselves and admins also see drafts), sorted.'),
      args: { sort: t.arg({ type: ProductSortEnum, description: 'Order (default NEWEST).' }) },
      resolve: (query, reader, args, ctx) =>
        ctx.prisma.product.findMany({ ...query, where: catalogueWhere(ctx, { readerId: reader.id }), orderBy: catalogueOrder(args.sort) }),
    },
    { description: 'A page of a reader\'s products.' },
    { description: 'A product of a reader\'s shop in a page.' },
  ),
);

const CreateProductInput = builder.inputType('CreateProductInput', {
  description: 'A new product. Readers sell their own; admins sell as the platform or for a reader.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Display name, 2–120 characters.' }),
    description: t.string({ description: 'Long description, plain text, at most 5000 characters.' }),
    type: t.field({ type: ProductTypeEnum, required: true, description: 'Service, digital file or physical good (cannot change later).' }),
    category: t.string({ required: true, description: 'Shop category, 2–60 letters, digits, spaces, & \' -.' }),
    priceCents: t.int({ required: true, description: 'Price of one unit in cents, 50 to 1,000,000.' }),
    sku: t.string({ description: 'Stock-keeping unit, unique across the shop (letters, digits, . _ -).' }),
    stockQuantity: t.int({ description: 'Units in stock: required for physical goods, refused for the others.' }),
    images: t.stringList({ description: 'Up to 10 picture URLs (http or https).' }),
    fileKey: t.string({ description: 'Digital goods (required for them): the file in the shop\'s file storage buyers download.' }),
    weightGrams: t.int({ description: 'Physical goods: shipping weight of one unit in grams.' }),
    featured: t.boolean({ description: 'Highlight it in the shop (default false).' }),
    status: t.field({ type: ProductStatusEnum, description: 'DRAFT (default), ACTIVE or INACTIVE.' }),
    readerId: t.id({ description: 'Admins: the reader who sells it. Readers may only name themselves.' }),
    sellAsPlatform: t.boolean({ description: 'Admins only: the platform sells it (all of its revenue goes to the platform).' }),
    serviceSessionType: t.field({ type: ServiceSessionTypeEnum, description: 'Bookable services sold by a reader: the kind of reading each unit buys (with serviceMinutes; set at creation).' }),
    serviceMinutes: t.int({ description: 'Bookable services sold by a reader: the reading\'s length, 5–240 minutes (with serviceSessionType; set at creation).' }),
  }),
});

const UpdateProductInput = builder.inputType('UpdateProductInput', {
  description: 'Changes to a product; omitted fields stay as they are. A price change makes a new Stripe Price.',
  fields: (t) => ({
    name: t.string({ description: 'Display name, 2–120 characters.' }),
    description: t.string({ description: 'Long description, at most 5000 characters.' }),
    category: t.string({ description: 'Shop category.' }),
    priceCents: t.int({ description: 'New price of one unit in cents (orders already placed keep theirs).' }),
    sku: t.string({ description: 'Stock-keeping unit (null clears it).' }),
    stockQuantity: t.int({ description: 'Units in stock (physical goods); above 0 lists a sold-out product again.' }),
    images: t.stringList({ description: 'Replaces the pictures (up to 10 URLs).' }),
    fileKey: t.string({ description: 'Digital goods: replaces the file buyers download.' }),
    weightGrams: t.int({ description: 'Physical goods: shipping weight in grams.' }),
    featured: t.boolean({ description: 'Highlight it in the shop.' }),
    status: t.field({ type: ProductStatusEnum, description: 'Put on sale (ACTIVE), take off sale (INACTIVE) or back to DRAFT.' }),
  }),
});

builder.mutationFields((t) => ({
  createProduct: t.prismaField({
    type: 'Product',
    authScopes: (_root, _args, ctx) => canSell(ctx.viewer),
    description: 'Readers and admins: adds a product (synced to a Stripe Product and Price after commit; audited).',
    args: { input: t.arg({ type: CreateProductInput, required: true, description: 'Name, type, category, price, stock or file, pictures and who sells it.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const created = await createProduct(ctx, { ...input, readerId: input.readerId ? String(input.readerId) : null } as Parameters<typeof createProduct>[1]);
      return ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  updateProduct: t.prismaField({
    type: 'Product',
    authScopes: (_root, _args, ctx) => canSell(ctx.viewer),
    description: 'The product\'s seller or an admin: changes it (NOT_FOUND for another reader\'s product; audited).',
    args: {
      id: t.arg.id({ required: true, description: 'The product to change.' }),
      input: t.arg({ type: UpdateProductInput, required: true, description: 'Only the fields to change; omitted ones keep their value.' }),
    },
    resolve: async (query, _root, { id, input }, ctx) => {
      const updated = await updateProduct(ctx, String(id), input as Parameters<typeof updateProduct>[2]);
      return ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id: updated.id } });
    },
  }),
}));
