/**
 * Fixture trees for the scanner tests, written into a fresh temp directory at run time (so no
 * key-shaped literal is ever committed), and helpers to run the real CLI on them.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { run, type CliResult } from '../../src/scanner/cli.js';
import type { JsonFinding } from '../../src/scanner/format/json.js';
import { assertNoKeyIn } from '../support/fake-key.js';

const created: string[] = [];
afterAll(() => {
  for (const directory of created) rmSync(directory, { recursive: true, force: true });
});

export type TreeContent = string | Buffer;

/** Writes `files` (relative path → content) into a new temp directory and returns its path. */
export function writeTree(files: Record<string, TreeContent>): string {
  const root = mkdtempSync(join(tmpdir(), 'pilotstatus-scan-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  return root;
}

/** The JSON report as a test reads it: the report's own finding type, loosely typed stats. */
export interface JsonReport {
  findings: JsonFinding[];
  errors: Array<{ file: string; reason: string }>;
  skipped: Array<{ file: string; reason: string }>;
  stats: Record<string, unknown> & { skipped: Record<string, number>; suppressed: Record<string, number> };
}

/** Runs the CLI with `--format json` in `cwd`, checks no key leaked, and parses the report. */
export async function scanJson(cwd: string, args: string[], keys: readonly string[]): Promise<{ result: CliResult; report: JsonReport }> {
  const result = await run(['--format', 'json', ...args], { cwd, env: {} });
  assertNoKeyIn(result.stdout + result.stderr, keys);
  return { result, report: JSON.parse(result.stdout) as JsonReport };
}

/** `file:line rule` strings, sorted: what the scorer compares. */
export function summarize(report: JsonReport): string[] {
  return report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId.replace('pilotstatus/', '')}`).sort();
}
