import { defineConfig } from 'vitest/config'

// Unit and integration tests live beside the code (src/**/*.test.ts) and in test/;
// end-to-end tests in headless Chromium in test/e2e/.
//
// Workers: vitest's default (one less than the cores: one on the 2-core CI machine). Three workers
// were tried and finished files more slowly on 2 cores (PGlite is CPU-bound), so the default
// stays; the timeouts leave room for a busy machine. End-to-end files run one at a time.
export default defineConfig({
  test: {
    env: { TZ: 'Europe/Berlin' },
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
