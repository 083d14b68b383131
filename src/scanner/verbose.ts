/** `--verbose`: what the scan did, on stderr: time per phase, and which path each file took and why. */
import { neutralize } from './format/terminal.js';
import type { ScanResult } from './scan.js';

export function formatVerbose(result: ScanResult): string {
  const { timings, stats } = result;
  const lines = [
    `pilotstatus-scan: config ${timings.config} ms, discovery ${timings.discover} ms, files ${timings.files} ms, filters ${timings.filter} ms (total ${stats.durationMs} ms)`,
    `pilotstatus-scan: ${stats.files} file(s): ${stats.linted} linted, ${stats.textScanned} text, ${stats.skipped.binary + stats.skipped.tooLarge} skipped`,
  ];
  for (const route of result.routes ?? []) lines.push(`  ${neutralize(route.file)}: ${route.reason}`);
  return `${lines.join('\n')}\n`;
}
