import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '*.js', 'scripts/**', 'apps/web/src/api/schema.d.ts'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // tsconfig.eslint.json adds libs' own tests to the root project; the web app has its own.
        project: ['./tsconfig.eslint.json', './apps/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-floating-promises': 'error',
      // A switch with a default handles the rest on purpose (projectors ignore events they do not show).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `async` without `await` is how a Promise-returning interface is implemented here: a throw becomes a
      // rejection instead of escaping synchronously.
      '@typescript-eslint/require-await': 'off',
      // Its fixes removed assertions tsc needs (contextual typing of literal arrays, circular inference).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests and benchmarks read HTTP answers (supertest's and fetch's bodies are `any`) and raw SQL rows to
    // assert on them; typing every answer again would repeat the DTOs without checking anything more.
    // Application code stays strict.
    files: ['test/**/*.ts', 'libs/**/test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
