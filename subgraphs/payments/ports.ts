/**
 * What payments exports to the other subgraphs (shared/ports.ts lists every port): the MoneyPort implementation over
 * its ledger (with `jobs`: each movement's effects go through payments' outbox), and its personal-data functions
 * (GDPR export and deletion). The composition roots (scripts/) build them and hand them to the other subgraphs in
 * their ServiceRuntime, and payments' own services receive the same money object in `ctx.deps.payments.money` (deps.ts).
 */
import type { PersonalDataPort } from '../../shared/ports.js';
import { paymentsPersonalData } from './services/personal-data.js';

export { createMoney as createMoneyPort } from './services/money.js';
export type { PaymentsMoney } from './services/money.js';

export function createPaymentsDataPort(): PersonalDataPort {
  return paymentsPersonalData;
}
