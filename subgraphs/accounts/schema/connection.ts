import type { ObjectFieldBuilder } from '@pothos/core';
import type { Builder } from '../../../shared/builder.js';

type Types = Builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * The `totalCount` field prismaConnection adds when given a `totalCount` function, re-declared only to give it a
 * description. The extension keeps the plugin's shortcut: a request for totalCount alone skips the page query.
 */
export function totalCountField(t: ObjectFieldBuilder<Types, object>, description: string) {
  return t.int({
    description,
    extensions: { pothosPrismaTotalCount: true },
    resolve: (parent) => (parent as { totalCount?: () => number | Promise<number> }).totalCount?.() ?? 0,
  });
}
