// One accounts instance as its own process: `tsx scripts/services/accounts.ts` (configuration from the environment). An entry
// point is a composition root: it wires the cross-owner ports (scripts/compose.ts) that the subgraph receives.
import { runSubgraphProcess } from '../../shared/server/process.js';
import { startAccounts } from '../../subgraphs/accounts/server.js';
import { composeRuntime } from '../compose.js';

await runSubgraphProcess('accounts', startAccounts, composeRuntime);
