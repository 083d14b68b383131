/**
 * The scanner config: `pilotstatus.config.{json,js,mjs}` or a `"pilotstatus"` key in the scanned
 * project's package.json. The same names as the plugin's `settings.pilotstatus`, plus `exclude`,
 * `include`, `disabledRules`, per-rule severities (`rules`) and an `allowlist`. JavaScript configs are
 * only loaded from the scanned project (or a file named with `--config`). Errors name the file and
 * the field, and end the run with exit code 2.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS, resolveSettings, SettingsError, type PilotStatusSettings } from '../core/settings.js';
import { closestName } from '../core/suggest.js';
import { RULE_NAMES, toRuleName, type RuleName, type Severity } from './finding.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type RuleSetting = 'off' | 'warn' | 'error';

export interface ScannerConfig {
  /** Where it came from, for messages; undefined when no config was found. */
  source: string | undefined;
  /** The `settings.pilotstatus` part exactly as written (passed to the rules). */
  rawSettings: Record<string, unknown> | undefined;
  settings: PilotStatusSettings;
  exclude: string[];
  include: string[];
  rules: Map<RuleName, RuleSetting>;
  allowlist: { paths: string[]; values: string[] };
}

export const CONFIG_FILES = ['pilotstatus.config.json', 'pilotstatus.config.mjs', 'pilotstatus.config.js'] as const;

const SETTING_NAMES = new Set(Object.keys(DEFAULT_SETTINGS));
const SCANNER_NAMES = new Set(['$schema', 'extends', 'exclude', 'include', 'disabledRules', 'rules', 'allowlist']);

export function createDefaultConfig(): ScannerConfig {
  return { source: undefined, rawSettings: undefined, settings: DEFAULT_SETTINGS, exclude: [], include: [], rules: new Map(), allowlist: { paths: [], values: [] } };
}

/** Loads the config of the project at `root`, or the file `explicitPath`. */
export async function loadConfig(root: string, explicitPath?: string): Promise<ScannerConfig> {
  if (explicitPath) {
    const path = resolve(root, explicitPath);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${explicitPath}`);
    return validateConfig(await readConfigFile(path), explicitPath);
  }
  for (const name of CONFIG_FILES) {
    const path = join(root, name);
    if (existsSync(path)) return validateConfig(await readConfigFile(path), name);
  }
  const packagePath = join(root, 'package.json');
  if (existsSync(packagePath)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(packagePath, 'utf8'));
    } catch {
      return createDefaultConfig(); // a broken package.json is not ours to judge
    }
    if (json && typeof json === 'object' && 'pilotstatus' in json) {
      return validateConfig(json.pilotstatus, 'package.json#pilotstatus');
    }
  }
  return createDefaultConfig();
}

async function readConfigFile(path: string): Promise<unknown> {
  const name = basename(path);
  if (/\.(?:c|m)?js$/.test(name)) {
    try {
      const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
      return module.default ?? module;
    } catch (error) {
      throw new ConfigError(`${name}: cannot be loaded: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${name}: not valid JSON: ${(error as Error).message}`);
  }
}

export function validateConfig(raw: unknown, source: string): ScannerConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${source}: the config must be an object.`);
  const input = raw as Record<string, unknown>;
  const rawSettings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (SETTING_NAMES.has(name)) rawSettings[name] = value;
    else if (!SCANNER_NAMES.has(name)) {
      const guess = closestName(name, [...SETTING_NAMES, ...SCANNER_NAMES]);
      throw new ConfigError(`${source}: "${name}" is not a known option${guess ? ` (did you mean "${guess}"?)` : ''} (settings: ${[...SETTING_NAMES].join(', ')}; scanner: ${[...SCANNER_NAMES].join(', ')}).`);
    }
  }
  if (input.extends !== undefined && input.extends !== 'recommended') {
    throw new ConfigError(`${source}: "extends" can only be "recommended".`);
  }
  let settings: PilotStatusSettings;
  try {
    settings = resolveSettings(rawSettings);
  } catch (error) {
    if (error instanceof SettingsError) throw new ConfigError(`${source}: ${error.message.replace(/^settings\.pilotstatus\./, '')}`);
    throw error;
  }
  const rules = new Map<RuleName, RuleSetting>();
  for (const id of readStrings(input, 'disabledRules', source)) rules.set(requireRule(id, 'disabledRules', source), 'off');
  if (input.rules !== undefined) {
    if (!input.rules || typeof input.rules !== 'object' || Array.isArray(input.rules)) {
      throw new ConfigError(`${source}: "rules" must be an object of rule id → "off" | "warn" | "error".`);
    }
    for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
      rules.set(requireRule(id, 'rules', source), readSeverity(value, id, source));
    }
  }
  const allowlist = { paths: [] as string[], values: [] as string[] };
  if (input.allowlist !== undefined) {
    if (!input.allowlist || typeof input.allowlist !== 'object' || Array.isArray(input.allowlist)) {
      throw new ConfigError(`${source}: "allowlist" must be an object { paths, values }.`);
    }
    const section = input.allowlist as Record<string, unknown>;
    for (const name of Object.keys(section)) {
      if (name !== 'paths' && name !== 'values') throw new ConfigError(`${source}: "allowlist.${name}" is not known (paths, values).`);
    }
    allowlist.paths = readStrings(section, 'paths', source, 'allowlist.');
    allowlist.values = readStrings(section, 'values', source, 'allowlist.');
  }
  return {
    source,
    rawSettings: Object.keys(rawSettings).length > 0 ? rawSettings : undefined,
    settings,
    exclude: readStrings(input, 'exclude', source),
    include: readStrings(input, 'include', source),
    rules,
    allowlist,
  };
}

function readStrings(input: Record<string, unknown>, name: string, source: string, prefix = ''): string[] {
  const value = input[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ConfigError(`${source}: "${prefix}${name}" must be an array of strings.`);
  }
  return value;
}

function requireRule(id: string, field: string, source: string): RuleName {
  const name = toRuleName(id);
  if (!name) throw new ConfigError(`${source}: "${field}" names an unknown rule "${id}" (known: ${RULE_NAMES.join(', ')}).`);
  return name;
}

function readSeverity(value: unknown, id: string, source: string): RuleSetting {
  if (value === 'off' || value === 0) return 'off';
  if (value === 'warn' || value === 1) return 'warn';
  if (value === 'error' || value === 2) return 'error';
  throw new ConfigError(`${source}: rules["${id}"] must be "off", "warn" or "error".`);
}

/** Rule settings as the collector wants them. */
export function toSeverityMap(rules: ReadonlyMap<RuleName, RuleSetting>): Map<RuleName, Severity | 'off'> {
  const map = new Map<RuleName, Severity | 'off'>();
  for (const [rule, setting] of rules) map.set(rule, setting === 'warn' ? 'warning' : setting);
  return map;
}
