/** Formatters by name. */
import type { ScanResult } from '../scan.js';
import { loadAllRuleInfo } from '../rule-catalog.js';
import { formatGithub } from './github.js';
import { formatGitlab, resolveCommit } from './gitlab.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export async function formatResult(format: FormatName, result: ScanResult, options: { cwd: string; color: boolean; env?: Record<string, string | undefined> }): Promise<string> {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, options.cwd, await loadAllRuleInfo());
    case 'github':
      return formatGithub(result);
    case 'gitlab':
      return formatGitlab(result, { commit: await resolveCommit(options.cwd, options.env ?? {}), rules: await loadAllRuleInfo() });
    case 'stylish':
      return formatStylish(result, { color: options.color });
  }
}
