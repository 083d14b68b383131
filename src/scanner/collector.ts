/**
 * Collects the findings of one file: applies rule severities (an `off` rule creates nothing),
 * numbers occurrences for fingerprints, and captures a redacted snippet for code frames.
 */
import type { KeyRecognizerOptions, Redacted } from '../core/key.js';
import { createFinding, OccurrenceCounter, type Finding, type FindingOrigin, type Location, type RuleName, type Severity } from './finding.js';
import type { LineIndex } from './text/line-index.js';

export type RuleSeverities = ReadonlyMap<RuleName, Severity | 'off'>;

export interface AddOptions {
  origin?: FindingOrigin;
  engine?: 'eslint' | 'text';
  /** Severity reported by the engine (ESLint's 1/2), overridden by the scanner config. */
  severity?: Severity;
}

export class FindingCollector {
  readonly findings: Finding[] = [];
  readonly #occurrences: OccurrenceCounter;
  readonly #accept: ((start: number, end: number) => boolean) | undefined;

  constructor(
    readonly file: string,
    readonly lines: LineIndex | undefined,
    readonly severities: RuleSeverities,
    readonly keyOptions: KeyRecognizerOptions,
    /** For one chunk of a large file (`large-file.ts`): the file's occurrence numbering, and which offsets are this chunk's. */
    chunk: { occurrences?: OccurrenceCounter; accept?: (start: number, end: number) => boolean } = {},
  ) {
    this.#occurrences = chunk.occurrences ?? new OccurrenceCounter();
    this.#accept = chunk.accept;
  }

  isEnabled(rule: RuleName): boolean {
    return this.severities.get(rule) !== 'off';
  }

  /** A finding at text offsets of this file. */
  addAt(rule: RuleName, start: number, end: number, message: Redacted, matchKey: string, options: AddOptions = {}): void {
    if (!this.lines) throw new Error('addAt needs the text of the file');
    if (this.#accept && !this.#accept(start, end)) return;
    this.add(rule, this.lines.locate(start, end), message, matchKey, options);
  }

  add(rule: RuleName, location: Location, message: Redacted, matchKey: string, options: AddOptions = {}): void {
    const configured = this.severities.get(rule);
    if (configured === 'off') return;
    const ruleId = `pilotstatus/${rule}` as const;
    const finding = createFinding({
      ruleId,
      file: this.file,
      ...location,
      severity: configured ?? options.severity ?? 'error',
      message,
      matchKey,
      occurrence: this.#occurrences.next(ruleId, matchKey),
      engine: options.engine ?? 'text',
      ...(options.origin ? { origin: options.origin } : {}),
      ...(this.lines ? { snippet: this.lines.snippet(location, this.keyOptions) } : {}),
    });
    this.findings.push(finding);
  }
}
