/**
 * `settings.pilotstatus`: one set of names for the ESLint plugin and the scanner config. Validated
 * once per settings object; a bad value throws an error that names the setting and what it expects.
 */
import { DEFAULT_API_HOSTS } from './api-model.js';
import { closestName } from './suggest.js';

export interface PilotStatusSettings {
  /** Hosts (and their subdomains) that serve the PilotStatus API. */
  apiHosts: string[];
  /** Globs of files that ship to browsers or devices, added to the built-in client markers. */
  clientFiles: string[];
  /** Globs of files that never ship to a client; they win over client defaults. */
  serverFiles: string[];
  /** A regular expression that replaces the built-in key recognizer. */
  keyPattern: string | undefined;
  /** Functions whose result no longer holds the full key (`mask(key)`). */
  maskFunctions: string[];
  /** Regular expression (tested on the UPPER_SNAKE form of a key-like name) for tenant-scoped keys. */
  tenantKeyNames: string;
  /** Regular expression (tested on the UPPER_SNAKE form of a key-like name) for number-scoped keys. */
  numberKeyNames: string;
  /** Regular expression (UPPER_SNAKE form) for names of PilotStatus keys and key ids. */
  keyNames: string;
  /** Regular expression (UPPER_SNAKE form) for names of PilotStatus base URLs and hosts. */
  urlNames: string;
}

export const DEFAULT_CLIENT_FILES = [
  'pages/**/*.{js,jsx,ts,tsx}',
  'src/pages/**/*.{js,jsx,ts,tsx}',
  'src/components/**/*.{js,jsx,ts,tsx}',
  'components/**/*.{jsx,tsx}',
  'app/components/**/*.{js,jsx,ts,tsx}',
  '**/*.client.{js,jsx,ts,tsx,mjs}',
  'public/**/*.{js,mjs}',
  'static/**/*.{js,mjs}',
  'App.{js,jsx,ts,tsx}',
  'app/(tabs)/**/*.{js,jsx,ts,tsx}',
  // front-end folders of a repository that holds both sides
  'client/**/*.{js,jsx,ts,tsx,mjs}',
  'frontend/**/*.{js,jsx,ts,tsx,mjs}',
  'web/**/*.{js,jsx,ts,tsx,mjs}',
  'src/client/**/*.{js,jsx,ts,tsx,mjs}',
  // build output that only browsers load
  '**/*.min.js',
  '**/*.bundle.js',
  '**/dist/assets/**/*.js',
  '**/build/static/**/*.js',
  '.next/static/**/*.js',
];

export const DEFAULT_SERVER_FILES = [
  'pages/api/**',
  'src/pages/api/**',
  'app/**/route.{js,ts,mjs}',
  'src/app/**/route.{js,ts,mjs}',
  'server/**',
  'src/server/**',
  '**/*.server.{js,jsx,ts,tsx,mjs}',
  'supabase/functions/**',
  'netlify/functions/**',
  'api/**',
  '**/+server.{js,ts}',
  'src/lib/server/**',
];

export const DEFAULT_MASK_FUNCTIONS = ['mask', 'maskKey', 'maskApiKey', 'maskSecret', 'redact', 'redactKey', 'redactSecret', 'obfuscate', 'hash', 'hashKey', 'fingerprint'];

export const DEFAULT_SETTINGS: PilotStatusSettings = {
  apiHosts: [...DEFAULT_API_HOSTS],
  clientFiles: DEFAULT_CLIENT_FILES,
  serverFiles: DEFAULT_SERVER_FILES,
  keyPattern: undefined,
  maskFunctions: DEFAULT_MASK_FUNCTIONS,
  tenantKeyNames: '(^|_)TENANT(_|$)',
  numberKeyNames: '(^|_)NUMBER(_|$)',
  keyNames:
    '(^|_)(PILOT_?STATUS|PILOT|PS|WHATSAPP|WA|EVOLUTION|MONITOR_?STATUS)(_(?!(MESSAGE|MSG|MEDIA|CHAT|SESSION|GROUP|CONTACT)(_|$))[A-Z0-9]+)*_(API_?)?(KEY|TOKEN)(_?ID)?$',
  urlNames: '(^|_)(PILOT_?STATUS|PILOT|PS)(_[A-Z0-9]+)*_(URL|HOST|BASE|BASE_?URL|ENDPOINT|ORIGIN|API)$',
};

export class SettingsError extends Error {
  override name = 'PilotStatusSettingsError';

  constructor(message: string) {
    super(message);
    // ESLint prints a rule's crash as `error.stack`: for a settings mistake the message (which ESLint
    // prefixes with the rule and suffixes with the file) is the whole story, the trace is noise.
    Object.defineProperty(this, 'stack', { get: () => `${this.name}: ${this.message}`, configurable: true });
  }
}

const cache = new WeakMap<object, PilotStatusSettings>();

/** Reads `settings.pilotstatus` (or a scanner config section) and fills in the defaults. */
export function resolveSettings(raw: unknown): PilotStatusSettings {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsError('settings.pilotstatus must be an object.');
  }
  const cached = cache.get(raw);
  if (cached) return cached;
  const input = raw as Record<string, unknown>;
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  for (const name of Object.keys(input)) {
    if (!known.has(name)) {
      const guess = closestName(name, known);
      throw new SettingsError(`settings.pilotstatus.${name} is not a known setting${guess ? ` (did you mean ${guess}?)` : ''} (known: ${[...known].join(', ')}).`);
    }
  }
  const settings: PilotStatusSettings = {
    apiHosts: readStringArray(input, 'apiHosts') ?? DEFAULT_SETTINGS.apiHosts,
    clientFiles: readStringArray(input, 'clientFiles') ?? DEFAULT_SETTINGS.clientFiles,
    serverFiles: readStringArray(input, 'serverFiles') ?? DEFAULT_SETTINGS.serverFiles,
    keyPattern: readRegExpSource(input, 'keyPattern') ?? DEFAULT_SETTINGS.keyPattern,
    maskFunctions: [...DEFAULT_SETTINGS.maskFunctions, ...(readStringArray(input, 'maskFunctions') ?? [])],
    tenantKeyNames: readRegExpSource(input, 'tenantKeyNames') ?? DEFAULT_SETTINGS.tenantKeyNames,
    numberKeyNames: readRegExpSource(input, 'numberKeyNames') ?? DEFAULT_SETTINGS.numberKeyNames,
    keyNames: readRegExpSource(input, 'keyNames') ?? DEFAULT_SETTINGS.keyNames,
    urlNames: readRegExpSource(input, 'urlNames') ?? DEFAULT_SETTINGS.urlNames,
  };
  cache.set(raw, settings);
  return settings;
}

function readStringArray(input: Record<string, unknown>, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new SettingsError(`settings.pilotstatus.${name} must be an array of strings.`);
  }
  return value;
}

function readRegExpSource(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new SettingsError(`settings.pilotstatus.${name} must be a regular expression source string.`);
  }
  try {
    new RegExp(value);
  } catch (error) {
    throw new SettingsError(`settings.pilotstatus.${name} is not a valid regular expression: ${(error as Error).message}`);
  }
  return value;
}
