// One payments instance as its own process: `tsx scripts/services/payments.ts` (configuration from the environment). An entry
// point is a composition root: it wires the cross-owner ports (scripts/compose.ts) that the subgraph receives.
import { runSubgraphProcess } from '../../shared/server/process.js';
import { startPayments } from '../../subgraphs/payments/server.js';
import { composeRuntime } from '../compose.js';

await runSubgraphProcess('payments', startPayments, composeRuntime);
