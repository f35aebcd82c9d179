export * from './contracts';
export * from './schemas';
