/**
 * PilotStatus targets (which API endpoint a URL reaches) and instance creations (`axios.create(…)`
 * and the like, with the headers their hooks set).
 */
import { findHookHeaders } from './hooks.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { classifyApiPath, isPilotStatusHost, parseUrlText, type ApiEndpoint } from '../../core/api-model.js';
import { isPilotStatusUrlName } from '../../core/names.js';
import { getClient } from '../http-clients.js';
import { getOptions, getPatternText, NO_BINDINGS, type AnalysisContext, type Hole, type Value } from '../static-value.js';
import { getConfigProperty, mergeHeaders } from './headers.js';
import type { RequestModel } from './model.js';
import { getInstanceProperty, resolveInstance } from './instances.js';

// ——— PilotStatus targets ———

export interface ApiTarget {
  /** The endpoint of the most specific PilotStatus alternative. */
  endpoint: ApiEndpoint;
  /** All endpoints the URL may reach (for rules that want every alternative to agree). */
  endpoints: ApiEndpoint[];
  /** How the URL was recognised as PilotStatus. */
  evidence: 'host' | 'env-name';
}

const KNOWN_RESOURCES = new Set(['messages', 'numbers', 'remote-pairing', 'groups', 'newsletters', 'templates', 'analytics', 'media', 'api-keys', 'webhooks', 'contacts', 'chats']);

/** Where a URL value points on the PilotStatus API, when any alternative is a PilotStatus URL. */
export function findApiTarget(url: Value | undefined, context: AnalysisContext): ApiTarget | undefined {
  if (!url) return undefined;
  const endpoints: ApiEndpoint[] = [];
  let evidence: ApiTarget['evidence'] | undefined;
  for (const option of getOptions(url)) {
    if (option.kind !== 'string') continue;
    const first = option.segments[0];
    const text = getPatternText(option)!;
    const parsed = parseUrlText(text);
    if (parsed?.host && isPilotStatusHost(parsed.host, context.settings.apiHosts)) {
      endpoints.push(classifyApiPath(parsed.path));
      evidence ??= 'host';
      continue;
    }
    // `${process.env.PILOTSTATUS_API_URL}/messages/send`: the env name says PilotStatus
    if (first && typeof first !== 'string' && isPilotStatusUrlHole(first, context)) {
      const rest = text.slice(1).split('?', 1)[0]!;
      let endpoint = classifyApiPath(rest || '/');
      if (endpoint.kind === 'other' && KNOWN_RESOURCES.has(rest.split('/')[1] ?? '')) endpoint = classifyApiPath(`/v1${rest}`);
      endpoints.push(endpoint);
      evidence ??= 'env-name';
    }
  }
  if (!evidence || endpoints.length === 0) return undefined;
  const ranked = [...endpoints].sort((a, b) => rankEndpoint(b) - rankEndpoint(a));
  return { endpoint: ranked[0]!, endpoints, evidence };
}

function rankEndpoint(endpoint: ApiEndpoint): number {
  if (endpoint.kind === 'v1') return endpoint.scope ? 3 : 2;
  if (endpoint.kind === 'compat-layer') return 1;
  return 0;
}

function isPilotStatusUrlHole(hole: Hole, context: AnalysisContext): boolean {
  if (hole.origin?.kind === 'env' && isPilotStatusUrlName(hole.origin.name, context.settings)) return true;
  return hole.trail.some((name) => isPilotStatusUrlName(name, context.settings));
}

/**
 * `axios.create({ baseURL, headers })`, `got.extend({ prefixUrl, headers })`, `ky.create(…)`,
 * `$fetch.create(…)`: the instance's own configuration, modelled as the request every call inherits.
 */
export function findInstanceCreation(node: TSESTree.CallExpression, context: AnalysisContext): RequestModel | undefined {
  if (node.callee.type !== 'MemberExpression' || !node.arguments[0]) return undefined;
  // `api.extend({ … })` of an instance made elsewhere too: its base URL may be the one it extends
  const found = resolveInstance(node, context, NO_BINDINGS);
  if (!found) return undefined;
  const { client, instance } = found;
  const config = instance.config;
  const url = getInstanceProperty(instance, getClient(client).baseUrlOptions);
  // its own headers and hooks only: what it extends is modelled (and reported) where that was made
  const own = mergeHeaders([config ? getConfigProperty(config, ['headers']) : undefined], config?.kind === 'object');
  const hooks = findHookHeaders(node, client, config, context);
  const headers = { entries: [...own.entries, ...hooks.entries], complete: own.complete && hooks.complete };
  return { client, node, method: undefined, url, headers };
}
