/** Jest over the TypeScript sources: swc, with the decorator metadata type-graphql and MikroORM read. */
// the module's request logs would drown the report (LOG_LEVEL=info shows them); test workers inherit it
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // each suite starts the module on a database of its own
  testTimeout: 60_000,
};
