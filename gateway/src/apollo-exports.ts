import { createRequire } from 'node:module';

/**
 * Apollo Gateway and its query planner call @apollo/federation-internals through the package's index, where
 * every export is a getter (TypeScript's `export *`) sharing one function for hundreds of names: a megamorphic
 * lookup on each of the thousands of calls a request makes while shaping its answer. Before either package
 * loads, the index's cached module is given a copy of its exports as plain values: the package assigns each
 * export once, while it loads, so the copy never goes stale. Loaded first by gateway.ts; a no-op where the
 * module cache is not Node's (Jest's registry), where the gateway just keeps the getters.
 */
function plainFederationExports(): void {
  const fromGateway = createRequire(require.resolve('@apollo/gateway'));
  const path = fromGateway.resolve('@apollo/federation-internals');
  const internals = fromGateway('@apollo/federation-internals') as Record<string, unknown>;
  const cached = require.cache[path];
  if (cached?.exports !== internals) return;
  const plain: Record<string, unknown> = { ...internals };
  Object.defineProperty(plain, '__esModule', { value: true });
  cached.exports = plain;
}

plainFederationExports();
