import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

const alias = { '@': fileURLToPath(new URL('./', import.meta.url)) }

/** Tests that need the real servers of scripts/services: run by `npm run test:stack`. */
const NEEDS_SERVICES = [
  'test/services/**/*.test.ts',
  'test/stack/**/*.test.ts',
  'server/**/*.stack.test.ts',
]

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    pool: 'forks',
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            'lib/**/*.test.ts',
            'server/**/*.test.ts',
            'app/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: NEEDS_SERVICES,
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'stack',
          include: NEEDS_SERVICES,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // The real servers share two cores: one test file at a time keeps timings sane.
          fileParallelism: false,
        },
      },
    ],
  },
})
