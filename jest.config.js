/**
 * Unit tests live beside the code (and test/architecture); end-to-end suites in test/e2e; browser
 * journeys (chromium through playwright-core, on the real stack) in test/browser. All run on `npm test`.
 */
const moduleNameMapper = { '^@schakel/([a-z-]+)$': '<rootDir>/libs/$1/src', '^@schakel/([a-z-]+)/http$': '<rootDir>/libs/$1/src/http' };
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }] };

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      slowTestThreshold: 30,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/browser/support/setup.ts'],
      moduleNameMapper,
      transform,
      slowTestThreshold: 60,
    },
  ],
  testTimeout: 60_000,
  maxWorkers: 2,
};
