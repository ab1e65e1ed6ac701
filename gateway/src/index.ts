export * from './gateway';
export * from './hub';
export * from './health';
export * from './supergraph';
export * from './subgraphs';
export * from './dev-token';
export * from './testing';
export { benchmarkPeople } from './seed';
