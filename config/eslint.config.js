// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { libBoundaries } from './lib-boundaries.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['config/*.js', 'config/jest/*.js'],
          // The config scripts and the Jest configs of every tier: a few over the default of 8.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: new URL('..', import.meta.url).pathname,
      },
    },
    rules: {
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings from AppConfig: process.env is read only in config/.',
        },
      ],
    },
  },
  {
    // The domain stays pure: no framework, database, queue or clock of its own.
    files: ['libs/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(@nestjs/|typeorm|pg$|bullmq|ioredis|node:)', message: 'The domain is pure TypeScript.' },
            {
              regex: '^@app/(?!(platform/errors|platform/text|platform/messages|identity/roles)$)',
              message: 'The domain imports no other lib: only the error type and the roles.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from a Clock.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the time from a Clock.',
        },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'Take ids from outside.' },
      ],
    },
  },
  {
    files: [
      'config/**/*.ts',
      'config/jest/*.js',
      'test/**/*.ts',
      '**/*.spec.ts',
      '**/*.contract.ts',
      '**/*.fixtures.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.contract.ts', '**/*.fixtures.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off', // supertest bodies are `any`
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The console: browser code, React's rules of hooks.
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },
  ...libBoundaries,
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked, languageOptions: { globals: globals.node } },
  prettier,
);
