export * from './people';
export * from './claims';
