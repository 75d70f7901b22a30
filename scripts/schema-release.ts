// npm run schema:release: the current public API (the API schema of schema/supergraph.graphql, after `npm run schema`
// recomposed it) becomes schema/released.graphql, the baseline test/schema-evolution.test.ts checks breaking changes
// against, and schema/approved-breaking-changes.json is emptied (what it approved is now released). Commit both.
import path from 'node:path';
import { checkSchemaDir, describeChanges, releaseSchema } from './schema-evolution.js';

// The first release has no released.graphql to compare with: nothing to list then.
const before = await checkSchemaDir().catch(() => null);
if (before?.approved.length) console.log(`releasing ${before.approved.length} approved breaking change(s):\n${describeChanges(before.approved)}`);
if (before?.unapproved.length) console.log(`releasing ${before.unapproved.length} UNAPPROVED breaking change(s):\n${describeChanges(before.unapproved)}`);
const { file } = await releaseSchema();
console.log(`wrote ${path.relative(process.cwd(), file)} and emptied schema/approved-breaking-changes.json`);
