// npm run bench:shop — the shop through the gateway (the whole federation in this process, on a scratch schema of
// TEST_DATABASE_URL, default the machine's PostgreSQL):
// 1. BUYERS (50) concurrent wallet buyers of the last UNITS (10) units of one product: prints paid and refused
//    counts (must be exactly UNITS paid, the rest OUT_OF_STOCK, nobody refused charged) and the wall time;
// 2. catalogue search on PRODUCTS (10,000) seeded products: CONCURRENCY (20) clients run `products` with a search
//    word, a filter and a sort for SECONDS (10); prints req/s, p50 and p99.
import { print } from 'graphql';
const { startTestFederation, postGraphQL } = await import('../test/helpers/federation.js');
const { createSeed } = await import('../test/helpers/seed.js');
const { CreateProductDocument, PlaceOrderDocument, ProductsDocument } = await import('../test/generated/graphql.js');

const BUYERS = Number(process.env.BUYERS ?? 50);
const UNITS = Number(process.env.UNITS ?? 10);
const PRODUCTS = Number(process.env.PRODUCTS ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 10);

const fed = await startTestFederation({ databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', poolSize: 20 });
try {
  const seed = createSeed(fed);
  const reader = await seed.reader().create();
  const created = await fed.run(CreateProductDocument, { input: { name: 'Last amethysts', category: 'Crystals', type: 'PHYSICAL', priceCents: 1500, stockQuantity: UNITS, status: 'ACTIVE' } }, reader.token);
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const productId = created.data!.createProduct.id;
  const buyers = await Promise.all(Array.from({ length: BUYERS }, () => seed.client().withCredit(5000).create()));
  const address = { name: 'Bench Buyer', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
  const t0 = performance.now();
  const results = await Promise.all(
    buyers.map((b, i) =>
      fed.run(PlaceOrderDocument, { input: { items: [{ productId, quantity: 1 }], paymentMethod: 'WALLET', shippingAddress: address, idempotencyKey: `bench-order-${i}-${Date.now()}` } }, b.token),
    ),
  );
  const ms = performance.now() - t0;
  const paid = results.filter((r) => r.data?.placeOrder.order.status === 'PAID').length;
  const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'OUT_OF_STOCK').length;
  const charged = await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_accounts WHERE kind = 'CLIENT_WALLET' AND balance_cents < 5000`);
  console.log(`stock race: ${BUYERS} buyers, ${UNITS} units → ${paid} paid, ${refused} OUT_OF_STOCK, ${BUYERS - paid - refused} other; wallets charged ${charged[0]!.n}; ${ms.toFixed(0)} ms`);
  if (paid !== UNITS || refused !== BUYERS - UNITS || charged[0]!.n !== UNITS) process.exitCode = 1;

  await fed.db.sql(
    `INSERT INTO products (id, name, description, type, category, price_cents, status, featured, reader_id, stock_quantity, images, updated_at, created_at)
     SELECT 'bench-' || g,
            (ARRAY['Amethyst','Rose quartz','Tarot deck','Moon guide','Sage bundle','Crystal ball','Candle','Oracle cards'])[1 + g % 8] || ' ' || g,
            'Hand-picked ' || (ARRAY['healing','lunar','protective','calming'])[1 + g % 4] || ' item number ' || g,
            (ARRAY['PHYSICAL','DIGITAL','SERVICE'])[1 + g % 3]::"ProductType",
            (ARRAY['Crystals','Guides','Readings','Candles','Decks'])[1 + g % 5],
            100 + (g * 37) % 20000, 'ACTIVE', g % 50 = 0, $1, CASE WHEN g % 3 = 0 THEN g % 20 ELSE NULL END, '{}', now(), now() - g * interval '1 minute'
       FROM generate_series(1, $2::int) g`,
    [reader.id, PRODUCTS],
  );
  await fed.db.sql(`ANALYZE products`);
  const words = ['amethyst', 'tarot', 'lunar', 'candle', 'oracle', 'calming', 'quartz', 'sage'];
  const sorts = ['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'FEATURED'] as const;
  const query = print(ProductsDocument);
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const k = w * 7919 + i;
        const filter = { search: words[k % words.length], ...(k % 2 ? { inStock: true } : { minPriceCents: 500, maxPriceCents: 15_000 }) };
        const s = performance.now();
        const r = await postGraphQL(fed.url, { query, variables: { first: 20, filter, sort: sorts[k % sorts.length] } });
        latencies.push(performance.now() - s);
        if (r.errors) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(`catalogue search: ${PRODUCTS} products, ${CONCURRENCY} clients, ${SECONDS} s → ${(latencies.length / SECONDS).toFixed(1)} req/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms, ${errors} errors`);
  if (errors) process.exitCode = 1;
} finally {
  await fed.stop();
}
