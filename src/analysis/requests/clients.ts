/**
 * Per-client adapters: fetch (and `new Request`), axios, got/ky, node:http(s), superagent,
 * XMLHttpRequest, and the vendor SDK (construction and resource method calls).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { KEY_HEADER } from '../../core/api-model.js';
import { SDK_MODULE, type ClientName } from '../http-clients.js';
import { alternatives, concatValues, getKnownString, getMemberName, getOptions, resolveValue, stringValue, unknown, walk, NO_BINDINGS, type AnalysisContext, type Bindings, type Value } from '../static-value.js';
import { getConfigProperty, entriesOf, findPayload, hasKeyHeader, mergeHeaders, joinBase } from './headers.js';
import { mergeHookHeaders, type HookHeaders } from './header-writes.js';
import { findAxiosWriteHeaders, findHookHeaders } from './hooks.js';
import { findApiTarget } from './targets.js';
import { getInstanceHeaderOptions, getInstanceProperty, instanceChain } from './instances.js';
import { type HeaderEntry, type HeadersModel, type RequestModel, HTTP_METHODS, BODY_METHODS, type InstanceConfig } from './model.js';

export function modelFetch(node: TSESTree.CallExpression, client: ClientName, context: AnalysisContext, bindings: Bindings, instance?: InstanceConfig): RequestModel {
  const [target, init] = node.arguments;
  // fetch(new Request(url, init)): the Request carries both
  const request = target?.type === 'NewExpression' && target.callee.type === 'Identifier' && target.callee.name === 'Request' ? target : undefined;
  const urlNode = request ? request.arguments[0] : target;
  let initValue: Value | undefined = init ? resolveValue(init, context, bindings) : undefined;
  if (request?.arguments[1]) initValue = initValue ?? resolveValue(request.arguments[1], context, bindings);
  const url = once(() => {
    let value: Value | undefined = urlNode ? resolveValue(urlNode, context, bindings) : undefined;
    if (value && initValue && initValue.kind === 'object') {
      const baseUrl = initValue.properties.get('baseURL') ?? initValue.properties.get('baseUrl');
      if (baseUrl) value = joinBase(baseUrl, value, node);
    }
    if (instance && value) {
      const baseUrl = getInstanceProperty(instance, ['baseURL', 'baseUrl']);
      if (baseUrl) value = joinBase(baseUrl, value, node);
    }
    return value;
  });
  const headers = requestHeaders(instance, initValue ? getConfigProperty(initValue, ['headers']) : undefined, !init || initValue?.kind === 'object', client, node, url, context);
  const method = initValue ? getKnownString(getConfigProperty(initValue, ['method']) ?? stringValue(['GET'], node)) : 'GET';
  return lazyRequest({ client, node, method: method?.toUpperCase(), headers }, url, () => findPayload([initValue], ['body', 'query', 'params']));
}

export function modelAxiosCall(node: TSESTree.CallExpression, method: string | undefined, instance: InstanceConfig | undefined, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
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
  const url = once(() => {
    const value = urlNode ? resolveValue(urlNode, context, bindings) : config ? getConfigProperty(config, ['url']) : undefined;
    const baseUrl = (config && getConfigProperty(config, ['baseURL'])) ?? getInstanceProperty(instance, ['baseURL']);
    return baseUrl ? (value ? joinBase(baseUrl, value, node) : baseUrl) : value;
  });
  const headers = requestHeaders(instance, config ? getConfigProperty(config, ['headers']) : undefined, !configNode || config?.kind === 'object', 'axios', node, url, context);
  const methodName = method && method !== 'request' ? method.toUpperCase() : config ? getKnownString(getConfigProperty(config, ['method']) ?? stringValue(['GET'], node))?.toUpperCase() : 'GET';
  const dataNode = method && BODY_METHODS.has(method) ? args[1] : undefined;
  return lazyRequest({ client: 'axios', node, method: methodName, headers }, url, () => [...(dataNode ? [resolveValue(dataNode, context, bindings)] : []), ...findPayload([config], ['data', 'params'])]);
}

export function modelGotLikeCall(node: TSESTree.CallExpression, client: 'got' | 'ky', method: string | undefined, instance: InstanceConfig | undefined, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
  if (method !== undefined && !HTTP_METHODS.has(method)) return undefined;
  const [urlNode, optionsNode] = node.arguments;
  const options = optionsNode ? resolveValue(optionsNode, context, bindings) : undefined;
  const url = once(() => {
    const value = urlNode ? resolveValue(urlNode, context, bindings) : undefined;
    const prefix = (options && getConfigProperty(options, ['prefixUrl', 'prefixURL'])) ?? getInstanceProperty(instance, ['prefixUrl', 'prefixURL']);
    return prefix ? (value ? joinBase(prefix, value, node) : prefix) : value;
  });
  const headers = requestHeaders(instance, options ? getConfigProperty(options, ['headers']) : undefined, !optionsNode || options?.kind === 'object', client, node, url, context);
  return lazyRequest({ client, node, method: method?.toUpperCase() ?? 'GET', headers }, url, () => findPayload([options], ['json', 'body', 'form', 'searchParams']));
}

export function modelNodeHttp(node: TSESTree.CallExpression, protocol: string, method: string, context: AnalysisContext, bindings: Bindings): RequestModel {
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

export function modelSuperagent(node: TSESTree.CallExpression, method: string, context: AnalysisContext, bindings: Bindings): RequestModel {
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
export function modelXhr(node: TSESTree.CallExpression, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
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
export function modelSdkMethodCall(node: TSESTree.CallExpression, context: AnalysisContext, bindings: Bindings): RequestModel | undefined {
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

/**
 * A request's headers: those of its instance (each of the chain it extends), then its own options'
 * (`ownKnown`: those options are known), then what hooks and configuration elsewhere add.
 */
function requestHeaders(instance: InstanceConfig | undefined, own: Value | undefined, ownKnown: boolean, client: ClientName, request: TSESTree.CallExpression, url: () => Value | undefined, context: AnalysisContext): HeadersModel {
  return withHookHeaders(mergeHeaders([...getInstanceHeaderOptions(instance), own], ownKnown), instance, client, request, url, context);
}

/**
 * An instance's request hooks and defaults add their headers to each of its requests (`hooks.ts`);
 * axios configuration written in another module (on the instance, or on the default instance of
 * `axios.get(…)`) too: the sending module's always, the rest of the project's when it decides a
 * finding, that is for a PilotStatus request that has no key header so far.
 */
function withHookHeaders(headers: HeadersModel, instance: InstanceConfig | undefined, client: ClientName, request: TSESTree.CallExpression, url: () => Value | undefined, context: AnalysisContext): HeadersModel {
  let result: HookHeaders = headers;
  // every instance of the chain runs its hooks (an extension's are added to those it extends)
  for (const link of instanceChain(instance)) result = mergeHookHeaders(result, findHookHeaders(link.node, client, link.config, context));
  if (client === 'axios') {
    const decides = (sofar: HookHeaders) => sofar.complete && !hasKeyHeader(sofar) && findApiTarget(url(), context) !== undefined;
    result = mergeHookHeaders(result, findAxiosWriteHeaders(instance?.node, request, result, decides, context));
  }
  return result;
}

/** `compute`, run on the first call only. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * The model with its URL and payload resolved on first read: a question about the headers alone (did
 * this request send the key?) does not resolve, and ask the checker about, every argument of the call.
 */
function lazyRequest(model: Omit<RequestModel, 'url' | 'payload'>, url: () => Value | undefined, payload: () => Value[]): RequestModel {
  const readPayload = once(payload);
  return Object.defineProperties(model, {
    url: { get: url, enumerable: true },
    payload: { get: readPayload, enumerable: true },
  }) as RequestModel;
}
