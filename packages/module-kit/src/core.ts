/**
 * `@corphub/module-kit/core`: what the gateway needs (verified context and tokens, security settings,
 * errors, logging, the GraphQL-over-HTTP handler and `listen`, metrics) without the rest of the kit. The main entry
 * also loads MikroORM with both drivers and its migrator, type-graphql and the validators, which the gateway
 * never uses: about 12 MiB of heap and 17 MiB of RSS in every gateway process (bench/README.md, memory).
 */
export * from './auth';
export * from './config';
export * from './env';
export * from './errors';
export * from './logger';
export * from './graphql-http';
export * from './metrics';
export * from './tracing';
