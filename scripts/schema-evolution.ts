// Schema evolution: the public API (the API schema of schema/supergraph.graphql: what clients can query, without the
// federation machinery) must not break against the last released one, schema/released.graphql, unless the break is
// approved in schema/approved-breaking-changes.json. test/schema-evolution.test.ts runs the check in the suite (so in
// CI); `npm run schema:release` (scripts/schema-release.ts) makes the current public API the released one.
//
// Approved breaking changes, schema/approved-breaking-changes.json:
//   { "approved": [ { "path": "Query.oldField", "reason": "why it may break (who agreed, until when clients moved)" } ] }
// `path` is graphql-inspector's path of the change (Type, Type.field, Type.field.argument, Enum.VALUE), printed by the
// failing test next to each unapproved break; an optional `type` (graphql-inspector's change type, e.g. FIELD_REMOVED)
// narrows an entry to that kind of change at that path. `reason` is required. Releasing empties the list.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { SCHEMA_DIR } from '../gateway/supergraph.js';

export const RELEASED_FILE = 'released.graphql';
export const APPROVED_FILE = 'approved-breaking-changes.json';
const SUPERGRAPH_FILE = 'supergraph.graphql';

export interface ApprovedBreakingChange {
  path: string;
  reason: string;
  type?: string;
}

export interface BreakingChange {
  type: string;
  path: string;
  message: string;
}

export interface EvolutionReport {
  /** Breaking changes not in the approved list: the check fails on any. */
  unapproved: BreakingChange[];
  /** Breaking changes an entry of the approved list allows. */
  approved: Array<BreakingChange & { reason: string }>;
  /** Approved entries that match no change (left over from an earlier release: harmless, worth removing). */
  unusedApprovals: ApprovedBreakingChange[];
  /** Changes graphql-inspector calls dangerous (not breaking, e.g. an enum value added): reported only. */
  dangerous: BreakingChange[];
}

/** The public API schema of a supergraph SDL, printed in a stable (sorted) order. */
export function publicSchemaSdl(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return printSchema(lexicographicSortSchema(api)) + '\n';
}

/** Reads and validates the approved list (a missing file is an empty list). Throws on a malformed entry. */
export async function readApprovedBreakingChanges(schemaDir = SCHEMA_DIR): Promise<ApprovedBreakingChange[]> {
  let text: string;
  try {
    text = await readFile(path.join(schemaDir, APPROVED_FILE), 'utf8');
  } catch (error) {
    // No file: nothing is approved (the same as an empty list).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseApprovedBreakingChanges(text);
}

export function parseApprovedBreakingChanges(text: string): ApprovedBreakingChange[] {
  const json = JSON.parse(text) as { approved?: unknown };
  if (!json || !Array.isArray(json.approved)) throw new Error(`${APPROVED_FILE}: expected { "approved": [ { "path", "reason" } ] }`);
  return json.approved.map((entry: unknown, i: number) => {
    const e = entry as Partial<ApprovedBreakingChange>;
    if (typeof e?.path !== 'string' || !e.path.trim()) throw new Error(`${APPROVED_FILE}: approved[${i}] has no path`);
    if (typeof e.reason !== 'string' || !e.reason.trim()) throw new Error(`${APPROVED_FILE}: approved[${i}] (${e.path}) has no reason`);
    if (e.type !== undefined && typeof e.type !== 'string') throw new Error(`${APPROVED_FILE}: approved[${i}] (${e.path}) type must be a string`);
    return { path: e.path.trim(), reason: e.reason.trim(), ...(e.type ? { type: e.type } : {}) };
  });
}

const toBreaking = (c: Change): BreakingChange => ({ type: String(c.type), path: c.path ?? '(schema)', message: c.message });

/** Compares two public API SDLs; `approved` entries allow the breaking changes they match. */
export async function checkSchemaEvolution(releasedSdl: string, currentSdl: string, approved: ApprovedBreakingChange[]): Promise<EvolutionReport> {
  const before: GraphQLSchema = buildSchema(releasedSdl);
  const after: GraphQLSchema = buildSchema(currentSdl);
  const changes = await diff(before, after);
  const report: EvolutionReport = { unapproved: [], approved: [], unusedApprovals: [], dangerous: [] };
  const used = new Set<ApprovedBreakingChange>();
  for (const change of changes) {
    const c = toBreaking(change);
    if (change.criticality.level === CriticalityLevel.Dangerous) report.dangerous.push(c);
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    const match = approved.find((a) => a.path === c.path && (!a.type || a.type === c.type));
    if (match) {
      used.add(match);
      report.approved.push({ ...c, reason: match.reason });
    } else {
      report.unapproved.push(c);
    }
  }
  report.unusedApprovals = approved.filter((a) => !used.has(a));
  return report;
}

/** The check on a schema folder: the supergraph's public API against released.graphql and the approved list. */
export async function checkSchemaDir(schemaDir = SCHEMA_DIR): Promise<EvolutionReport> {
  const [supergraph, released, approved] = await Promise.all([
    readFile(path.join(schemaDir, SUPERGRAPH_FILE), 'utf8'),
    readFile(path.join(schemaDir, RELEASED_FILE), 'utf8'),
    readApprovedBreakingChanges(schemaDir),
  ]);
  return checkSchemaEvolution(released, publicSchemaSdl(supergraph), approved);
}

export const EMPTY_APPROVALS =
  JSON.stringify(
    {
      '//': 'Breaking changes to the public API allowed against schema/released.graphql: { "path": "Type.field", "reason": "why", "type"?: "FIELD_REMOVED" }. See docs/operations.md (Schema evolution). npm run schema:release empties this list.',
      approved: [],
    },
    null,
    2,
  ) + '\n';

/** Releases: the supergraph's public API becomes released.graphql, and the approved list is emptied. */
export async function releaseSchema(schemaDir = SCHEMA_DIR): Promise<{ file: string }> {
  const supergraph = await readFile(path.join(schemaDir, SUPERGRAPH_FILE), 'utf8');
  const file = path.join(schemaDir, RELEASED_FILE);
  await writeFile(file, publicSchemaSdl(supergraph));
  await writeFile(path.join(schemaDir, APPROVED_FILE), EMPTY_APPROVALS);
  return { file };
}

/** One line per change, for the test's failure message and the release script. */
export function describeChanges(changes: BreakingChange[]): string {
  return changes.map((c) => `  ${c.type} at ${c.path}: ${c.message}`).join('\n');
}
