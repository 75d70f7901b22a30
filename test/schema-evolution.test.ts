import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_DIR } from '../gateway/supergraph.js';
import {
  APPROVED_FILE,
  RELEASED_FILE,
  checkSchemaDir,
  checkSchemaEvolution,
  describeChanges,
  parseApprovedBreakingChanges,
  publicSchemaSdl,
  releaseSchema,
} from '../scripts/schema-evolution.js';

// CI fails here when the public API (the API schema of schema/supergraph.graphql) breaks a client of the last
// released one (schema/released.graphql), unless schema/approved-breaking-changes.json lists the change
// (docs/operations.md, Schema evolution). `npm run schema:release` makes the current API the released one.

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of schema/ to edit (supergraph, released schema and approved list). */
async function schemaCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'schema-evolution-'));
  temps.push(dir);
  await cp(SCHEMA_DIR, dir, { recursive: true });
  return dir;
}

/** Edits the supergraph of a copy (the current API) with a textual replacement that must apply. */
async function editSupergraph(dir: string, from: RegExp, to: string) {
  const file = path.join(dir, 'supergraph.graphql');
  const sdl = await readFile(file, 'utf8');
  const edited = sdl.replace(from, to);
  expect(edited, `${from} matched nothing`).not.toBe(sdl);
  await writeFile(file, edited);
}

// Query.topUpOptions and its description.
const REMOVE_TOP_UP_OPTIONS = /\n  """Minimum, maximum and preset top-up amounts."""\n  topUpOptions: TopUpOptions! @join__field\(graph: PAYMENTS\)/;
const approve = (dir: string, approved: unknown[]) => writeFile(path.join(dir, APPROVED_FILE), JSON.stringify({ approved }, null, 2));

describe('schema evolution (graphql-inspector against schema/released.graphql)', () => {
  it('the committed public API has no unapproved breaking change against the released one', async () => {
    const report = await checkSchemaDir();
    expect(report.unapproved, `breaking changes to approve in schema/${APPROVED_FILE} (or revert):\n${describeChanges(report.unapproved)}`).toEqual([]);
  });

  it('catches a breaking change (a field removed) and names its path', async () => {
    const dir = await schemaCopy();
    // Query.topUpOptions removed from the supergraph.
    await editSupergraph(dir, REMOVE_TOP_UP_OPTIONS, '');
    const report = await checkSchemaDir(dir);
    expect(report.unapproved.map((c) => [c.type, c.path])).toEqual([['FIELD_REMOVED', 'Query.topUpOptions']]);
  });

  it('passes a breaking change listed in the approved file, with its reason', async () => {
    const dir = await schemaCopy();
    await editSupergraph(dir, REMOVE_TOP_UP_OPTIONS, '');
    await approve(dir, [{ path: 'Query.topUpOptions', reason: 'replaced by wallet.topUpOptions, clients moved in 2.3', type: 'FIELD_REMOVED' }]);
    const report = await checkSchemaDir(dir);
    expect(report.unapproved).toEqual([]);
    expect(report.approved).toMatchObject([{ path: 'Query.topUpOptions', reason: 'replaced by wallet.topUpOptions, clients moved in 2.3' }]);
    // An entry for another kind of change at the same path does not approve it.
    await approve(dir, [{ path: 'Query.topUpOptions', reason: 'only its type', type: 'FIELD_TYPE_CHANGED' }]);
    expect((await checkSchemaDir(dir)).unapproved).toHaveLength(1);
  });

  it('passes non-breaking additions (a new type and a new optional field)', async () => {
    const released = await readFile(path.join(SCHEMA_DIR, RELEASED_FILE), 'utf8');
    const added = `${released.replace(/\ntype Query \{\n/, '\ntype Query {\n  horoscope(sign: String): Horoscope\n')}\ntype Horoscope {\n  sign: String!\n  text: String\n}\n`;
    expect(added).toContain('horoscope(sign: String): Horoscope');
    const report = await checkSchemaEvolution(released, added, []);
    expect(report.unapproved).toEqual([]);
  });

  it('refuses an approved entry without a path or a reason', () => {
    expect(() => parseApprovedBreakingChanges('{"approved":[{"path":"Query.me"}]}')).toThrow(/no reason/);
    expect(() => parseApprovedBreakingChanges('{"approved":[{"reason":"x"}]}')).toThrow(/no path/);
    expect(() => parseApprovedBreakingChanges('[]')).toThrow(/expected/);
    expect(parseApprovedBreakingChanges('{"approved":[]}')).toEqual([]);
  });

  it('release copies the current public API to released.graphql and empties the approved list', async () => {
    const dir = await schemaCopy();
    await editSupergraph(dir, REMOVE_TOP_UP_OPTIONS, '');
    await approve(dir, [{ path: 'Query.topUpOptions', reason: 'approved before the release' }]);
    await releaseSchema(dir);
    const released = await readFile(path.join(dir, RELEASED_FILE), 'utf8');
    expect(released).toBe(publicSchemaSdl(await readFile(path.join(dir, 'supergraph.graphql'), 'utf8')));
    expect(released).not.toMatch(/\btopUpOptions:/);
    expect(parseApprovedBreakingChanges(await readFile(path.join(dir, APPROVED_FILE), 'utf8'))).toEqual([]);
    expect(await checkSchemaDir(dir)).toMatchObject({ unapproved: [], approved: [] });
    // The public API has no federation machinery in it.
    expect(released).not.toMatch(/join__|link__|@join|_entities|_service/);
  });
});
