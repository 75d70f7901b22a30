import type { BaseRuntime, ServiceRuntime } from '../shared/runtime.js';
import { createAccountsPort } from '../subgraphs/accounts/ports.js';
import { createCommunityDataPort, createNotificationsPort } from '../subgraphs/community/ports.js';
import { createMoneyPort, createPaymentsDataPort } from '../subgraphs/payments/ports.js';
import { createReadingsDataPort } from '../subgraphs/readings/ports.js';

/**
 * THE composition root of the cross-owner ports (shared/ports.ts lists them): every entry point — `npm start`
 * (scripts/start.ts), one process per service (scripts/services/*.ts), the test federation and the benchmarks —
 * builds its ServiceRuntime here, so each subgraph receives the owners' implementations without importing them.
 */
export function composeRuntime(base: BaseRuntime): ServiceRuntime & { money: ReturnType<typeof createMoneyPort> } {
  const notifications = createNotificationsPort(base.jobs);
  return {
    ...base,
    // Payments writes its notices (top-up receipt, low balance, auto-reload, payouts) through community's port.
    money: createMoneyPort(base.prisma, base.pubsub, base.jobs, notifications),
    accounts: createAccountsPort(),
    notifications,
    personalData: [createReadingsDataPort(), createCommunityDataPort(), createPaymentsDataPort()],
  };
}
