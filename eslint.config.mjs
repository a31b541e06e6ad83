import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Command-line tools talk to a person at a terminal; their output is the product there.
    files: ['server/cli/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  globalIgnores(['.next/**', 'node_modules/**', 'data/**', '.cache/**', 'next-env.d.ts']),
])
