/**
 * GitLab secret-detection report (`artifacts: reports: secret_detection:`), schema 15.2.1
 * (gitlab-org/security-products/security-report-schemas; validated in test/scanner/gitlab-schema.test.ts).
 * Findings carry the redacted message only: no `raw_source_code_extract`, which would hold the key.
 * Files that could not be scanned are `warn` messages of the scan, so the pipeline shows them.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { PACKAGE_JSON } from '../../package-info.js';
import type { RuleInfo } from '../rule-catalog.js';
import type { Finding } from '../finding.js';
import type { ScanResult } from '../scan.js';

export const GITLAB_SCHEMA_VERSION = '15.2.1';
const SCHEMA_URL = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SCHEMA_VERSION}/dist/secret-detection-report-format.json`;
/** Rules whose finding is a key in the open: the same weight GitLab gives a leaked secret. */
const EXPOSED_KEY_RULES = new Set(['pilotstatus/no-hardcoded-key', 'pilotstatus/no-client-key', 'pilotstatus/no-key-in-url', 'pilotstatus/no-key-logging']);

export interface GitlabOptions {
  /** The commit the findings belong to (`location.commit.sha`, required by the schema). */
  commit: string;
  rules: readonly RuleInfo[];
  /** For `end_time`; the start is that minus the scan's duration. */
  now?: Date;
}

export function formatGitlab(result: ScanResult, options: GitlabOptions): string {
  const end = options.now ?? new Date();
  const start = new Date(end.getTime() - result.stats.durationMs);
  const component = { id: 'pilotstatus-scan', name: 'pilotstatus-scan', url: 'https://github.com/pilotstatus/eslint-plugin-pilotstatus', version: PACKAGE_JSON.version, vendor: { name: 'eslint-plugin-pilotstatus' } };
  const messages = [
    ...result.errors.map((error) => ({ level: 'warn', value: `${error.file}: not fully scanned: ${error.reason}` })),
    ...result.skipped.filter((entry) => entry.kind === 'tooLarge').map((entry) => ({ level: 'warn', value: `${entry.file}: not scanned: ${entry.reason}` })),
  ];
  const report = {
    version: GITLAB_SCHEMA_VERSION,
    schema: SCHEMA_URL,
    scan: {
      analyzer: component,
      scanner: component,
      type: 'secret_detection',
      start_time: isoSeconds(start),
      end_time: isoSeconds(end),
      status: result.interrupted ? 'failure' : 'success',
      ...(messages.length > 0 ? { messages } : {}),
    },
    vulnerabilities: result.findings.map((finding) => toVulnerability(finding, options)),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function toVulnerability(finding: Finding, options: GitlabOptions) {
  const rule = options.rules.find((info) => info.id === finding.ruleId);
  return {
    id: uuidFrom(finding.fingerprint),
    category: 'secret_detection',
    name: rule?.description ?? finding.ruleId,
    description: finding.message,
    severity: finding.severity === 'warning' ? 'Medium' : EXPOSED_KEY_RULES.has(finding.ruleId) ? 'Critical' : 'High',
    ...(rule ? { solution: rule.help } : {}),
    identifiers: [{ type: 'pilotstatus_rule_id', name: finding.ruleId, value: finding.ruleId, ...(rule ? { url: rule.helpUri } : {}) }],
    location: { file: finding.file, start_line: finding.line, end_line: finding.endLine, commit: { sha: options.commit } },
  };
}

/** `yyyy-mm-ddThh:mm:ss` in UTC, as the schema's pattern wants. */
function isoSeconds(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** A UUID-shaped id derived from the fingerprint: the same finding keeps its id across pipelines. */
function uuidFrom(fingerprint: string): string {
  const hex = createHash('sha256').update(fingerprint).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The pipeline's commit (`CI_COMMIT_SHA`), else HEAD of the repository at `cwd`, else "unknown". */
export function resolveCommit(cwd: string, env: Record<string, string | undefined>): Promise<string> {
  if (env.CI_COMMIT_SHA) return Promise.resolve(env.CI_COMMIT_SHA);
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd, shell: false, timeout: 10_000 }, (error, stdout) => {
      resolve(!error && /^[0-9a-f]{40,64}\s*$/.test(stdout) ? stdout.trim() : 'unknown');
    });
  });
}
