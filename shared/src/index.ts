import 'reflect-metadata';

export * from './auth';
export * from './config';
export * from './definition';
export * from './errors';
export * from './gateway-client';
export * from './loaders';
export * from './logger';
export * from './main';
export * from './migration-generator';
export * from './orm';
export * from './pagination';
export * from './subgraph';
export * from './tenant';
export * from './transactions';
export * from './validation';
export * from './demo';
export * from './media';
