/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, the rules with help text and links
 * to their docs, results with regions and `partialFingerprints` (our line-free fingerprint, so alerts
 * survive edits above them), and files that could not be scanned as tool notifications.
 */
import { pathToFileURL } from 'node:url';
import { PACKAGE_JSON } from '../../package-info.js';
import { REPOSITORY_URL } from '../../rule-docs.js';
import type { RuleInfo } from '../rule-catalog.js';
import type { ScanResult } from '../scan.js';

/** Percent-encodes each segment, so spaces, `#`, `?` and newlines in names stay a valid URI reference. */
function toUri(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

export function formatSarif(result: ScanResult, cwd: string, rules: readonly RuleInfo[]): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pilotstatus-scan',
            semanticVersion: PACKAGE_JSON.version,
            version: PACKAGE_JSON.version,
            informationUri: REPOSITORY_URL,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
              shortDescription: { text: stripMarkdown(rule.description) },
              fullDescription: { text: stripMarkdown(`${rule.description}. ${rule.help}`) },
              help: { text: stripMarkdown(`${rule.help} See ${rule.helpUri}`), markdown: `${rule.help}\n\n[Rule documentation](${rule.helpUri})` },
              helpUri: rule.helpUri,
              defaultConfiguration: { level: 'error' },
              properties: { tags: ['security', 'secrets', 'pilotstatus'], precision: 'high', 'security-severity': '8.0' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        // History scans: the scanned repository and revision (each result names its own commit in properties).
        ...(result.history
          ? {
              versionControlProvenance: [
                {
                  repositoryUri: result.history.repositoryUri,
                  ...(result.history.head ? { revisionId: result.history.head } : {}),
                  ...(result.history.branch ? { branch: result.history.branch } : {}),
                  mappedTo: { uriBaseId: '%SRCROOT%' },
                },
              ],
            }
          : {}),
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: finding.severity === 'error' ? 'error' : 'warning',
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(finding.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
              },
            },
          ],
          partialFingerprints: { 'pilotstatusFingerprint/v1': finding.fingerprint },
          ...(finding.origin || finding.commit
            ? {
                properties: {
                  ...(finding.origin ? { originSource: finding.origin.source, originLine: finding.origin.line } : {}),
                  ...(finding.commit ? { commit: finding.commit.id, author: finding.commit.author, date: finding.commit.date } : {}),
                },
              }
            : {}),
        })),
        invocations: [
          {
            executionSuccessful: result.errors.length === 0 && !result.interrupted,
            toolExecutionNotifications: [
              ...result.errors.map((error) => ({ level: 'error', file: error.file, reason: error.reason })),
              // A file over the size cap was not read at all: say so where code scanning shows it.
              ...result.skipped.filter((entry) => entry.kind === 'tooLarge').map((entry) => ({ level: 'warning', file: entry.file, reason: `not scanned: ${entry.reason}` })),
            ].map(({ level, file, reason }) => ({
              level,
              message: { text: `${file}: ${reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function stripMarkdown(text: string): string {
  return text.replace(/`/g, '');
}
