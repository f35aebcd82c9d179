export * from './errors';
export * from './organizations';
export * from './permissions';
export * from './pii';
export * from './calendar';
export * from './workflow';
export * from './contracts';
