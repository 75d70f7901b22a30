import { beforeAll, describe, expect, it } from 'vitest';
import { CreateProductDocument, ProductDocument, ProductsDocument, ReaderShopDocument, UpdateProductDocument } from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import type { Seed, TestUser } from '../helpers/seed.js';
import { eventually } from './subscriptions-fixtures.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { product, uid } from './shop-fixtures.js';

const stack = useStripeFederation();
let fed: TestFederation;
let seed: Seed;
let stripe: FakeStripe;
let admin: TestUser;
let reader: TestUser;
let other: TestUser;
let client: TestUser;
beforeAll(async () => {
  ({ fed, stripe, admin, seed } = stack);
  [reader, other, client] = await Promise.all([seed.reader().create(), seed.reader().create(), seed.client().create()]);
});

const synced = (id: string, check: (p: { stripeProductId: string | null; stripePriceId: string | null }) => boolean) =>
  eventually(
    async () => (await fed.run(ProductDocument, { id }, admin.token)).data!.product,
    (p) => check(p),
    20_000,
  );

describe('products', () => {
  it('a reader creates their own product; it is synced to a Stripe Product and Price with idempotency keys', async () => {
    const created = await product(fed, reader, { name: 'Rose Quartz', priceCents: 2500, sku: uid('RQ') });
    expect(created).toMatchObject({ name: 'Rose Quartz', status: 'ACTIVE', soldByPlatform: false, seller: { id: reader.id }, stockQuantity: 10, inStock: true });
    const p = await synced(created.id, (x) => !!x.stripePriceId);
    const stripeProduct = stripe.products.get(p.stripeProductId!);
    expect(stripeProduct).toMatchObject({ name: 'Rose Quartz', metadata: { productId: created.id } });
    expect(stripe.prices.get(p.stripePriceId!)).toMatchObject({ unit_amount: 2500, active: true, product: p.stripeProductId });
    const req = stripe.requests.find((r) => r.path === '/v1/products' && r.params['metadata[productId]'] === created.id);
    expect(req?.idempotencyKey).toBe(`product:${created.id}`);
  });

  it('a price change creates a new Stripe Price and deactivates the old one (never edits it)', async () => {
    const created = await product(fed, reader, { priceCents: 1500 });
    const first = await synced(created.id, (x) => !!x.stripePriceId);
    const res = await fed.run(UpdateProductDocument, { id: created.id, input: { priceCents: 1800 } }, reader.token);
    expect(res.errors).toBeUndefined();
    const second = await synced(created.id, (x) => !!x.stripePriceId && x.stripePriceId !== first.stripePriceId);
    expect(second.stripeProductId).toBe(first.stripeProductId);
    expect(stripe.prices.get(second.stripePriceId!)).toMatchObject({ unit_amount: 1800, active: true });
    expect(stripe.prices.get(first.stripePriceId!)).toMatchObject({ unit_amount: 1500, active: false });
    expect(stripe.requests.filter((r) => r.path === `/v1/prices/${first.stripePriceId}` && 'unit_amount' in r.params)).toEqual([]);
  });

  it('a Stripe outage never blocks a product: it is saved at once and synced when Stripe is back', async () => {
    stripe.catalogueOutage = true;
    const created = await product(fed, reader, { name: 'Tarot deck', type: 'PHYSICAL' });
    expect(created.stripeProductId).toBeNull();
    // The sync job tried (and was refused) before Stripe comes back; the product stayed as saved.
    await eventually(
      () => stripe.requests.filter((r) => r.path === '/v1/products' && r.params['metadata[productId]'] === created.id).length,
      (tries) => tries >= 1,
      20_000,
    );
    expect((await fed.run(ProductDocument, { id: created.id }, admin.token)).data!.product).toMatchObject({ name: 'Tarot deck', stripeProductId: null });
    stripe.catalogueOutage = false;
    const p = await synced(created.id, (x) => !!x.stripePriceId);
    expect(stripe.products.get(p.stripeProductId!)).toMatchObject({ name: 'Tarot deck' });
  }, 60_000);

  it('validates input with coded errors and writes nothing', async () => {
    const [{ n: before }] = await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM products`);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ priceCents: -5 }, 'priceCents'],
      [{ priceCents: 10 }, 'priceCents'],
      [{ name: 'x' }, 'name'],
      [{ type: 'PHYSICAL', stockQuantity: null }, 'stockQuantity'],
      [{ type: 'DIGITAL', fileKey: null }, 'fileKey'],
      [{ type: 'DIGITAL', fileKey: '../../etc/passwd' }, 'fileKey'],
      [{ type: 'SERVICE', stockQuantity: 3 }, 'stockQuantity'],
      [{ images: ['javascript:alert(1)'] }, 'images.0'],
      [{ category: '<script>' }, 'category'],
      [{ sku: 'bad sku!' }, 'sku'],
    ];
    for (const [patch, field] of bad) {
      const type = (patch.type as 'PHYSICAL' | 'DIGITAL' | 'SERVICE' | undefined) ?? 'PHYSICAL';
      const input = { name: 'Valid name', category: 'Crystals', priceCents: 1000, type, stockQuantity: type === 'PHYSICAL' ? 1 : undefined, fileKey: type === 'DIGITAL' ? 'a.pdf' : undefined, ...patch };
      const res = await fed.run(CreateProductDocument, { input: input as never }, reader.token);
      expect(errorCode(res), JSON.stringify(patch)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.field, JSON.stringify(patch)).toBe(field);
    }
    const [{ n: after }] = await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM products`);
    expect(after).toBe(before);
  });

  it('a duplicate SKU is a CONFLICT', async () => {
    const sku = uid('SKU');
    await product(fed, reader, { sku });
    const res = await fed.run(CreateProductDocument, { input: { name: 'Copy', category: 'Crystals', priceCents: 900, type: 'SERVICE', sku } }, other.token);
    expect(errorCode(res)).toBe('CONFLICT');
  });

  it('who may sell what: clients cannot; readers cannot sell as the platform or for another reader, nor edit another\'s product; admins may', async () => {
    const input = { name: 'Reading', category: 'Readings', priceCents: 3000, type: 'SERVICE' as const };
    expect(errorCode(await fed.run(CreateProductDocument, { input }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CreateProductDocument, { input }, null))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(CreateProductDocument, { input: { ...input, sellAsPlatform: true } }, reader.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CreateProductDocument, { input: { ...input, readerId: other.id } }, reader.token))).toBe('FORBIDDEN');

    const mine = await product(fed, reader, { type: 'SERVICE', name: 'Mine' });
    const hijack = await fed.run(UpdateProductDocument, { id: mine.id, input: { priceCents: 1 * 100, name: 'Stolen' } }, other.token);
    expect(errorCode(hijack)).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(UpdateProductDocument, { id: mine.id, input: { name: 'Nope' } }, client.token))).toBe('FORBIDDEN');

    const platform = await fed.run(CreateProductDocument, { input: { ...input, sellAsPlatform: true, status: 'ACTIVE' } }, admin.token);
    expect(platform.data!.createProduct).toMatchObject({ soldByPlatform: true, seller: null });
    const forReader = await fed.run(CreateProductDocument, { input: { ...input, readerId: other.id } }, admin.token);
    expect(forReader.data!.createProduct.seller).toEqual({ id: other.id });
    const edited = await fed.run(UpdateProductDocument, { id: mine.id, input: { featured: true } }, admin.token);
    expect(edited.data!.updateProduct.featured).toBe(true);
  });

  it('restocking a sold-out product lists it again; setting stock 0 marks it OUT_OF_STOCK', async () => {
    const p = await product(fed, reader, { stockQuantity: 1 });
    const out = await fed.run(UpdateProductDocument, { id: p.id, input: { stockQuantity: 0 } }, reader.token);
    expect(out.data!.updateProduct).toMatchObject({ status: 'OUT_OF_STOCK', inStock: false });
    const back = await fed.run(UpdateProductDocument, { id: p.id, input: { stockQuantity: 4 } }, reader.token);
    expect(back.data!.updateProduct).toMatchObject({ status: 'ACTIVE', inStock: true, stockQuantity: 4 });
  });
});

describe('the catalogue', () => {
  let shopOwner: TestUser;
  const tag = uid('zq').replace(/[^a-z0-9]/gi, '');
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    shopOwner = await seed.reader().create();
    ids.cheap = (await product(fed, shopOwner, { name: `${tag} cheap candle`, priceCents: 500, category: 'Candles', stockQuantity: 3 })).id;
    ids.dear = (await product(fed, shopOwner, { name: `${tag} crystal ball`, priceCents: 9000, category: 'Crystals', featured: true })).id;
    ids.pdf = (await product(fed, shopOwner, { name: `${tag} moon guide`, priceCents: 1200, type: 'DIGITAL', category: 'Guides', description: 'A lunar ritual' })).id;
    ids.draft = (await product(fed, shopOwner, { name: `${tag} secret draft`, priceCents: 700, status: 'DRAFT' })).id;
    ids.sold = (await product(fed, shopOwner, { name: `${tag} sold out`, priceCents: 800, stockQuantity: 0 })).id;
  });
  const list = async (token: string | null, filter: Record<string, unknown> = {}, sort?: 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'FEATURED') => {
    const res = await fed.run(ProductsDocument, { first: 50, filter: { search: tag, ...filter }, sort }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.products.edges.map((e) => e.node.id);
  };

  it('the public sees listed products only; the seller and admins also see drafts', async () => {
    const pub = await list(null);
    expect(pub).not.toContain(ids.draft);
    expect(new Set(pub)).toEqual(new Set([ids.cheap, ids.dear, ids.pdf, ids.sold]));
    expect(await list(client.token)).not.toContain(ids.draft);
    expect(await list(other.token)).not.toContain(ids.draft);
    expect(await list(shopOwner.token)).toContain(ids.draft);
    expect(await list(admin.token)).toContain(ids.draft);
    expect(errorCode(await fed.run(ProductDocument, { id: ids.draft }, client.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(ProductDocument, { id: ids.draft }, other.token))).toBe('NOT_FOUND');
    expect((await fed.run(ProductDocument, { id: ids.draft }, shopOwner.token)).data!.product.status).toBe('DRAFT');
    // Seller-only fields stay hidden from everyone else.
    const seen = await fed.run(ProductDocument, { id: ids.pdf }, client.token);
    expect(seen.data!.product).toMatchObject({ fileKey: null, stripeProductId: null });
  });

  it('searches names and descriptions, filters and sorts', async () => {
    expect(await list(null, { search: `${tag} CRYSTAL` })).toEqual([ids.dear]);
    const lunar = await fed.run(ProductsDocument, { first: 50, filter: { search: 'lunar ritual', readerId: shopOwner.id } }, null);
    expect(lunar.data!.products.edges.map((e) => e.node.id)).toEqual([ids.pdf]);
    expect(await list(null, { type: 'DIGITAL' })).toEqual([ids.pdf]);
    expect(await list(null, { category: 'candles' })).toEqual([ids.cheap]);
    expect(new Set(await list(null, { minPriceCents: 700, maxPriceCents: 1500 }))).toEqual(new Set([ids.pdf, ids.sold]));
    expect(await list(null, { inStock: false })).toEqual([ids.sold]);
    expect(await list(null, { inStock: true })).not.toContain(ids.sold);
    expect(await list(null, { readerId: other.id })).toEqual([]);
    expect(await list(null, {}, 'PRICE_ASC')).toEqual([ids.cheap, ids.sold, ids.pdf, ids.dear]);
    expect(await list(null, {}, 'PRICE_DESC')).toEqual([ids.dear, ids.pdf, ids.sold, ids.cheap]);
    expect((await list(null, {}, 'FEATURED'))[0]).toBe(ids.dear);
    expect(await list(null, {}, 'NEWEST')).toEqual([ids.sold, ids.pdf, ids.dear, ids.cheap]);
    const bad = await fed.run(ProductsDocument, { filter: { minPriceCents: 900, maxPriceCents: 100 } }, null);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });

  it('pages with cursors', async () => {
    const page1 = await fed.run(ProductsDocument, { first: 2, filter: { search: tag }, sort: 'PRICE_ASC' }, null);
    expect(page1.data!.products.pageInfo.hasNextPage).toBe(true);
    const page2 = await fed.run(ProductsDocument, { first: 2, after: page1.data!.products.pageInfo.endCursor, filter: { search: tag }, sort: 'PRICE_ASC' }, null);
    expect(page2.data!.products.edges.map((e) => e.node.id)).toEqual([ids.pdf, ids.dear]);
  });

  it('a reader\'s shop on Reader lists their listed products', async () => {
    const res = await fed.run(ReaderShopDocument, { id: shopOwner.id, sort: 'PRICE_ASC' }, client.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.reader!.products.edges.map((e) => e.node.id)).toEqual([ids.cheap, ids.sold, ids.pdf, ids.dear]);
    const own = await fed.run(ReaderShopDocument, { id: shopOwner.id }, shopOwner.token);
    expect(own.data!.reader!.products.edges.map((e) => e.node.id)).toContain(ids.draft);
  });
});
