export * from './hub';
export * from './subgraphs';
export * from './supergraph';
export * from './dev-token';
export { benchmarkPeople } from './seed';
