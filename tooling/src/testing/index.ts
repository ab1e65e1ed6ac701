export * from './hub';
export * from './media';
export * from './directory';
export * from './org';
export * from './cli';
export * from './proxy';
export * from './cluster';
