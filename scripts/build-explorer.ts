// npm run build:explorer: bundles the in-browser explorer into .data/graphiql/ (skipped when up to date).
// The gateway also does this on the first browser GET when needed; run it ahead where devDependencies are
// not installed at run time (a production image that turns the explorer on with GRAPHQL_EXPLORER=1).
import { ensureExplorerBuild } from '../gateway/explorer-build.js';

const started = Date.now();
const build = await ensureExplorerBuild();
console.log(`explorer ${build.built ? 'built' : 'up to date'}: ${build.dir} (${Date.now() - started} ms)`);
