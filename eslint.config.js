/**
 * The project lints itself (`npm run lint`, part of `npm test` after the build): typescript-eslint's
 * type-checked recommended rules and this plugin's own `recommended` config, read from the BUILT
 * plugin (`dist/src/index.js`), so build first.
 */
import typescriptEslint from '@typescript-eslint/eslint-plugin';
import pilotstatus from './dist/src/index.js';

/** The TypeScript sources; all of them are in tsconfig.json, so every one is type-checked. */
const TYPESCRIPT_FILES = ['src/**/*.{ts,cts}', 'rules/**/*.ts', 'test/**/*.ts'];
/** Files no tsconfig includes (the bench and the root config files): rules without types. */
const UNTYPED_FILES = ['bench/**/*.mjs', '*.js', '*.ts'];

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
  { ...pilotstatus.configs.recommended, files: [...TYPESCRIPT_FILES, ...UNTYPED_FILES] },
  ...scoped(typescriptEslint.configs['flat/recommended-type-checked'], TYPESCRIPT_FILES),
  ...scoped(typescriptEslint.configs['flat/recommended'], UNTYPED_FILES),
  {
    name: 'pilotstatus-self/type-information',
    files: TYPESCRIPT_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  // Last, so no shared config above resets them: the two places this code base departs from the presets.
  {
    name: 'pilotstatus-self/typescript-adjustments',
    files: TYPESCRIPT_FILES,
    rules: {
      // AST node and scope definition types (string enums) are compared with their string values ('Identifier'): tsc already rejects a misspelt one (TS2367, TS2678)
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    name: 'pilotstatus-self/adjustments',
    files: [...TYPESCRIPT_FILES, ...UNTYPED_FILES],
    rules: {
      // `const { omitted: _omitted, ...rest } = value` is how this code leaves out keys; tsc's noUnusedLocals accepts it too
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
];
