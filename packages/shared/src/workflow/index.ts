export * from './engine';
export * from './membership';
export * from './hardship';
export * from './legal';
export * from './recognition';
export * from './registry';
export * from './notice';
