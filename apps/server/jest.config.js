const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@fastify/static|glob|path-scurry|minimatch|lru-cache|content-disposition)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  // A global option (projects ignore it): the e2e apps seed a whole demo county before each suite.
  testTimeout: 60000,
  // Two workers on the CI machine's two cores: each e2e suite has its own app and database (the
  // default, cores - 1, runs them one at a time and takes twice as long).
  maxWorkers: 2,
  // Every workflow transition is taken by some e2e test (test/transition-coverage.js).
  globalSetup: '<rootDir>/test/transition-setup.js',
  globalTeardown: '<rootDir>/test/transition-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.ts'], testTimeout: 60000 },
  ],
};
