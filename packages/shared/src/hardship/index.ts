export * from './rules';
export * from './contracts';
export * from './campaigns';
export * from './schemas';
export * from './answers';
