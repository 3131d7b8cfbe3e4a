/**
 * Two projects: `unit` (pure functions: decisions, runbook validation, rendering; no server, runs in
 * seconds with `npm run test:unit`) and `server` (everything that needs the real Temporal dev server,
 * moto, Prometheus or the fake ARM, started once for the suite by test/setup). `npm test` runs both.
 * A pure test is named `*.unit.test.ts`; anything else gets the servers.
 */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

module.exports = {
  testTimeout: 120_000,
  maxWorkers: 2,
  verbose: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.test.ts'] },
    {
      ...common,
      displayName: 'server',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.unit\\.test\\.ts$'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testTimeout: 120_000,
    },
  ],
};
