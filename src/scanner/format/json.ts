/**
 * The JSON report: `{ findings, errors, skipped, stats }`, paths relative to the working directory.
 * It is also the baseline format (`--write-baseline`), matched by `fingerprint`.
 */
import type { Finding } from '../finding.js';
import type { ScanResult } from '../scan.js';

export interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  message: string;
  fingerprint: string;
  origin?: { source: string; line: number };
  /** History scans: the commit that introduced the finding's content at its path, its author and date. */
  commit?: string;
  author?: string;
  date?: string;
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const json: JsonFinding = {
    ruleId: finding.ruleId,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    severity: finding.severity,
    message: finding.message,
    fingerprint: finding.fingerprint,
  };
  if (finding.origin) json.origin = { source: finding.origin.source, line: finding.origin.line };
  if (finding.commit) Object.assign(json, { commit: finding.commit.id, author: finding.commit.author, date: finding.commit.date });
  return json;
}

export function formatJson(result: ScanResult): string {
  const report = {
    findings: result.findings.map(toJsonFinding),
    errors: result.errors.map(({ file, reason }) => ({ file, reason })),
    skipped: result.skipped.map(({ file, reason }) => ({ file, reason })),
    stats: { ...result.stats, interrupted: result.interrupted },
    // History scans: the repository, HEAD, and how many commits and blobs were read.
    ...(result.history ? { history: result.history } : {}),
  };
  // JSON.stringify escapes control characters and lone surrogates, so the output is valid for any input.
  return `${JSON.stringify(report, null, 2)}\n`;
}
