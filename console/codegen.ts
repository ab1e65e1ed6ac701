import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the console's queries, validated against the hub's supergraph: a schema change that breaks a
 * screen fails `npm run codegen:check` (and the test that runs it) before it reaches an admin.
 */
const config: CodegenConfig = {
  schema: '../tooling/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { LocalDate: 'string', DateTime: 'string', SafeInt: 'number', Currency: 'string' } },
    },
  },
};

export default config;
