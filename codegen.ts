import type { CodegenConfig } from '@graphql-codegen/cli';

// A typed client (TypedDocumentNode per operation) from the committed supergraph and the example
// operations in operations/. The end-to-end tests use it exactly as a partner app would. persistedDocuments: each
// generated document carries its id (`__meta__.hash`, the sha256 of its normalised text) and the manifest
// test/generated/persisted-documents.json ({ id: text }) is what the gateway trusts (gateway/trusted-documents.ts).
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['operations/**/*.graphql'],
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' } },
    },
  },
  emitLegacyCommonJSImports: false,
};
export default config;
