import { defineConfig } from 'vitest/config'

// Unit and integration tests live beside the code (src/**/*.test.ts) and in test/;
// end-to-end tests in headless Chromium in test/e2e/.
//
// Workers: two. On the 2-core CI machine vitest's default is one, which left a core idle while a
// file waited for the PostgreSQL server, a child process or Chromium: with two the integration
// files took 434 s instead of about 525 s (three were slower than one, before the databases
// came from templates). The timeouts leave room for the contention. End-to-end files run one at a
// time.
export default defineConfig({
  test: {
    env: { TZ: 'Europe/Berlin' },
    maxWorkers: 2,
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
