/**
 * Helpers for rule tests: run one case table through the syntactic and the typed tester, and give
 * cases that hold a generated key a name without it (RuleTester names cases by their code).
 */
import type { InvalidTestCase, RuleTester, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { createRuleTester, createTypedRuleTester, typedFixture } from './rule-tester.js';

export interface CaseTable<MessageId extends string, Options extends readonly unknown[]> {
  valid: Array<string | ValidTestCase<Options>>;
  invalid: Array<InvalidTestCase<MessageId, Options>>;
}

/** Runs `shared` in both modes, plus the cases that only hold with (or without) type information. */
export function runInBothModes<MessageId extends string, Options extends readonly unknown[]>(
  name: string,
  rule: RuleModule<MessageId, Options>,
  shared: CaseTable<MessageId, Options>,
  onlyWithTypes: Partial<CaseTable<MessageId, Options>> = {},
  onlyWithoutTypes: Partial<CaseTable<MessageId, Options>> = {},
): void {
  const syntactic: RuleTester = createRuleTester();
  syntactic.run(`${name} (syntactic)`, rule, {
    valid: [...shared.valid, ...(onlyWithoutTypes.valid ?? [])],
    invalid: [...shared.invalid, ...(onlyWithoutTypes.invalid ?? [])],
  });
  const typed: RuleTester = createTypedRuleTester();
  const withFilename = <T extends { filename?: string }>(item: T): T => ({ ...item, filename: item.filename ?? typedFixture(/<[A-Za-z]/.test(JSON.stringify(item)) ? 'react.tsx' : 'file.ts') });
  typed.run(`${name} (type-aware)`, rule, {
    valid: [...shared.valid, ...(onlyWithTypes.valid ?? [])].map((item) => withFilename(typeof item === 'string' ? { code: item } : item)),
    invalid: [...shared.invalid, ...(onlyWithTypes.invalid ?? [])].map(withFilename),
  });
}

/** A case name that describes it without quoting the code (which may hold a generated key). */
export function named<T extends object>(name: string, item: T): T & { name: string } {
  return { ...item, name };
}
