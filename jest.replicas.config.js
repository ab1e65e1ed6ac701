/**
 * `npm run test:replicas`: the hub as a cluster of processes (tooling/test/replicas), on the PostgreSQL server of
 * DATABASE_URL and the Redis of REDIS_URL (default 127.0.0.1:6379). Plain `npm test` leaves it out: it runs the
 * built processes (npm run build) and takes minutes.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/tooling'],
  testMatch: ['<rootDir>/tooling/test/replicas/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180_000,
  // one cluster at a time: it is a machine's worth of processes already
  maxWorkers: 1,
};
