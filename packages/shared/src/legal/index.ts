export * from './clock';
export * from './eligibility';
export * from './contracts';
export * from './evidence';
export * from './schemas';
export * from './answers';
