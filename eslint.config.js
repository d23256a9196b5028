// One flat config for the whole monorepo; packages add nothing of their own unless they must.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.tools/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.data/**',
      '**/var/**',
      '**/cdk.out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  // Vue single-file components: Vue's recommended rules without the layout ones (Prettier formats),
  // with TypeScript parsing the <script setup lang="ts"> blocks.
  ...pluginVue.configs['flat/recommended'],
  pluginVue.configs['no-layout-rules'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    // Code that runs in the browser: the web apps' sources.
    files: ['apps/console/src/**', 'apps/ad-tag/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // CommonJS on purpose: code any Node version can read (scripts/check-node.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Command-line scripts and benchmarks talk to a person through the console.
    files: ['**/scripts/**', '**/bench/**', '**/*.bench.ts', '**/cli/**'],
    rules: { 'no-console': 'off' },
  },
)
