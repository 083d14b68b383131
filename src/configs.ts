/**
 * Flat configs, built from rule metadata (no hand-kept lists). They reference the plugin object, so
 * `src/index.ts` adds them after the plugin exists.
 *
 * `recommended` and `strict` are single config objects, so `export default [pilotstatus.configs.recommended]`
 * works as written (ESLint does not flatten a nested array in a plain exported array). They parse every
 * source file with the typescript-eslint parser, which reads JavaScript, JSX and TypeScript alike,
 * without a program. `recommended-type-checked` is an array (spread it): the same rules, plus a
 * program for TypeScript files through the project service; a TypeScript file that no tsconfig
 * includes is linted without one (`parser.ts`).
 */
import type { Linter } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import type { PilotStatusDocs } from './create-rule.js';
import { typeCheckedParser } from './parser.js';

export const SOURCE_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
export const TYPESCRIPT_FILES = ['**/*.{ts,tsx,mts,cts}'];

type AnyRule = RuleModule<string, readonly unknown[], PilotStatusDocs>;

export interface PilotStatusConfigs {
  recommended: Linter.Config;
  'recommended-type-checked': Linter.Config[];
  strict: Linter.Config;
}

export function createConfigs(plugin: { rules: Record<string, AnyRule> }): PilotStatusConfigs {
  const recommendedRules: Linter.RulesRecord = {};
  const allRules: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(plugin.rules)) {
    allRules[`pilotstatus/${id}`] = 'error';
    if (rule.meta.docs?.recommended) recommendedRules[`pilotstatus/${id}`] = 'error';
  }
  const plugins = { pilotstatus: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] };
  const parser = typescriptParser as unknown as Linter.Parser;
  const languageOptions: Linter.Config['languageOptions'] = { parser, parserOptions: { ecmaFeatures: { jsx: true } } };
  const recommended: Linter.Config = { name: 'pilotstatus/recommended', files: SOURCE_FILES, plugins, languageOptions, rules: recommendedRules };
  const typeChecked: Linter.Config[] = [
    { ...recommended, name: 'pilotstatus/recommended-type-checked' },
    {
      name: 'pilotstatus/recommended-type-checked/typescript',
      files: TYPESCRIPT_FILES,
      // a file no tsconfig includes is linted without types instead of failing (src/parser.ts)
      languageOptions: { parser: typeCheckedParser as unknown as Linter.Parser, parserOptions: { projectService: true, ecmaFeatures: { jsx: true } } },
    },
  ];
  const strict: Linter.Config = { ...recommended, name: 'pilotstatus/strict', rules: allRules };
  return { recommended, 'recommended-type-checked': typeChecked, strict };
}
