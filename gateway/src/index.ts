export * from './gateway';
export * from './health';
export * from './supergraph';
export * from './manifest';
export * from './gateway-config';
export * from './auth/tokens';
export { GatewayMetrics } from './plugins/use-metrics';
export * from './tracing';
export * from './access';
