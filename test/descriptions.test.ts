import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  isIntrospectionType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR } from '../gateway/supergraph.js';

// Partners learn the API through introspection: every public type, field, argument and enum value says what it is.
describe('public API schema', () => {
  it('describes every type, field, argument and enum value', async () => {
    const sdl = await readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
    const missing: string[] = [];
    const check = (what: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(what);
    };
    for (const type of Object.values(api.getTypeMap()) as GraphQLNamedType[]) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!['Query', 'Mutation', 'Subscription'].includes(type.name)) check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
      } else if (isUnionType(type)) {
        // described above
      }
    }
    expect(missing).toEqual([]);
  });
});
