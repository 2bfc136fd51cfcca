import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Brings dist/ up to date before tests that start worker threads load it (see the file).
    globalSetup: ['./test/global-setup.ts'],
    coverage: {
      provider: 'v8',
      // Code that runs inside worker threads is loaded from dist/ and is not counted here.
      include: ['src/**/*.ts', 'workloads/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
