/**
 * The scanner's unit of output. A `Finding` is plain data, and `createFinding()` is the only way to
 * make one: its message and snippet parameters accept only `Redacted` text, so the compiler stops a
 * raw key from reaching a formatter, a baseline file or a log line.
 */
import { createHash } from 'node:crypto';
import type { Redacted } from '../core/key.js';

import { RULE_NAMES, type RuleName } from '../../rules/names.js';

/** The plugin's rule ids (`rules/names.ts`), shared by the ESLint plugin and the text detectors. */
export { RULE_NAMES, type RuleName };
export type RuleId = `pilotstatus/${RuleName}`;
export type Severity = 'error' | 'warning';

export function isRuleName(name: string): name is RuleName {
  return (RULE_NAMES as readonly string[]).includes(name);
}

/** `pilotstatus/no-client-key` or `no-client-key` → `no-client-key`; undefined for other ids. */
export function toRuleName(id: string): RuleName | undefined {
  const name = id.startsWith('pilotstatus/') ? id.slice('pilotstatus/'.length) : id;
  return isRuleName(name) ? name : undefined;
}

/** Where a finding inside a source map came from: the original source and its line. */
export interface FindingOrigin {
  source: string;
  line: number;
}

export interface Finding {
  ruleId: RuleId;
  /** Relative to the working directory, with `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  message: Redacted;
  /** Stable across edits above the finding: no line number in it. */
  fingerprint: string;
  origin?: FindingOrigin;
  /** The lines around the finding, redacted, for code frames. Not part of the JSON report. */
  snippet?: Snippet;
  /** Which engine produced it. Not part of the JSON report. */
  engine: 'eslint' | 'text';
  /** History scans: the commit that introduced this content at this path (the earliest one). */
  commit?: CommitInfo;
}

export interface CommitInfo {
  id: string;
  author: string;
  /** ISO 8601, the author date. */
  date: string;
}

export interface Snippet {
  /** 1-based line number of `lines[0]`. */
  firstLine: number;
  /** Long lines are cut to a window around the finding, so they may not start at column 1. */
  lines: Redacted[];
  /** 1-based column of the finding in the displayed line `line` (after cutting and redaction). */
  column: number;
}

export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FindingInput extends Location {
  ruleId: RuleId;
  file: string;
  severity?: Severity;
  message: Redacted;
  /**
   * What the finding is about, independent of its position: a key's hash, or the normalised,
   * redacted text of the reported construct.
   */
  matchKey: string;
  /** How many earlier findings of the same rule, file and matchKey there are. */
  occurrence: number;
  origin?: FindingOrigin;
  snippet?: Snippet;
  engine: 'eslint' | 'text';
}

/** The only constructor of `Finding`. */
export function createFinding(input: FindingInput): Finding {
  const finding: Finding = {
    ruleId: input.ruleId,
    file: input.file,
    line: input.line,
    column: input.column,
    endLine: input.endLine,
    endColumn: input.endColumn,
    severity: input.severity ?? 'error',
    message: input.message,
    fingerprint: computeFingerprint(input.ruleId, input.file, input.matchKey, input.occurrence),
    engine: input.engine,
  };
  if (input.origin) finding.origin = input.origin;
  if (input.snippet) finding.snippet = input.snippet;
  return finding;
}

/** sha256 over rule, path, match and occurrence; a NUL between fields keeps them unambiguous. */
export function computeFingerprint(ruleId: string, file: string, matchKey: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${matchKey}\0${occurrence}`).digest('hex');
}

/** Hash of a construct's text with whitespace collapsed, so reformatting does not change it. */
export function hashConstruct(text: Redacted): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/**
 * Numbers occurrences per (rule, matchKey) for one file, in discovery order, so two identical keys
 * in one file get distinct, stable fingerprints.
 */
export class OccurrenceCounter {
  readonly #counts = new Map<string, number>();

  next(ruleId: string, matchKey: string): number {
    const id = `${ruleId}\0${matchKey}`;
    const count = this.#counts.get(id) ?? 0;
    this.#counts.set(id, count + 1);
    return count;
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
