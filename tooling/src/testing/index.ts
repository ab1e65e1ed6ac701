export * from './hub';
export * from './media';
export * from './directory';
export * from './org';
export * from './cli';
