import type { CodegenConfig } from '@graphql-codegen/cli';

// A typed client (TypedDocumentNode per operation) from the committed supergraph and the example
// operations in operations/. The end-to-end tests use it exactly as a partner app would.
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['operations/**/*.graphql'],
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' } },
    },
  },
  emitLegacyCommonJSImports: false,
};
export default config;
