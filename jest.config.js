/**
 * Jest over the TypeScript sources, with the template module's transform (swc, with decorator metadata for
 * type-graphql and MikroORM): its jest.config.js stands alone in a vendor's copy, this one borrows from it.
 */
const { transform } = require('./examples/okr/jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/gateway', '<rootDir>/tooling', '<rootDir>/subgraphs', '<rootDir>/examples'],
  testMatch: ['**/test/**/*.test.ts'],
  // the cluster of replicas (separate processes on PostgreSQL and Redis) runs on its own: npm run test:replicas
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tooling/test/replicas/'],
  transform,
  moduleNameMapper: {
    '^@corphub/module-kit$': '<rootDir>/packages/module-kit/src/index.ts',
    '^@corphub/module-kit/core$': '<rootDir>/packages/module-kit/src/core.ts',
    '^@corphub/module-kit/testing$': '<rootDir>/packages/module-kit/src/testing/index.ts',
    '^@corphub/demo$': '<rootDir>/packages/demo/src/index.ts',
    '^@corphub/gateway$': '<rootDir>/gateway/src/index.ts',
    '^@corphub/tooling$': '<rootDir>/tooling/src/index.ts',
    '^@corphub/tooling/testing$': '<rootDir>/tooling/src/testing/index.ts',
    '^@corphub/([a-z-]+)$': '<rootDir>/subgraphs/$1/src/index.ts',
    '^@example/([a-z-]+)$': '<rootDir>/examples/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/[^/]+/dist/', '<rootDir>/(packages|subgraphs|examples)/[^/]+/dist/'],
  setupFiles: ['<rootDir>/jest.setup.js'],
  testTimeout: 60_000,
  // suites start real servers and databases: two at a time suits a 2-core machine
  maxWorkers: 2,
};
