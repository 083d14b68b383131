/**
 * Programmatic API: `import { scan } from 'eslint-plugin-pilotstatus/scanner'` gives the scanner's
 * findings as data, the same as `pilotstatus-scan --format json`.
 */
export { scan, DEFAULT_MAX_FILE_SIZE } from './scan.js';
export type { ScanOptions, ScanResult, ScanError, ScanStats } from './scan.js';
export type { Finding, FindingOrigin, RuleId, RuleName, Severity } from './finding.js';
export { RULE_NAMES } from './finding.js';
export { loadConfig, validateConfig, ConfigError } from './config.js';
export type { ScannerConfig } from './config.js';
export { formatResult, FORMATS } from './format/index.js';
export type { FormatName } from './format/index.js';
export { run, EXIT } from './cli.js';
