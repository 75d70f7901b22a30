/**
 * What payments exports to the other subgraphs (shared/ports.ts lists every port): the MoneyPort implementation over
 * its ledger. The composition roots (scripts/) build it and hand it to readings and community in their ServiceRuntime.
 */
export { createMoney as createMoneyPort } from './services/money.js';
