/**
 * Rule testers: one without type information (what `recommended` gives), one with a program over
 * `test/fixtures/typed` (what `recommended-type-checked` gives). Shared cases run through both.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';

export const TYPED_FIXTURE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'typed');

/** Syntactic: typescript-eslint parser without a program. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  });
}

/** Type-aware: the project service over the typed fixture project (`file.ts`, `react.tsx`, modules). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: TYPED_FIXTURE_ROOT,
        ecmaFeatures: { jsx: true },
      },
    },
  });
}

/** The absolute path of a file in the typed fixture project, for `filename` in a case. */
export function typedFixture(name: string): string {
  return join(TYPED_FIXTURE_ROOT, name);
}
