export * from './gateway';
export * from './hub';
export * from './health';
export * from './supergraph';
export * from './subgraphs';
export * from './dev-token';
export * from './testing';
export * from './gateway-config';
export { GatewayMetrics } from './plugins/use-metrics';
