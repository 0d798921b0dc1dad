/** Unit tests may stub; integration tests run against real Temporal, PostgreSQL and SMTP. */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The generated Prisma client imports its siblings as './x.js' (ESM style); resolve them to the .ts sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

module.exports = {
  // Per-project testTimeout is ignored by jest 29; integration scenarios skip months of time and need room.
  // A guard against a hang, not a speed limit: tests wait for conditions, and a shared CI machine may be very slow.
  testTimeout: 900000,
  // On 2 cores jest would run every file in its own main process, which keeps each file's modules (81 files: past
  // the 4 GB heap, an OOM 30 minutes in). A memory limit makes it use a worker and recycle it between files.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/globalSetup.ts',
      globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
    },
  ],
};
