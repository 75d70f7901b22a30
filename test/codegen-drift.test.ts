import { readdir, readFile } from 'node:fs/promises';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';
import { DEFAULT_MANIFEST_PATH, readManifest } from '../gateway/trusted-documents.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// test/generated/ is committed: the typed client the tests and partners use, and persisted-documents.json, the
// manifest of trusted documents the gateway accepts in TRUSTED_DOCUMENTS=enforce. Both must be what codegen writes
// from operations/ and the committed supergraph, or an app would send ids the gateway does not know.
describe('committed codegen output', () => {
  it('matches what `npm run codegen` generates, the trusted-documents manifest included', async () => {
    const outputs = await generate({ ...config, cwd: root, silent: true, verbose: false }, false);
    const files = new Map((outputs as Array<{ filename: string; content: string }>).map((o) => [path.relative(root, path.resolve(root, o.filename)), o.content]));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['test/generated/graphql.ts', 'test/generated/persisted-documents.json']));
    for (const [file, content] of files) {
      expect(await readFile(path.join(root, file), 'utf8'), `${file} (run \`npm run codegen\`)`).toBe(content);
    }
  }, 120_000);

  it('has one entry per operation in operations/, each id the sha256 of its text', async () => {
    // readManifest checks every id against its text.
    const manifest = readManifest(DEFAULT_MANIFEST_PATH);
    const operationName = (text: string) => (parse(text).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode).name!.value;
    const inManifest = Object.values(manifest).map(operationName).sort();
    const inSources: string[] = [];
    for (const file of await readdir(path.join(root, 'operations'))) {
      for (const d of parse(await readFile(path.join(root, 'operations', file), 'utf8')).definitions) {
        if (d.kind === Kind.OPERATION_DEFINITION) inSources.push(d.name!.value);
      }
    }
    expect(inManifest).toEqual(inSources.sort());
  });
});
