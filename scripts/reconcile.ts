// npm run reconcile: compares the ledger, cached balances, transactions, top-ups, payouts and recorded Stripe
// events in DATABASE_URL and prints every difference. Exits 1 when any check finds one.
// `npm run reconcile -- --schema NAME` checks another PostgreSQL schema (the tests use it on their own schema).
import { createPrisma } from '../shared/db/client.js';
import { reconcile } from '../subgraphs/payments/services/reports.js';

const flag = process.argv.indexOf('--schema');
const schema = flag > 0 ? process.argv[flag + 1] : undefined;
if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error('--schema takes a plain schema name');
const base = new URL(process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres');
if (schema) base.searchParams.set('options', `-c search_path=${schema}`);
const prisma = createPrisma(base.toString(), { max: 2, schema });
try {
  const report = await reconcile(prisma);
  for (const c of report.checks) {
    console.log(`${c.differences === 0 ? 'ok  ' : 'DIFF'} ${c.check.padEnd(30)} ${String(c.differences).padStart(6)}  ${c.description}${c.sample.length ? `  e.g. ${c.sample.join(', ')}` : ''}`);
  }
  const t = report.totals;
  const sum = Object.values(t).reduce((a, b) => a + b, 0);
  console.log(`totals (cents): wallets ${t.walletsCents}, earnings ${t.earningsCents}, platform revenue ${t.platformRevenueCents}, stripe clearing ${t.stripeClearingCents}, payouts clearing ${t.payoutsClearingCents}, refunds ${t.refundsCents}, adjustments ${t.adjustmentsCents}; all accounts sum to ${sum}`);
  console.log(report.ok && sum === 0 ? 'reconciliation: 0 differences' : 'reconciliation: DIFFERENCES FOUND');
  process.exitCode = report.ok && sum === 0 ? 0 : 1;
} finally {
  await prisma.$disconnect();
}
