export * from './common';
export * from './identity';
export * from './membership';
export * from './organizations';
export * from './workbench';
export * from './cases';
export * from './membership-answers';
export * from './platform-answers';
