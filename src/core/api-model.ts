/**
 * The PilotStatus API as the specification describes it: hosts, path roots, endpoint scopes.
 * One table; the rules and the scanner ask it, nothing else encodes endpoint knowledge.
 */
import type { KeyScope } from './names.js';

export const DEFAULT_API_HOSTS = ['pilotstatus.com.br', 'pilotstatus.online', 'pilotstatus.com'] as const;

/** Header names that authenticate a request. */
export const KEY_HEADER = 'x-api-key';
export const KEY_ID_HEADER = 'x-api-key-id';

/**
 * Header names people type instead of `x-api-key`. `apikey` is the Evolution-API layer's header and
 * is only a look-alike on `/v1` endpoints.
 */
export const LOOK_ALIKE_KEY_HEADERS = new Set([
  'x-api_key', 'x_api_key', 'x-apikey', 'xapikey', 'api-key', 'api_key', 'apikey', 'x-api-token', 'x-auth-token',
  'x-access-token', 'x-key', 'x-token', 'token', 'x-pilotstatus-key', 'x-pilot-key', 'x-api-keyid', 'api-key-id',
]);

export interface EndpointRule {
  /** Path prefix under `/v1`, matched on whole segments. */
  prefix: string;
  scope: KeyScope;
  description: string;
  /** End-customer routes that carry a pairing token in the path and no key header. */
  pairing?: boolean;
}

/**
 * Tenant-scoped keys may call only `/v1/numbers/*` and `/v1/remote-pairing/*`; every other `/v1` path
 * is a per-number endpoint (messages, groups, newsletters, templates, analytics, media, api-keys, webhooks).
 */
export const TENANT_ENDPOINTS: readonly EndpointRule[] = [
  { prefix: '/v1/numbers', scope: 'tenant', description: 'number lifecycle: create, list, get, delete, connect, status' },
  { prefix: '/v1/remote-pairing', scope: 'tenant', description: 'remote pairing of a number', pairing: true },
];

export const DOCUMENTED_NUMBER_ENDPOINTS = [
  'POST /v1/messages/send', 'GET /v1/messages/{id}', 'POST /v1/messages/{id}/cancel', '/v1/groups', '/v1/newsletters',
  '/v1/templates', '/v1/analytics', '/v1/media', 'POST /v1/api-keys/regenerate',
] as const;

export const REGENERATE_PATH = '/v1/api-keys/regenerate';

/** A character that stands for an unknown part of a string (an interpolated parameter). */
export const HOLE = '\u0000';

export type ApiPathKind = 'v1' | 'compat-layer' | 'other';

export interface ApiEndpoint {
  kind: ApiPathKind;
  /** The path normalised to start at `/v1` (`/api/v1/x` → `/v1/x`), holes kept as `HOLE`. */
  path: string;
  /** `tenant` or `number`; undefined when the first segment after `/v1` is not known. */
  scope: KeyScope | undefined;
  /** The `/v1/<resource>` the path starts with, for messages (`/v1/messages`). */
  resource: string | undefined;
  pairing: boolean;
}

/** Classifies a path (holes allowed) of a PilotStatus URL. */
export function classifyApiPath(rawPath: string): ApiEndpoint {
  let path = rawPath.split(/[?#]/, 1)[0]!;
  if (!path.startsWith('/')) path = `/${path}`;
  path = path.replace(/\/{2,}/g, '/');
  if (/^\/api\/layer(\/|$)/.test(path)) return { kind: 'compat-layer', path, scope: undefined, resource: undefined, pairing: false };
  if (path.startsWith('/api/v1/') || path === '/api/v1') path = path.slice(4);
  if (!(path === '/v1' || path.startsWith('/v1/'))) return { kind: 'other', path, scope: undefined, resource: undefined, pairing: false };
  const segment = /^\/v1\/([^/]*)/.exec(path)?.[1];
  if (segment === undefined || segment === '' || segment.includes(HOLE)) {
    return { kind: 'v1', path, scope: undefined, resource: undefined, pairing: false };
  }
  const resource = `/v1/${segment}`;
  const tenant = TENANT_ENDPOINTS.find((rule) => rule.prefix === resource);
  return { kind: 'v1', path, scope: tenant ? 'tenant' : 'number', resource, pairing: tenant?.pairing === true };
}

/** True when `host` is one of `apiHosts` or a subdomain of one. */
export function isPilotStatusHost(host: string, apiHosts: readonly string[]): boolean {
  const lower = host.toLowerCase().replace(/\.$/, '');
  return apiHosts.some((apiHost) => lower === apiHost || lower.endsWith(`.${apiHost}`));
}

export interface ParsedUrl {
  /** Lower-cased host, or undefined when it is not known (a hole). */
  host: string | undefined;
  /** Path, possibly with holes; `/` when the URL has no path. */
  path: string;
  /** The query string without `?`, possibly with holes. */
  query: string;
}

/**
 * Splits URL text with holes into host, path and query. Text that starts with `/` is a path only.
 * Returns undefined for text that is not URL-shaped.
 */
export function parseUrlText(text: string): ParsedUrl | undefined {
  const schemeLength = /^https?:\/\//i.test(text) ? text.indexOf('//') + 2 : text.startsWith('//') ? 2 : -1;
  let host: string | undefined;
  let rest: string;
  if (schemeLength > 0) {
    let authorityEnd = schemeLength;
    while (authorityEnd < text.length && !'/?#'.includes(text[authorityEnd]!)) authorityEnd++;
    const authority = text.slice(schemeLength, authorityEnd);
    const withoutUser = authority.slice(authority.lastIndexOf('@') + 1);
    const port = withoutUser.lastIndexOf(':');
    const hostname = port >= 0 && /^\d+$/.test(withoutUser.slice(port + 1)) ? withoutUser.slice(0, port) : withoutUser;
    host = authority.includes(HOLE) ? undefined : hostname.toLowerCase();
    rest = text.slice(authorityEnd);
  } else if (text.startsWith('/')) {
    rest = text;
  } else {
    return undefined;
  }
  const queryIndex = rest.indexOf('?');
  const path = queryIndex >= 0 ? rest.slice(0, queryIndex) : rest;
  const query = queryIndex >= 0 ? rest.slice(queryIndex + 1).split('#', 1)[0]! : '';
  return { host, path: path.split('#', 1)[0] || '/', query };
}

/** `path` without trailing slashes (a loop: no backtracking on `////…`). */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}
