// One accounts instance as its own process: `tsx subgraphs/accounts/main.ts` (configuration from the environment).
import { runSubgraphProcess } from '../../shared/server/process.js';
import { startAccounts } from './server.js';

await runSubgraphProcess('accounts', startAccounts);
