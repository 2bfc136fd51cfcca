import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Brings dist/ up to date before tests that start worker threads load it (see the file).
    globalSetup: ['./test/global-setup.ts'],
    // Tests start real threads, terminals and a browser, many files at once on two cores: a start-up
    // that takes seconds under that load is not a failure.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      // Code that runs inside worker threads is loaded from dist/ and is not counted here.
      include: ['src/**/*.ts', 'workloads/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
