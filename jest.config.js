const { compilerOptions } = require('./tsconfig.json');

// Map the tsconfig path aliases (@ntm/x -> libs/x/src) for jest.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper,
  // A hang detector, not a speed limit: generous enough for two whole runs sharing two cores.
  testTimeout: 120000,
  // Each run gets a database of its own (created here, dropped at the end).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Integration tests share one PostgreSQL and one Redis; each file uses its own schema/prefix.
  maxWorkers: 1,
};
