/**
 * What is left out after detection, each step its own function: inline `pilotstatus-scan-ignore`
 * comments, the config's allowlist (paths and values), and a baseline of accepted findings.
 */
import { readFile } from 'node:fs/promises';
import ignore from 'ignore';
import { isKey, redactKey } from '../core/key.js';
import { toRuleName, type Finding } from './finding.js';
import type { LineIndex } from './text/line-index.js';

export const INLINE_IGNORE = 'pilotstatus-scan-ignore';

/**
 * Drops findings whose line, or the line above, carries `pilotstatus-scan-ignore` (optionally
 * followed by the rule ids it applies to: `pilotstatus-scan-ignore no-client-key`). Any file type.
 */
export function applyInlineIgnores(findings: Finding[], lines: LineIndex): { kept: Finding[]; dropped: number } {
  if (findings.length === 0 || !lines.text.includes(INLINE_IGNORE)) return { kept: findings, dropped: 0 };
  const cache = new Map<number, Set<string> | null>();
  const directive = (line: number): Set<string> | null => {
    if (line < 1) return null;
    let value = cache.get(line);
    if (value === undefined) {
      value = readDirective(lines, line);
      cache.set(line, value);
    }
    return value;
  };
  const kept = findings.filter((finding) => {
    for (const line of [finding.line, finding.line - 1]) {
      const rules = directive(line);
      if (rules && (rules.size === 0 || rules.has(toRuleName(finding.ruleId) ?? ''))) return false;
    }
    return true;
  });
  return { kept, dropped: findings.length - kept.length };
}

/** The rule names after the directive on `line` (empty set: all rules), or null when there is none. */
function readDirective(lines: LineIndex, line: number): Set<string> | null {
  const start = lines.lineStart(line);
  const end = lines.lineEnd(line);
  const at = lines.text.indexOf(INLINE_IGNORE, start);
  if (at === -1 || at >= end) return null;
  const rest = lines.text.slice(at + INLINE_IGNORE.length, Math.min(end, at + INLINE_IGNORE.length + 300));
  if (/^[A-Za-z0-9_-]/.test(rest)) return null; // part of a longer word
  const names = new Set<string>();
  for (const word of rest.split(/[\s,]+/)) {
    const name = toRuleName(word.replace(/^[(\[]|[)\]:;*/>-]+$/g, ''));
    if (name) names.add(name);
    else if (word && !/^(--|\*\/|-->|#|\/\/)$/.test(word)) break;
  }
  return names;
}

export interface Allowlist {
  paths: readonly string[];
  values: readonly string[];
}

/**
 * Drops findings in allowlisted paths (gitignore-style patterns) and findings about allowlisted
 * values. A value is matched in its printed, redacted form (`ps_live_Ab…#3f9c21`, as the reports
 * show it); a full key given in a JavaScript config is redacted first, so it is never compared raw.
 */
export function applyAllowlist(findings: Finding[], allowlist: Allowlist): { kept: Finding[]; dropped: number } {
  if (allowlist.paths.length === 0 && allowlist.values.length === 0) return { kept: findings, dropped: 0 };
  const paths = ignore({ allowRelativePaths: true }).add([...allowlist.paths]);
  const values = allowlist.values.map((value) => (isKey(value) ? redactKey(value.trim()) : value)).filter((value) => value.length > 0);
  const kept = findings.filter((finding) => {
    if (allowlist.paths.length > 0 && safeIgnores(paths, finding.file)) return false;
    return !values.some((value) => finding.message.includes(value));
  });
  return { kept, dropped: findings.length - kept.length };
}

function safeIgnores(matcher: ReturnType<typeof ignore>, path: string): boolean {
  try {
    return matcher.ignores(path);
  } catch {
    return false;
  }
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** The fingerprints of a baseline file (a JSON report of this scanner, or a bare array of findings). */
export async function loadBaseline(path: string): Promise<Set<string>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `baseline file not found: ${path}` : `baseline file is not valid JSON: ${path}`);
  }
  const findings = Array.isArray(json) ? json : (json as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) throw new BaselineError(`baseline file has no "findings" array: ${path}`);
  const fingerprints = new Set<string>();
  for (const finding of findings) {
    const fingerprint = (finding as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof fingerprint === 'string') fingerprints.add(fingerprint);
  }
  return fingerprints;
}

export function applyBaseline(findings: Finding[], fingerprints: ReadonlySet<string> | undefined): { kept: Finding[]; dropped: number } {
  if (!fingerprints || fingerprints.size === 0) return { kept: findings, dropped: 0 };
  const kept = findings.filter((finding) => !fingerprints.has(finding.fingerprint));
  return { kept, dropped: findings.length - kept.length };
}
