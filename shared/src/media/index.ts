export * from './store';
export * from './reference';
