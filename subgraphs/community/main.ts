// One community instance as its own process: `tsx subgraphs/community/main.ts` (configuration from the environment).
import { runSubgraphProcess } from '../../shared/server/process.js';
import { startCommunity } from './server.js';

await runSubgraphProcess('community', startCommunity);
