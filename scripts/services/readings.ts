// One readings instance as its own process: `tsx scripts/services/readings.ts` (configuration from the environment). An entry
// point is a composition root: it wires the cross-owner ports (scripts/compose.ts) that the subgraph receives.
import { runSubgraphProcess } from '../../shared/server/process.js';
import { startReadings } from '../../subgraphs/readings/server.js';
import { composeRuntime } from '../compose.js';

await runSubgraphProcess('readings', startReadings, composeRuntime);
