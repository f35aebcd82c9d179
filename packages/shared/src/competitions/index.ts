export * from './scoring';
export * from './contracts';
export * from './schemas';
export * from './answers';
