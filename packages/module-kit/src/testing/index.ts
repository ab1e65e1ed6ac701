export * from './context';
export * from './client';
export * from './database';
export * from './queries';
export * from './media-files';
export * from './timers';
export * from './wait';
export * from './env';
