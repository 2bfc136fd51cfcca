import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Brings dist/ up to date before tests that start worker threads load it (see the file).
    globalSetup: ['./test/global-setup.ts'],
  },
});
