// Lint rules, including the import boundaries that keep the architecture visible
// (docs/architecture.md): core imports nothing of ours; the web app never imports the server side.
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Resolves the `.js` specifiers of NodeNext imports to their `.ts` sources.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/core',
              from: ['./src/modules', './src/platform', './src/web', './src/cli'],
              message: 'src/core is pure and browser-safe: it imports nothing else of ours.',
            },
            {
              target: './src/web',
              from: ['./src/platform', './src/cli'],
              message: 'The web app never imports the server side (database, HTTP, file I/O).',
            },
            {
              target: './src/web',
              from: './src/modules/**/*',
              except: ['**/types.ts', '**/shared.ts'],
              message:
                'The web app may import only the browser-safe types.ts/shared.ts of a module.',
            },
            {
              target: './src/platform',
              from: ['./src/modules', './src/cli', './src/web'],
              message: 'src/platform is the edge toolkit; it knows no domain module.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'pg', '@electric-sql/*', 'fastify', 'pino'],
              message: 'src/core has no I/O: no Node built-ins, database or server packages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
)
