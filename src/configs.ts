/**
 * Flat configs, built from rule metadata (no hand-kept lists). They reference the plugin object, so
 * `src/index.ts` adds them after the plugin exists.
 */
import type { Linter } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import type { PilotStatusDocs } from './create-rule.js';

export const SOURCE_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
export const TYPESCRIPT_FILES = ['**/*.{ts,tsx,mts,cts}'];

type AnyRule = RuleModule<string, readonly unknown[], PilotStatusDocs>;

export function createConfigs(plugin: { rules: Record<string, AnyRule> }): Record<string, Linter.Config[]> {
  const recommendedRules: Linter.RulesRecord = {};
  const allRules: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(plugin.rules)) {
    allRules[`pilotstatus/${id}`] = 'error';
    if (rule.meta.docs?.recommended) recommendedRules[`pilotstatus/${id}`] = 'error';
  }
  const pluginEntry = { pilotstatus: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] };
  const parserEntry = typescriptParser as unknown as Linter.Parser;
  const recommended: Linter.Config[] = [
    { name: 'pilotstatus/recommended', files: SOURCE_FILES, plugins: pluginEntry, rules: recommendedRules },
    {
      name: 'pilotstatus/recommended/typescript',
      files: TYPESCRIPT_FILES,
      languageOptions: { parser: parserEntry, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
  ];
  const typeChecked: Linter.Config[] = [
    recommended[0]!,
    {
      name: 'pilotstatus/recommended-type-checked/typescript',
      files: TYPESCRIPT_FILES,
      languageOptions: { parser: parserEntry, parserOptions: { projectService: true, ecmaFeatures: { jsx: true } } },
    },
  ];
  const strict: Linter.Config[] = [
    { ...recommended[0]!, name: 'pilotstatus/strict', rules: allRules },
    { ...typeChecked[1]!, name: 'pilotstatus/strict/typescript' },
  ];
  return { recommended, 'recommended-type-checked': typeChecked, strict };
}
