/**
 * What payments exports to the other subgraphs (shared/ports.ts lists every port): the MoneyPort implementation over
 * its ledger (with `jobs`: each movement's effects go through payments' outbox). The composition roots (scripts/)
 * build it and hand it to readings and community in their ServiceRuntime, and payments' own services receive the
 * same object in `ctx.deps.payments.money` (deps.ts).
 */
export { createMoney as createMoneyPort } from './services/money.js';
export type { PaymentsMoney } from './services/money.js';
