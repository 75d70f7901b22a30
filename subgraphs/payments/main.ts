// One payments instance as its own process: `tsx subgraphs/payments/main.ts` (configuration from the environment).
import { runSubgraphProcess } from '../../shared/server/process.js';
import { startPayments } from './server.js';

await runSubgraphProcess('payments', startPayments);
