export * from './scoring';
export * from './contracts';
