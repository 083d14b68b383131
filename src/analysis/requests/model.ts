/**
 * The request model core: `RequestModel` / `HeadersModel` / `HeaderEntry`, the cheap candidate test,
 * and `findRequest` (cached), which recognises the client by import provenance and hands the call to
 * its adapter (imported calls, instances).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findClientByModule, type ClientName } from '../http-clients.js';
import { resolveModuleFile } from '../module-resolution.js';
import { mayReachRequestClient } from '../relevance.js';
import { findUnitOf, findVariableFor, getMemberName, getOptions, resolveValue, NO_BINDINGS, type AnalysisContext, type Bindings, type Value } from '../static-value.js';
import { modelFetch, modelAxiosCall, modelGotLikeCall, modelNodeHttp, modelSuperagent, modelXhr, modelSdkMethodCall } from './clients.js';
import { resolveInstance } from './instances.js';

export interface HeaderEntry {
  /** The header name as written. */
  name: string;
  lowerName: string;
  value: Value;
  /** The node that sets it: a Property, an assignment, or a `.set(...)` call. */
  node: TSESTree.Node;
  /** The expression written where the header is set (`key` in `{ 'x-api-key': key }`), when it is in sight. */
  valueNode?: TSESTree.Node;
  /** Set by an instance's request hook or defaults (`hooks.ts`), not by the request itself. */
  fromInstanceHook?: boolean;
}

export interface HeadersModel {
  entries: HeaderEntry[];
  /** False when some headers come from somewhere the analysis cannot see. */
  complete: boolean;
}

export interface RequestModel {
  client: ClientName;
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  method: string | undefined;
  /** The full URL value (base URLs joined), or undefined when the call shows none. */
  url: Value | undefined;
  headers: HeadersModel;
  /** The SDK's `apiKey` option, which the SDK sends as `x-api-key`. */
  sdkApiKey?: Value;
  /** What else the request carries: the body and query options (`body`, `data`, `json`, `params`…), when in sight. */
  payload?: Value[];
}

export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
export const BODY_METHODS = new Set(['post', 'put', 'patch']);
const GLOBAL_RECEIVERS = new Set(['window', 'globalThis', 'self', 'global']);

/** Method names a request can be sent with (clients, instances, the SDK's resources). */
const REQUEST_METHOD_NAMES = new Set([...HTTP_METHODS, 'fetch', 'open', 'raw', 'native', 'stream', 'json', 'text', 'send', 'list', 'create', 'update', 'remove', 'delete', 'cancel', 'status', 'connect', 'regenerate', 'retrieve', 'upload', 'query']);

/** A cheap syntactic check, before anything is resolved: could this call send a request at all? */
export function isRequestCandidate(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = node.callee;
  if (callee.type === 'Identifier') return true;
  if (callee.type !== 'MemberExpression') return false;
  const property = callee.property;
  if (callee.computed) return property.type === 'Literal' && typeof property.value === 'string' && REQUEST_METHOD_NAMES.has(property.value.toLowerCase());
  return property.type === 'Identifier' && (REQUEST_METHOD_NAMES.has(property.name.toLowerCase()) || callee.object.type === 'MemberExpression');
}

/**
 * `helper()` or `ns.helper()` imported from a project module whose import closure mentions no HTTP
 * client (`relevance.ts`): it neither makes nor wraps a request, so it is not parsed and followed.
 */
export function isCallIntoRequestFreeModule(callee: TSESTree.Node, context: AnalysisContext): boolean {
  const binding = callee.type === 'Identifier' ? callee : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object : undefined;
  if (!binding) return false;
  const definition = findVariableFor(binding, context)?.defs[0];
  if (definition?.type !== 'ImportBinding') return false;
  if (binding !== callee && definition.node.type !== 'ImportNamespaceSpecifier') return false;
  const declaration = definition.parent;
  if (declaration?.type !== 'ImportDeclaration') return false;
  const file = resolveModuleFile(findUnitOf(binding, context.unit).filename, declaration.source.value);
  // packages and unresolved paths: the request model decides by what the import is
  return file !== undefined && !mayReachRequestClient(file, context.settings);
}

const requestCache = new WeakMap<TSESTree.Node, RequestModel | null>();

/** The request `node` sends, or undefined when it is not a recognised HTTP request. Cached per call. */
export function findRequest(node: TSESTree.CallExpression | TSESTree.NewExpression, context: AnalysisContext, bindings: Bindings = NO_BINDINGS): RequestModel | undefined {
  if (!isRequestCandidate(node)) return undefined;
  if (bindings !== NO_BINDINGS) return modelRequest(node, context, bindings);
  const cached = requestCache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  const model = modelRequest(node, context, bindings);
  requestCache.set(node, model ?? null);
  return model;
}

function modelRequest(node: TSESTree.CallExpression | TSESTree.NewExpression, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
  // `new X(…)` sends nothing itself; the SDK's construction is modelled where its methods are called.
  if (node.type === 'NewExpression') return undefined;
  const callee = node.callee;
  const resolveHere = (expression: TSESTree.Node) => resolveValue(expression, context, bindings);
  if (callee.type === 'Identifier') {
    if (isCallIntoRequestFreeModule(callee, context)) return undefined;
    const calleeValue = resolveHere(callee);
    const origin = calleeValue.kind === 'unknown' ? calleeValue.origin : undefined;
    if (callee.name === 'fetch' && (origin?.kind === 'global' || origin === undefined)) return modelFetch(node, 'fetch', context, bindings);
    if (origin?.kind === 'import') return modelImportedCall(node, origin.source, origin.importedName, undefined, context, bindings);
    if (origin?.kind === 'expression') return modelInstanceCall(node, origin.node, undefined, context, bindings, origin.state);
    return undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const method = getMemberName(callee, context);
  if (!method) return undefined;
  const receiver = callee.object;
  if (method === 'fetch' && receiver.type === 'Identifier' && GLOBAL_RECEIVERS.has(receiver.name)) return modelFetch(node, 'fetch', context, bindings);
  if (method === 'open' || method === 'setRequestHeader') return method === 'open' ? modelXhr(node, context, bindings) : undefined;
  const receiverValue = resolveHere(receiver);
  for (const option of getOptions(receiverValue)) {
    if (option.kind !== 'unknown' || !option.origin) continue;
    const origin = option.origin;
    if (origin.kind === 'import') {
      const model = modelImportedCall(node, origin.source, origin.importedName, method, context, bindings);
      if (model) return model;
    }
    if (origin.kind === 'expression') {
      const model = modelInstanceCall(node, origin.node, method, context, bindings, origin.state);
      if (model) return model;
    }
  }
  // superagent chains: `request.post(url).set('x-api-key', key)` — modelled on the innermost call.
  return modelSdkMethodCall(node, context, bindings);
}

function modelImportedCall(
  node: TSESTree.CallExpression,
  source: string,
  importedName: string,
  method: string | undefined,
  context: AnalysisContext,
  bindings: Bindings,
): RequestModel | undefined {
  const client = findClientByModule(source)?.name;
  const bare = source.replace(/^node:/, '');
  if ((client === 'fetch' || client === 'undici' || client === 'ofetch') && method === undefined) return modelFetch(node, client, context, bindings);
  if (client === 'axios' && (importedName === 'default' || importedName === '*')) return modelAxiosCall(node, method, undefined, context, bindings);
  if (client === 'got' && (importedName === 'default' || importedName === 'got')) return modelGotLikeCall(node, 'got', method, undefined, context, bindings);
  if (client === 'ky' && importedName === 'default') return modelGotLikeCall(node, 'ky', method, undefined, context, bindings);
  if (client === 'node-http' && (method === 'request' || method === 'get' || importedName === 'request' || importedName === 'get')) {
    return modelNodeHttp(node, bare, method ?? importedName, context, bindings);
  }
  if (client === 'superagent' && method && HTTP_METHODS.has(method)) return modelSuperagent(node, method, context, bindings);
  return undefined;
}

/** A call on an instance created elsewhere: `api.post(...)` where `api = axios.create({...})` (or `= base.extend({...})`). */
function modelInstanceCall(node: TSESTree.CallExpression, creation: TSESTree.Node, method: string | undefined, context: AnalysisContext, bindings: Bindings, creationState?: Bindings): RequestModel | undefined {
  // under the bindings the instance was created with (a factory's or constructor's parameters), else the call's
  const found = resolveInstance(creation, context, creationState ?? bindings);
  if (!found) return undefined;
  const { client, instance } = found;
  if (client === 'axios') return modelAxiosCall(node, method, instance, context, bindings);
  if (client === 'got') return modelGotLikeCall(node, 'got', method, instance, context, bindings);
  if (client === 'ky') return modelGotLikeCall(node, 'ky', method, instance, context, bindings);
  if (client === 'ofetch') return modelFetch(node, 'ofetch', context, bindings, instance);
  return undefined;
}

export interface InstanceConfig {
  config: Value | undefined;
  node: TSESTree.Node;
  /** The instance this one extends (`api.extend(…)`), whose configuration it keeps. */
  parent?: InstanceConfig;
}
