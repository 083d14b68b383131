/**
 * The project lints itself (`npm run lint`, part of `npm test` after the build): typescript-eslint's
 * type-checked recommended rules and this plugin's own `recommended` config, read from the BUILT
 * plugin (`dist/src/index.js`), so build first.
 */
import typescriptEslint from '@typescript-eslint/eslint-plugin';
import pilotstatus from './dist/src/index.js';

/** The TypeScript sources; all of them are in tsconfig.json, so every one is type-checked. */
const TYPESCRIPT_FILES = ['src/**/*.{ts,cts}', 'rules/**/*.ts', 'test/**/*.ts'];
/** JavaScript with no tsconfig behind it (the bench and the root config files): rules without types. */
const JAVASCRIPT_FILES = ['bench/**/*.mjs', '*.js'];

/** Gives each config object of a shared config the file set it applies to here. */
const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));

export default [
  {
    name: 'pilotstatus-self/ignores',
    ignores: [
      'dist/',
      'coverage/',
      '.bench-cache/',
      '.scratch/',
      // deliberately leaky code: the demo app the README scans, and the rule tests' typed fixture project
      'examples/',
      'test/fixtures/',
    ],
  },
  // first: the typescript-eslint configs below then set the parser and its options
  { ...pilotstatus.configs.recommended, files: [...TYPESCRIPT_FILES, ...JAVASCRIPT_FILES] },
  ...scoped(typescriptEslint.configs['flat/recommended-type-checked'], TYPESCRIPT_FILES),
  {
    name: 'pilotstatus-self/type-information',
    files: TYPESCRIPT_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // AST node and scope definition types (string enums) are compared with their string values ('Identifier'): tsc already rejects a misspelt one (TS2367, TS2678)
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    name: 'pilotstatus-self/unused',
    files: [...TYPESCRIPT_FILES, ...JAVASCRIPT_FILES],
    rules: {
      // `const { omitted: _omitted, ...rest } = value` is how this code leaves out keys; tsc's noUnusedLocals accepts it too
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  ...scoped(typescriptEslint.configs['flat/recommended'], JAVASCRIPT_FILES),
];
