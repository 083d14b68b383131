/**
 * The outgoing-request model: "this call sends an HTTP request — to which URL, with which headers?"
 *
 * Asked by every request rule and by the taint engine. Clients are recognised by import provenance
 * (what the callee resolves to), not by name alone: fetch and its polyfills, axios and its instances,
 * got, ky, ofetch, superagent, node:http(s), XMLHttpRequest, `new Request`, and the vendor SDK.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { classifyApiPath, HOLE, isPilotStatusHost, KEY_HEADER, KEY_ID_HEADER, parseUrlText, type ApiEndpoint } from '../core/api-model.js';
import { isPilotStatusUrlName } from '../core/names.js';
import {
  alternatives,
  concatValues,
  findUnitOf,
  findVariableFor,
  getKnownString,
  getMemberName,
  getOptions,
  getPatternText,
  resolveValue,
  stringValue,
  unknown,
  walk,
  NO_BINDINGS,
  type AnalysisContext,
  type Bindings,
  type Hole,
  type Value,
} from './static-value.js';
import { resolveModuleFile } from './module-resolution.js';
import { mayReachRequestClient } from './relevance.js';
import { findClientByGlobal, findClientByModule, getClient, INSTANCE_FACTORIES, SDK_MODULE, type ClientName } from './http-clients.js';

export type { ClientName } from './http-clients.js';

export interface HeaderEntry {
  /** The header name as written. */
  name: string;
  lowerName: string;
  value: Value;
  /** The node that sets it: a Property, an assignment, or a `.set(...)` call. */
  node: TSESTree.Node;
  /** The expression written where the header is set (`key` in `{ 'x-api-key': key }`), when it is in sight. */
  valueNode?: TSESTree.Node;
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

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const BODY_METHODS = new Set(['post', 'put', 'patch']);
export { SDK_MODULE } from './http-clients.js';
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

/** A call on an instance created elsewhere: `api.post(...)` where `api = axios.create({...})`. */
function modelInstanceCall(node: TSESTree.CallExpression, creation: TSESTree.Node, method: string | undefined, context: AnalysisContext, bindings: Bindings, creationState?: Bindings): RequestModel | undefined {
  if (creation.type !== 'CallExpression' || creation.callee.type !== 'MemberExpression') return undefined;
  const factory = getMemberName(creation.callee, context);
  if (!factory || !INSTANCE_FACTORIES.has(factory)) return undefined;
  const factoryReceiver = resolveValue(creation.callee.object, context);
  const origin = factoryReceiver.kind === 'unknown' ? factoryReceiver.origin : undefined;
  // Under the bindings the instance was created with (a factory's or constructor's parameters), else the call's.
  const instanceConfig = creation.arguments[0] ? resolveValue(creation.arguments[0], context, creationState ?? bindings) : undefined;
  let source: ClientName | undefined;
  if (origin?.kind === 'import') source = findClientByModule(origin.source)?.name;
  else if (origin?.kind === 'global') source = findClientByGlobal(origin.name)?.name;
  else if (origin?.kind === 'expression') {
    // `got.extend(...).extend(...)`, `ky.create(...).extend(...)`: follow one more level
    const inner = modelInstanceCall(node, origin.node, method, context, bindings, origin.state);
    if (inner) return inner;
  }
  if (!source || !getClient(source).instanceFactories.includes(factory)) return undefined;
  const instance = { config: instanceConfig, node: creation };
  if (source === 'axios') return modelAxiosCall(node, method, instance, context, bindings);
  if (source === 'got') return modelGotLikeCall(node, 'got', method, instance, context, bindings);
  if (source === 'ky') return modelGotLikeCall(node, 'ky', method, instance, context, bindings);
  if (source === 'ofetch') return modelFetch(node, 'ofetch', context, bindings, instance);
  return undefined;
}

interface InstanceConfig {
  config: Value | undefined;
  node: TSESTree.Node;
}

function modelFetch(node: TSESTree.CallExpression, client: ClientName, context: AnalysisContext, bindings: Bindings, instance?: InstanceConfig): RequestModel {
  const [target, init] = node.arguments;
  let url: Value | undefined = target ? resolveValue(target, context, bindings) : undefined;
  let initValue: Value | undefined = init ? resolveValue(init, context, bindings) : undefined;
  // fetch(new Request(url, init)): the Request carries both
  if (target?.type === 'NewExpression' && target.callee.type === 'Identifier' && target.callee.name === 'Request') {
    url = target.arguments[0] ? resolveValue(target.arguments[0], context, bindings) : undefined;
    const requestInit = target.arguments[1] ? resolveValue(target.arguments[1], context, bindings) : undefined;
    initValue = initValue ?? requestInit;
  }
  if (url && initValue && initValue.kind === 'object') {
    const baseUrl = initValue.properties.get('baseURL') ?? initValue.properties.get('baseUrl');
    if (baseUrl) url = joinBase(baseUrl, url, node);
  }
  if (instance?.config && url) {
    const baseUrl = getConfigProperty(instance.config, ['baseURL', 'baseUrl']);
    if (baseUrl) url = joinBase(baseUrl, url, node);
  }
  const headers = mergeHeaders([
    instance?.config ? getConfigProperty(instance.config, ['headers']) : undefined,
    initValue ? getConfigProperty(initValue, ['headers']) : undefined,
  ], !init || initValue?.kind === 'object');
  const method = initValue ? getKnownString(getConfigProperty(initValue, ['method']) ?? stringValue(['GET'], node)) : 'GET';
  return { client, node, method: method?.toUpperCase(), url, headers, payload: findPayload([initValue], ['body', 'query', 'params']) };
}

function modelAxiosCall(node: TSESTree.CallExpression, method: string | undefined, instance: InstanceConfig | undefined, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
  const args = node.arguments;
  let urlNode: TSESTree.Node | undefined;
  let configNode: TSESTree.Node | undefined;
  if (method === undefined || method === 'request') {
    const first = args[0] ? resolveValue(args[0], context, bindings) : undefined;
    if (first?.kind === 'object') configNode = args[0];
    else {
      urlNode = args[0];
      configNode = args[1];
    }
  } else if (HTTP_METHODS.has(method)) {
    urlNode = args[0];
    configNode = BODY_METHODS.has(method) ? args[2] : args[1];
  } else {
    return undefined;
  }
  const config = configNode ? resolveValue(configNode, context, bindings) : undefined;
  let url = urlNode ? resolveValue(urlNode, context, bindings) : config ? getConfigProperty(config, ['url']) : undefined;
  const baseUrl = (config && getConfigProperty(config, ['baseURL'])) ?? (instance?.config ? getConfigProperty(instance.config, ['baseURL']) : undefined);
  if (baseUrl) url = url ? joinBase(baseUrl, url, node) : baseUrl;
  const instanceHeadersOpen = instance ? hasInstanceHeaderMutations(instance.node, context) : false;
  const headers = mergeHeaders(
    [instance?.config ? getConfigProperty(instance.config, ['headers']) : undefined, config ? getConfigProperty(config, ['headers']) : undefined],
    (!configNode || config?.kind === 'object') && !instanceHeadersOpen,
  );
  const methodName = method && method !== 'request' ? method.toUpperCase() : config ? getKnownString(getConfigProperty(config, ['method']) ?? stringValue(['GET'], node))?.toUpperCase() : 'GET';
  const data = method && BODY_METHODS.has(method) && args[1] ? resolveValue(args[1], context, bindings) : undefined;
  return { client: 'axios', node, method: methodName, url, headers, payload: [...(data ? [data] : []), ...findPayload([config], ['data', 'params'])] };
}

function modelGotLikeCall(node: TSESTree.CallExpression, client: 'got' | 'ky', method: string | undefined, instance: InstanceConfig | undefined, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
  if (method !== undefined && !HTTP_METHODS.has(method)) return undefined;
  const [urlNode, optionsNode] = node.arguments;
  const options = optionsNode ? resolveValue(optionsNode, context, bindings) : undefined;
  let url = urlNode ? resolveValue(urlNode, context, bindings) : undefined;
  const prefix = (options && getConfigProperty(options, ['prefixUrl', 'prefixURL'])) ?? (instance?.config ? getConfigProperty(instance.config, ['prefixUrl', 'prefixURL']) : undefined);
  if (prefix) url = url ? joinBase(prefix, url, node) : prefix;
  const headers = mergeHeaders(
    [instance?.config ? getConfigProperty(instance.config, ['headers']) : undefined, options ? getConfigProperty(options, ['headers']) : undefined],
    !optionsNode || options?.kind === 'object',
  );
  return { client, node, method: method?.toUpperCase() ?? 'GET', url, headers, payload: findPayload([options], ['json', 'body', 'form', 'searchParams']) };
}

function modelNodeHttp(node: TSESTree.CallExpression, protocol: string, method: string, context: AnalysisContext, bindings: Bindings): RequestModel {
  const [first, second] = node.arguments;
  const firstValue = first ? resolveValue(first, context, bindings) : undefined;
  let url: Value | undefined;
  let options: Value | undefined;
  if (firstValue && firstValue.kind === 'object') options = firstValue;
  else {
    url = firstValue;
    const secondValue = second && second.type !== 'ArrowFunctionExpression' && second.type !== 'FunctionExpression' ? resolveValue(second, context, bindings) : undefined;
    if (secondValue?.kind === 'object') options = secondValue;
  }
  if (options && !url) {
    const host = getConfigProperty(options, ['hostname', 'host']);
    const path = getConfigProperty(options, ['path']) ?? stringValue(['/'], node);
    if (host) url = alternatives(getOptions(host).map((hostOption) => concatValues([stringValue([`${protocol}://`], node), hostOption, path], node)), node);
  }
  const headers = mergeHeaders([options ? getConfigProperty(options, ['headers']) : undefined], !options || options.kind === 'object');
  const methodValue = options ? getConfigProperty(options, ['method']) : undefined;
  return { client: 'node-http', node, method: (methodValue && getKnownString(methodValue)?.toUpperCase()) ?? (method === 'get' ? 'GET' : undefined), url, headers };
}


function modelSuperagent(node: TSESTree.CallExpression, method: string, context: AnalysisContext, bindings: Bindings): RequestModel {
  const url = node.arguments[0] ? resolveValue(node.arguments[0], context, bindings) : undefined;
  const entries: HeaderEntry[] = [];
  let complete = true;
  // walk up the chain: `.set(name, value)`, `.set({...})`, `.auth(token, { type: 'bearer' })`
  let current: TSESTree.Node = node;
  while (current.parent?.type === 'MemberExpression' && current.parent.object === current && current.parent.parent?.type === 'CallExpression') {
    const call: TSESTree.CallExpression = current.parent.parent;
    const chained = getMemberName(current.parent, context);
    if (chained === 'set') {
      const [name, value] = call.arguments;
      if (name && value) {
        const headerName = getKnownString(resolveValue(name, context, bindings));
        if (headerName) entries.push({ name: headerName, lowerName: headerName.toLowerCase(), value: resolveValue(value, context, bindings), node: call });
        else complete = false;
      } else if (name) {
        const object = resolveValue(name, context, bindings);
        if (object.kind === 'object') entries.push(...entriesOf(object, call));
        else complete = false;
      }
    } else if (chained === 'auth') {
      const [token, options] = call.arguments;
      const optionsValue = options ? resolveValue(options, context, bindings) : undefined;
      const type = optionsValue ? getKnownString(getConfigProperty(optionsValue, ['type']) ?? stringValue([''], call)) : undefined;
      if (token && type === 'bearer') {
        entries.push({ name: 'Authorization', lowerName: 'authorization', value: concatValues([stringValue(['Bearer '], call), resolveValue(token, context, bindings)], call), node: call });
      } else complete = false;
    }
    current = call;
  }
  return { client: 'superagent', node, method: method.toUpperCase(), url, headers: { entries, complete } };
}

/** `xhr.open(method, url)` with the `setRequestHeader` calls on the same receiver in the same function. */
function modelXhr(node: TSESTree.CallExpression, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
  const callee = node.callee as TSESTree.MemberExpression;
  if (callee.object.type !== 'Identifier') return undefined;
  const receiverName = callee.object.name;
  const receiver = resolveValue(callee.object, context, bindings);
  const created = receiver.kind === 'unknown' && receiver.origin?.kind === 'expression' ? receiver.origin.node : undefined;
  if (!(created?.type === 'NewExpression' && created.callee.type === 'Identifier' && created.callee.name === 'XMLHttpRequest')) return undefined;
  const [methodNode, urlNode] = node.arguments;
  const url = urlNode ? resolveValue(urlNode, context, bindings) : undefined;
  const entries: HeaderEntry[] = [];
  let complete = true;
  let scopeNode: TSESTree.Node = node;
  while (scopeNode.parent && !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'Program'].includes(scopeNode.parent.type)) scopeNode = scopeNode.parent;
  walk(scopeNode.parent ?? scopeNode, (inner) => {
    if (inner.type !== 'CallExpression' || inner.callee.type !== 'MemberExpression') return;
    if (inner.callee.object.type !== 'Identifier' || inner.callee.object.name !== receiverName) return;
    if (getMemberName(inner.callee, context) !== 'setRequestHeader') return;
    const [name, value] = inner.arguments;
    const headerName = name ? getKnownString(resolveValue(name, context, bindings)) : undefined;
    if (!headerName || !value) {
      complete = false;
      return;
    }
    entries.push({ name: headerName, lowerName: headerName.toLowerCase(), value: resolveValue(value, context, bindings), node: inner });
  });
  const method = methodNode ? getKnownString(resolveValue(methodNode, context, bindings))?.toUpperCase() : undefined;
  return { client: 'xhr', node, method, url, headers: { entries, complete } };
}

// ——— the vendor SDK ———

/** `new PilotStatusClient({ apiKey })` from `@pilot-status/sdk` (static or dynamic import). */
export function findSdkConstruction(node: TSESTree.NewExpression, context: AnalysisContext, state: Bindings = NO_BINDINGS): { apiKey: Value | undefined; apiKeyNode: TSESTree.Node | undefined } | undefined {
  const calleeValue = resolveValue(node.callee, context);
  const origin = calleeValue.kind === 'unknown' ? calleeValue.origin : undefined;
  if (origin?.kind !== 'import' || origin.source !== SDK_MODULE) return undefined;
  // `state`: the bindings the construction was met under (`new PilotStatusClient({ apiKey })` in a constructor).
  const options = node.arguments[0] ? resolveValue(node.arguments[0], context, state) : undefined;
  const apiKey = options?.kind === 'object' ? options.properties.get('apiKey') : undefined;
  let apiKeyNode: TSESTree.Node | undefined;
  if (node.arguments[0]?.type === 'ObjectExpression') {
    apiKeyNode = node.arguments[0].properties.find((property) => property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === 'apiKey');
  }
  return { apiKey, apiKeyNode: apiKeyNode ?? apiKey?.node };
}

/** SDK resource → API path. Calls through the SDK are authenticated with its `apiKey`. */
const SDK_RESOURCE_PATHS: Record<string, string> = {
  messages: '/v1/messages', numbers: '/v1/numbers', remotePairing: '/v1/remote-pairing', groups: '/v1/groups',
  newsletters: '/v1/newsletters', templates: '/v1/templates', analytics: '/v1/analytics', media: '/v1/media',
  apiKeys: '/v1/api-keys', webhooks: '/v1/webhooks',
};

/** `client.messages.send(...)` where `client = new PilotStatusClient({ apiKey })`. */
function modelSdkMethodCall(node: TSESTree.CallExpression, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'MemberExpression') return undefined;
  const resource = getMemberName(callee.object, context);
  const action = getMemberName(callee, context);
  if (!resource || !action || !(resource in SDK_RESOURCE_PATHS)) return undefined;
  const client = resolveValue(callee.object.object, context, bindings);
  for (const option of getOptions(client)) {
    if (option.kind !== 'unknown' || option.origin?.kind !== 'expression' || option.origin.node.type !== 'NewExpression') continue;
    const construction = findSdkConstruction(option.origin.node, context, option.origin.state);
    if (!construction) continue;
    let path = SDK_RESOURCE_PATHS[resource]!;
    if (resource === 'messages' && action === 'send') path += '/send';
    if (resource === 'apiKeys' && action === 'regenerate') path += '/regenerate';
    const apiKey = construction.apiKey ?? unknown(node);
    return {
      client: 'sdk',
      node,
      method: action === 'send' || action === 'create' || action === 'regenerate' ? 'POST' : undefined,
      url: stringValue([`https://pilotstatus.com.br${path}`], node),
      headers: {
        entries: [{
          name: KEY_HEADER,
          lowerName: KEY_HEADER,
          value: apiKey,
          node: construction.apiKeyNode ?? node,
          valueNode: construction.apiKeyNode?.type === 'Property' ? construction.apiKeyNode.value : undefined,
        }],
        complete: true,
      },
      sdkApiKey: apiKey,
    };
  }
  return undefined;
}

// ——— headers ———

/** The named body and query options of request configs. */
function findPayload(configs: Array<Value | undefined>, names: readonly string[]): Value[] {
  const found: Value[] = [];
  for (const config of configs) {
    const value = config && getConfigProperty(config, names);
    if (value) found.push(value);
  }
  return found;
}

function getConfigProperty(config: Value, names: readonly string[]): Value | undefined {
  const found: Value[] = [];
  for (const option of getOptions(config)) {
    if (option.kind !== 'object') continue;
    for (const name of names) {
      const property = option.properties.get(name);
      if (property) found.push(property);
    }
  }
  return found.length === 0 ? undefined : alternatives(found, found[0]!.node);
}

function entriesOf(object: Extract<Value, { kind: 'object' }>, fallbackNode: TSESTree.Node): HeaderEntry[] {
  return [...object.properties].map(([name, value]) => {
    const valueNode = findWrittenValue(object.node, name);
    // where the header is written (`'x-api-key': apiKey`), not where its value was declared (a parameter)
    const written = valueNode?.parent?.type === 'Property' ? valueNode.parent : undefined;
    return { name, lowerName: name.toLowerCase(), value, node: written ?? (value.node.parent?.type === 'Property' ? value.node.parent : value.node ?? fallbackNode), valueNode };
  });
}

/** The value expression of the property `name` written in the object literal `node`. */
function findWrittenValue(node: TSESTree.Node, name: string): TSESTree.Node | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  for (let index = node.properties.length - 1; index >= 0; index--) {
    const property = node.properties[index]!;
    // a later spread may override the property: the written value is then not certain
    if (property.type === 'SpreadElement') return undefined;
    if (property.kind !== 'init') continue;
    const key = property.key;
    const keyName = !property.computed && key.type === 'Identifier' ? key.name : key.type === 'Literal' ? String(key.value) : undefined;
    if (keyName === name) return property.value;
  }
  return undefined;
}

function mergeHeaders(sources: Array<Value | undefined>, configKnown: boolean): HeadersModel {
  const entries: HeaderEntry[] = [];
  let complete = configKnown;
  for (const source of sources) {
    if (!source) continue;
    for (const option of getOptions(source)) {
      if (option.kind === 'object') {
        entries.push(...entriesOf(option, option.node));
        if (option.open) complete = false;
        // axios instance headers may be grouped: { common: {...}, post: {...} }
        for (const group of ['common', 'get', 'post', 'put', 'patch', 'delete']) {
          const nested = option.properties.get(group);
          if (nested?.kind === 'object') entries.push(...entriesOf(nested, nested.node));
        }
      } else {
        complete = false;
      }
    }
  }
  return { entries, complete };
}

/** `instance.defaults.headers… = …` or `instance.interceptors.request.use(…)` anywhere in the creating file. */
function hasInstanceHeaderMutations(creation: TSESTree.Node, context: AnalysisContext): boolean {
  const declarator = creation.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return false;
  const name = declarator.id.name;
  let root: TSESTree.Node = creation;
  while (root.parent) root = root.parent;
  let found = false;
  walk(root, (node) => {
    if (found || node.type !== 'MemberExpression' || node.object.type !== 'Identifier' || node.object.name !== name) return;
    const property = getMemberName(node, context);
    if (property === 'defaults' || property === 'interceptors') found = true;
  }, true);
  return found;
}

/** Header entries by lower-cased name. */
export function findHeader(headers: HeadersModel, lowerName: string): HeaderEntry | undefined {
  return headers.entries.find((entry) => entry.lowerName === lowerName);
}

export function hasKeyHeader(headers: HeadersModel): boolean {
  return headers.entries.some((entry) => entry.lowerName === KEY_HEADER || entry.lowerName === KEY_ID_HEADER);
}

function joinBase(base: Value, path: Value, node: TSESTree.Node): Value {
  const results: Value[] = [];
  for (const pathOption of getOptions(path)) {
    const pathText = getPatternText(pathOption);
    if (pathText !== undefined && /^[a-z]+:\/\//i.test(pathText)) {
      results.push(pathOption);
      continue;
    }
    for (const baseOption of getOptions(base)) {
      const baseText = getPatternText(baseOption);
      const joiner = baseText?.endsWith('/') || pathText?.startsWith('/') ? '' : '/';
      const doubleSlash = baseText?.endsWith('/') && pathText?.startsWith('/');
      const trimmedPath = doubleSlash && pathOption.kind === 'string' ? stringValue([(pathOption.segments[0] as string).slice(1), ...pathOption.segments.slice(1)], node, pathOption.trail) : pathOption;
      results.push(concatValues([baseOption, stringValue([joiner], node), trimmedPath], node));
    }
  }
  return alternatives(results, node);
}

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
  const headers = mergeHeaders([getConfigProperty(config, ['headers'])], config.kind === 'object');
  return { client: client.name, node, method: undefined, url, headers };
}
