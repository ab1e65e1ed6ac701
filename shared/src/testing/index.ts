export * from './client';
export * from './database';
export * from './queries';
export * from './wait';
