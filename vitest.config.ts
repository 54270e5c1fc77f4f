import { defineConfig } from 'vitest/config'

// Unit and integration tests live beside the code (src/**/*.test.ts) and in test/;
// end-to-end tests in headless Chromium in test/e2e/.
//
// Workers: vitest's default is one less than the cores, i.e. ONE on the 2-core CI machine, which
// runs ~100 files strictly one after another. Much of an integration test's time is spent
// outside the worker (the PostgreSQL server, CLI child processes, Chromium), so three workers keep
// both cores busy; the timeouts leave room for that contention. End-to-end files still run one at
// a time among themselves (each drives a browser).
export default defineConfig({
  test: {
    env: { TZ: 'Europe/Berlin' },
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
