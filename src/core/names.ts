/**
 * What names say: is this identifier or environment variable a PilotStatus key, a key id, a base URL,
 * a tenant-scoped or number-scoped key, browser-exposed? Names are normalised to UPPER_SNAKE first, so
 * `pilotStatusApiKey`, `PILOT_STATUS_API_KEY` and `pilot-status-api-key` are one name.
 */
import type { PilotStatusSettings } from './settings.js';

const upperSnakeCache = new Map<string, string>();

/** `shopLineKey` → `SHOP_LINE_KEY`; `#apiKey` → `API_KEY`; `x-api-key` → `X_API_KEY`. Memoised: names repeat. */
export function toUpperSnake(name: string): string {
  let snake = upperSnakeCache.get(name);
  if (snake === undefined) {
    snake = computeUpperSnake(name);
    if (upperSnakeCache.size > 100_000) upperSnakeCache.clear();
    upperSnakeCache.set(name, snake);
  }
  return snake;
}

/** Names longer than this are not words worth splitting (and the splitting regexes stay bounded). */
const MAX_NAME_LENGTH = 256;

function computeUpperSnake(name: string): string {
  if (name.length > MAX_NAME_LENGTH) return name.toUpperCase();
  return name
    .replace(/^[#$_]+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+/, '')
    .replace(/_{1,256}$/, '')
    .toUpperCase();
}

/** Browser-exposed environment variable prefixes of the common frameworks. */
export const BROWSER_ENV_PREFIXES = [
  'NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'NUXT_ENV_', 'GATSBY_', 'VUE_APP_', 'PUBLIC_',
] as const;

export function findBrowserEnvPrefix(envName: string): string | undefined {
  return BROWSER_ENV_PREFIXES.find((prefix) => envName.startsWith(prefix));
}

const regexCache = new Map<string, RegExp>();
function toRegExp(source: string): RegExp {
  let pattern = regexCache.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'i');
    regexCache.set(source, pattern);
  }
  return pattern;
}

/** A name that holds a credential at all: `…_KEY`, `…_API_KEY`, `…_KEY_ID`, `…_TOKEN`, `apiKey`. */
export function isKeyLikeName(name: string): boolean {
  const snake = toUpperSnake(name);
  return /(^|_)(API_?KEY|KEY|APIKEY|KEY_?ID|TOKEN|SECRET_?KEY)(_ID)?$/.test(snake);
}

/** A name that says PilotStatus key or key id (`PILOTSTATUS_API_KEY`, `WHATSAPP_API_KEY`, `pilotKey`). */
export function isPilotStatusKeyName(name: string, settings: PilotStatusSettings): boolean {
  return toRegExp(settings.keyNames).test(toUpperSnake(name));
}

/** A name that says key id (`PILOTSTATUS_API_KEY_ID`, `apiKeyId`). */
export function isKeyIdName(name: string): boolean {
  return /(^|_)KEY_?ID$/.test(toUpperSnake(name));
}

/** A name that says PilotStatus base URL or host (`PILOTSTATUS_API_URL`, `PS_GATEWAY_URL`). */
export function isPilotStatusUrlName(name: string, settings: PilotStatusSettings): boolean {
  return toRegExp(settings.urlNames).test(toUpperSnake(name));
}

export type KeyScope = 'tenant' | 'number';

/**
 * The scope a key-like name declares, if any. "tenant" alone is not enough: app code calls its own
 * customers tenants (`tenantProvider(account)`); the name must also look like a key.
 */
export function findScopeFromName(name: string, settings: PilotStatusSettings): KeyScope | undefined {
  if (!isKeyLikeName(name)) return undefined;
  const snake = toUpperSnake(name);
  const tenant = toRegExp(settings.tenantKeyNames).test(snake);
  const number = toRegExp(settings.numberKeyNames).test(snake);
  if (tenant === number) return undefined;
  return tenant ? 'tenant' : 'number';
}
