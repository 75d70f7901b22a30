import { createMoney } from './services/money.js';

/**
 * What payments lets other subgraphs do to its rows (shared/ports.ts lists every cross-owner port). The composition
 * roots build it once per process and hand it to readings and community as `ServiceRuntime.money`, and to payments'
 * own services (deps.ts).
 */

/** Payments' implementation of the MoneyPort over one pool (with `jobs`: effects go through payments' outbox). */
export const createMoneyPort = createMoney;

export type { PaymentsMoney } from './services/money.js';
