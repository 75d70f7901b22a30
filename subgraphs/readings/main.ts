// One readings instance as its own process: `tsx subgraphs/readings/main.ts` (configuration from the environment).
import { runSubgraphProcess } from '../../shared/server/process.js';
import { startReadings } from './server.js';

await runSubgraphProcess('readings', startReadings);
