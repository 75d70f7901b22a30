import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CLIENTS_DIR, generateClientConfig } from '../scripts/client-config-generate.js';

// clients/ ships the cache configuration partners paste into Apollo Client and urql: it must follow the schema.
describe('committed client cache configuration', () => {
  it('matches what the API schema generates (run `npm run client-config` after `npm run schema`)', async () => {
    const files = await generateClientConfig();
    expect(Object.keys(files).sort()).toEqual(['apollo-type-policies.ts', 'urql-keys.ts']);
    for (const [file, content] of Object.entries(files)) {
      expect(await readFile(path.join(CLIENTS_DIR, file), 'utf8'), `clients/${file}`).toBe(content);
    }
  });

  it('embeds every type without an id, normalises types with one, and replaces lists of objects', async () => {
    const schema = buildSchema(`
      type Query { me: User, things: [Thing!]!, feed: Feed }
      type User { id: ID!, profile: Profile, tags: [String!]! }
      type Profile { name: String }
      type Thing { id: ID! }
      type Feed { items: [Thing!]! }
    `);
    const files = await generateClientConfig(schema);
    const apollo = files['apollo-type-policies.ts']!;
    expect(apollo).toContain('  Profile: { keyFields: false, merge: true },\n');
    expect(apollo).toContain('  Feed: { keyFields: false, merge: true, fields: { items: { merge: false } } },\n');
    expect(apollo).toContain('  Query: { fields: { things: { merge: false } } },\n');
    expect(apollo).not.toMatch(/^ {2}(User|Thing):/m); // ids: Apollo's default; a list of scalars needs nothing
    const urql = files['urql-keys.ts']!;
    expect(urql).toContain('  Feed: embedded,\n  Profile: embedded,\n};');
    expect(urql).not.toMatch(/^ {2}(User|Thing|Query):/m);
  });
});
