export * from './engine';
export * from './membership';
