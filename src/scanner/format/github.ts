/**
 * GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding, and one per
 * file that could not be scanned. Data and properties are escaped as the runner expects, so no file
 * name or message can end a command early or inject another.
 */
import type { ScanResult } from '../scan.js';
import { neutralize } from './terminal.js';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(result: ScanResult): string {
  const out: string[] = [];
  for (const finding of result.findings) {
    const command = finding.severity === 'error' ? 'error' : 'warning';
    const properties = [
      `file=${escapeProperty(finding.file)}`,
      `line=${finding.line}`,
      `col=${finding.column}`,
      `endLine=${finding.endLine}`,
      `endColumn=${finding.endColumn}`,
      `title=${escapeProperty(finding.commit ? `${finding.ruleId} (commit ${finding.commit.id.slice(0, 12)})` : finding.ruleId)}`,
    ].join(',');
    const provenance = finding.commit ? ` (introduced in ${finding.commit.id} by ${finding.commit.author}, ${finding.commit.date})` : '';
    out.push(`::${command} ${properties}::${escapeData(neutralize(finding.message + provenance))}`);
  }
  for (const error of result.errors) {
    out.push(`::error file=${escapeProperty(error.file)},title=${escapeProperty('pilotstatus-scan: not fully scanned')}::${escapeData(neutralize(error.reason))}`);
  }
  for (const entry of result.skipped) {
    if (entry.kind !== 'tooLarge') continue;
    out.push(`::warning file=${escapeProperty(entry.file)},title=${escapeProperty('pilotstatus-scan: not scanned')}::${escapeData(neutralize(entry.reason))}`);
  }
  const summary = `pilotstatus-scan: ${result.findings.length} finding(s), ${result.errors.length} file(s) not fully scanned, ${result.stats.files} file(s) looked at`;
  out.push(escapeData(summary));
  return `${out.join('\n')}\n`;
}
