import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR } from '../gateway/supergraph.js';

// Words that carry no meaning of their own in a description.
const FILLER = new Set(
  'a an the of this that its it is are was were be been to for in on at by and or as with from any one each'.split(' '),
);
// Words a description may use that say no more than a word of the name: "When." for createdAt, "State." for status.
const SAME_AS: Record<string, string[]> = {
  at: ['when', 'time', 'date', 'moment'],
  date: ['when', 'day'],
  time: ['when'],
  status: ['state', 'current', 'status'],
  state: ['status'],
  id: ['identifier', 'key'],
  url: ['link', 'address', 'location'],
  image: ['picture'],
  kind: ['type', 'what'],
  type: ['kind'],
  count: ['number', 'how', 'many'],
  cents: ['amount'],
  reason: ['why'],
  description: ['describe', 'text'],
  message: ['text'],
  content: ['text', 'body'],
};

/** Lowercase words of a GraphQL name or a sentence: sessionId, SESSION_ID and "Session id." all give session, id. */
export const words = (text: string): string[] =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const stem = (word: string) => (word.length > 4 ? word.replace(/(ing|ed|es|s)$/, '') : word);

/**
 * True when a description tells a reader nothing the name (the type, field and argument names around it) does not:
 * fewer than two meaningful words ("Done.", "The stream."), or only the name's own words and their plain synonyms
 * ("Session id." for sessionId, "When." for createdAt, "State." for status, "requested" for REQUESTED).
 */
export function onlyRepeatsName(name: string, description: string): boolean {
  const named = new Set<string>();
  for (const word of words(name)) {
    named.add(stem(word));
    for (const same of SAME_AS[word] ?? []) named.add(stem(same));
  }
  const said = words(description)
    .filter((word) => !FILLER.has(word))
    .map(stem);
  return said.length < 2 || said.every((word) => named.has(word));
}

const ROOTS = ['Query', 'Mutation', 'Subscription'];

// Partners learn the API through introspection: every public type, field, argument and enum value says what it is,
// in words that add to its name (units, who sees it, when it is null, what a value means in the product).
describe('public API schema', () => {
  it('describes every type, field, argument and enum value, beyond repeating its name', async () => {
    const sdl = await readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
    const missing: string[] = [];
    const repeating: string[] = [];
    // `context` is the names a reader already sees next to the description (root type names say nothing).
    const check = (what: string, context: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(what);
      else if (onlyRepeatsName(context, description)) repeating.push(`${what}: ${JSON.stringify(description)}`);
    };
    for (const type of Object.values(api.getTypeMap()) as GraphQLNamedType[]) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      const typeContext = ROOTS.includes(type.name) ? '' : type.name;
      if (!ROOTS.includes(type.name)) check(type.name, type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          const fieldContext = `${typeContext} ${field.name}`;
          check(`${type.name}.${field.name}`, fieldContext, field.description);
          for (const arg of field.args) {
            check(`${type.name}.${field.name}(${arg.name})`, `${fieldContext} ${arg.name}`, arg.description);
          }
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          // An input's name is its mutation's ("CreateForumPostInput"): a reader does not read it as the field's subject.
          check(`${type.name}.${field.name}`, field.name, field.description);
        }
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) {
          check(`${type.name}.${value.name}`, `${typeContext} ${value.name}`, value.description);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(repeating).toEqual([]);
  });

  it('tells a description that repeats its name from one that adds to it', () => {
    expect(onlyRepeatsName('Session id', 'Session id.')).toBe(true);
    expect(onlyRepeatsName('Gift createdAt', 'When.')).toBe(true);
    expect(onlyRepeatsName('VirtualGift name', 'Name.')).toBe(true);
    expect(onlyRepeatsName('Payout status', 'State.')).toBe(true);
    expect(onlyRepeatsName('SessionEventKind MINUTE_CHARGED', 'minute charged')).toBe(true);
    expect(onlyRepeatsName('Mutation startLiveStream streamId', 'The stream.')).toBe(true);
    expect(onlyRepeatsName('TransactionStatus COMPLETED', 'Done.')).toBe(true);
    expect(onlyRepeatsName('Gift createdAt', 'When it was sent (UTC, ISO-8601).')).toBe(false);
    expect(onlyRepeatsName('ReaderSort PRICE_LOW', 'Cheapest first.')).toBe(false);
    expect(onlyRepeatsName('Client firstName', 'Given name.')).toBe(false);
    expect(onlyRepeatsName('SessionType CALL', 'Voice call.')).toBe(false);
  });
});
