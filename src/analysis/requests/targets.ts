/**
 * PilotStatus targets (which API endpoint a URL reaches) and client instances: header assignments
 * (`instance.defaults.headers…`, interceptors), base URLs and instance creations.
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

export interface InstanceHeaderAssignment {
  lowerName: string;
  value: Value;
  /** The instance's base URL, when its creation shows one. */
  baseUrl: Value | undefined;
}

/**
 * `api.defaults.headers.common.Authorization = …` and, inside `api.interceptors.request.use(config => …)`,
 * `config.headers.Authorization = …`: a header set on every request of an instance.
 */
export function findInstanceHeaderAssignment(node: TSESTree.AssignmentExpression, context: AnalysisContext): InstanceHeaderAssignment | undefined {
  const chain: string[] = [];
  let current: TSESTree.Node = node.left;
  while (current.type === 'MemberExpression') {
    const name = getMemberName(current, context);
    if (name === undefined) return undefined;
    chain.unshift(name);
    current = current.object;
  }
  if (current.type !== 'Identifier' || chain.length < 2) return undefined;
  const headerName = chain[chain.length - 1]!;
  let instanceNode: TSESTree.Node | undefined;
  if (chain[0] === 'defaults' && chain[1] === 'headers') {
    instanceNode = current;
  } else if (chain[0] === 'headers' && chain.length === 2) {
    instanceNode = findInterceptorInstance(current, context);
  }
  if (!instanceNode) return undefined;
  return { lowerName: headerName.toLowerCase(), value: resolveValue(node.right, context), baseUrl: findInstanceBaseUrl(instanceNode, context) };
}

/** The `api` of `api.interceptors.request.use((config) => …)` when `identifier` is that `config`. */
function findInterceptorInstance(identifier: TSESTree.Identifier, context: AnalysisContext): TSESTree.Node | undefined {
  for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
    if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') continue;
    const param = node.params[0];
    if (param?.type !== 'Identifier' || param.name !== identifier.name) continue;
    const call = node.parent;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || getMemberName(call.callee, context) !== 'use') return undefined;
    const requestMember = call.callee.object;
    if (requestMember.type !== 'MemberExpression' || getMemberName(requestMember, context) !== 'request') return undefined;
    const interceptors = requestMember.object;
    if (interceptors.type !== 'MemberExpression' || getMemberName(interceptors, context) !== 'interceptors') return undefined;
    return interceptors.object;
  }
  return undefined;
}

function findInstanceBaseUrl(instanceNode: TSESTree.Node, context: AnalysisContext): Value | undefined {
  const instance = resolveValue(instanceNode, context);
  for (const option of getOptions(instance)) {
    if (option.kind !== 'unknown' || option.origin?.kind !== 'expression') continue;
    const creation = option.origin.node;
    if (creation.type !== 'CallExpression' || !creation.arguments[0]) continue;
    const config = resolveValue(creation.arguments[0], context);
    const base = getConfigProperty(config, ['baseURL', 'baseUrl', 'prefixUrl', 'prefixURL']);
    if (base) return base;
  }
  return undefined;
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
