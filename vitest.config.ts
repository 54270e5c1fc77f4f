import { defineConfig } from 'vitest/config'

// Unit and integration tests live beside the code (src/**/*.test.ts) and in test/;
// end-to-end tests in headless Chromium in test/e2e/.
export default defineConfig({
  test: {
    env: { TZ: 'Europe/Berlin' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
