export * from './engine';
export * from './membership';
export * from './hardship';
