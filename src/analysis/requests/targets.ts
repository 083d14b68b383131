/**
 * PilotStatus targets (which API endpoint a URL reaches) and instance creations (`axios.create(…)`
 * and the like, with the headers their hooks set).
 */
import { findHookHeaders } from './hooks.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { classifyApiPath, isPilotStatusHost, parseUrlText, type ApiEndpoint } from '../../core/api-model.js';
import { isPilotStatusUrlName } from '../../core/names.js';
import { findClientByGlobal, findClientByModule, INSTANCE_FACTORIES } from '../http-clients.js';
import { getMemberName, getOptions, getPatternText, resolveValue, type AnalysisContext, type Hole, type Value } from '../static-value.js';
import { getConfigProperty, mergeHeaders } from './headers.js';
import type { RequestModel } from './model.js';

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
  const factory = getMemberName(node.callee, context);
  if (!factory || !INSTANCE_FACTORIES.has(factory)) return undefined;
  const receiver = resolveValue(node.callee.object, context);
  const origin = receiver.kind === 'unknown' ? receiver.origin : undefined;
  const client = origin?.kind === 'import' ? findClientByModule(origin.source) : origin?.kind === 'global' ? findClientByGlobal(origin.name) : undefined;
  if (!client || !client.instanceFactories.includes(factory)) return undefined;
  const config = resolveValue(node.arguments[0], context);
  const url = getConfigProperty(config, client.baseUrlOptions);
  const own = mergeHeaders([getConfigProperty(config, ['headers'])], config.kind === 'object');
  const hooks = findHookHeaders(node, client.name, config, context);
  const headers = { entries: [...own.entries, ...hooks.entries], complete: own.complete && hooks.complete };
  return { client: client.name, node, method: undefined, url, headers };
}
