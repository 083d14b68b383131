/**
 * The default report: findings grouped by file, `line:col`, severity, message, rule id, and a code
 * frame with every key redacted and control characters neutralised; then totals, files that could
 * not be scanned, and files skipped. Colour only when asked for (the CLI asks on a TTY).
 */
import { styleText } from 'node:util';
import { codeFrameColumns } from '@babel/code-frame';
import type { Finding } from '../finding.js';
import type { ScanResult } from '../scan.js';
import { neutralize } from './terminal.js';

export interface StylishOptions {
  color: boolean;
  /** Include a code frame under each finding. */
  codeFrames?: boolean;
}

type Style = Parameters<typeof styleText>[0];

export function formatStylish(result: ScanResult, options: StylishOptions): string {
  // The caller decided about colour (TTY, NO_COLOR, --color); styleText must not second-guess it.
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(paint('underline', neutralize(file)));
    for (const finding of findings) {
      const position = `${finding.line}:${finding.column}`.padEnd(8);
      const severity = finding.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
      out.push(`  ${paint('dim', position)} ${severity}  ${neutralize(finding.message)}  ${paint('dim', finding.ruleId)}`);
      if (finding.origin) out.push(`           ${paint('dim', `from ${neutralize(finding.origin.source)}:${finding.origin.line}`)}`);
      if (finding.commit) out.push(`           ${paint('dim', `introduced in ${finding.commit.id} by ${neutralize(finding.commit.author)}, ${neutralize(finding.commit.date)}`)}`);
      if (options.codeFrames !== false && finding.snippet) out.push(indent(formatFrame(finding), '    '));
    }
    out.push('');
  }
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (result.findings.length > 0) {
    const summary = `✖ ${plural(result.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(byFile.size, 'file')}`;
    out.push(paint(errors > 0 ? 'red' : 'yellow', summary));
  } else {
    out.push(paint('green', `✔ No PilotStatus credential problems found in ${plural(result.stats.files - result.stats.skipped.binary - result.stats.skipped.tooLarge, 'file')}.`));
  }
  const suppressed = result.stats.suppressed;
  const hidden = suppressed.inline + suppressed.allowlist + suppressed.baseline;
  if (hidden > 0) {
    out.push(paint('dim', `  (${hidden} suppressed: ${suppressed.inline} inline, ${suppressed.allowlist} allowlist, ${suppressed.baseline} baseline)`));
  }
  if (result.errors.length > 0) {
    out.push('');
    out.push(paint('red', `${plural(result.errors.length, 'file')} could not be fully scanned:`));
    for (const error of result.errors) out.push(`  ${neutralize(error.file)}: ${neutralize(error.reason)}`);
  }
  if (result.skipped.length > 0) {
    const { binary, tooLarge } = result.stats.skipped;
    out.push('');
    out.push(paint('dim', `Skipped ${plural(result.skipped.length, 'file')}: ${binary} binary, ${tooLarge} over --max-file-size.`));
    for (const item of result.skipped.filter((entry) => !entry.reason.startsWith('binary'))) {
      out.push(paint('dim', `  ${neutralize(item.file)}: ${neutralize(item.reason)}`));
    }
  }
  if (result.interrupted) {
    out.push('');
    out.push(paint('yellow', 'Interrupted: the results above are incomplete.'));
  }
  return `${out.join('\n')}\n`;
}

function formatFrame(finding: Finding): string {
  const snippet = finding.snippet!;
  const source = snippet.lines.map((line) => neutralize(line)).join('\n');
  const options = { highlightCode: false, linesAbove: 1, linesBelow: 1, startLine: snippet.firstLine } as Parameters<typeof codeFrameColumns>[2];
  return codeFrameColumns(source, { start: { line: finding.line, column: snippet.column } }, options);
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
