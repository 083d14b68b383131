/**
 * What the no-key-logging tests share: the source labels the rule prints, the case types and the
 * finding helper (test/rules/no-key-logging*.test.ts).
 */
import * as tsParser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { expect } from 'vitest';
import rule, { type MessageId, type Options } from '../../rules/no-key-logging.js';
import { findKeys } from '../../src/core/key.js';
import { assertNoKeyIn } from './fake-key.js';
import { typedFixture } from './rule-tester.js';

/** The typed fixture project's file the cross-module cases are linted as. */
export const crossModule = typedFixture('logging/case.ts');

export const ENV = '`process.env.PILOTSTATUS_API_KEY`';
export const HEADER = 'the `x-api-key` header value';
export const REGENERATED = 'the `POST /v1/api-keys/regenerate` response';
export const WHOLE_ENV = 'the whole `process.env` (it holds `PILOTSTATUS_API_KEY`)';
export const RESPONSE = 'the `axios` response of a request that sent the key header (its `config.headers`)';
/** The label of an HTTP client's error of a request that sent the key header. */
export const httpError = (client: 'axios' | 'got' | 'ky') => `the \`${client}\` error of a request that sent the key header`;
/** The label of a key literal, as the rule prints it (redacted). */
export const literalLabel = (key: string) => `the literal \`${findKeys(key)[0]!.redacted}\``;

export type Invalid = InvalidTestCase<MessageId, Options>;
export type Valid = string | ValidTestCase<Options>;

/** One finding of `messageId` at line/column with this data. */
export function finding(messageId: MessageId, line: number, column: number, data: Record<string, string>): Invalid['errors'][number] {
  return { messageId, line, column, data };
}

/**
 * Lints every invalid case with the rule through ESLint's `Linter` (no type information) and returns
 * the messages' count, asserting that only this rule reported and no output holds one of `keys`.
 */
export function lintWithoutPrintingKeys(cases: readonly Invalid[], keys: readonly string[]): number {
  const linter = new Linter({ configType: 'flat' });
  const config = [{
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { pilotstatus: { rules: { 'no-key-logging': rule } } },
    rules: { 'pilotstatus/no-key-logging': 'error' },
  }] as unknown as Linter.Config[];
  let findings = 0;
  for (const item of cases) {
    const messages = linter.verify(item.code, config, { filename: item.filename ?? 'file.ts' });
    expect(messages.every((message) => message.ruleId === 'pilotstatus/no-key-logging')).toBe(true);
    findings += messages.length;
    assertNoKeyIn(JSON.stringify(messages), keys);
  }
  return findings;
}
