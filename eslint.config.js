// ESLint: its recommended rules and typescript-eslint's, on the project's TypeScript (npm run lint).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'dist/', 'test/browser/screenshots/', 'src/web/public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // `_name` says a value is deliberately left unused (a destructured field left out, a handler's argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // Tests read the JSON the assistant sends and stores (cards, activities) as it comes.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // The local page's script runs in the browser.
  { files: ['src/web/public/**/*.js'], languageOptions: { globals: globals.browser } },
);
