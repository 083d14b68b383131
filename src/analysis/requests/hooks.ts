/**
 * Headers an HTTP client instance sets on every request outside its creation options: axios
 * `instance.interceptors.request.use((config) => …)` and `instance.defaults.headers…`, ky
 * `hooks.beforeRequest`, got `hooks.beforeRequest`, ofetch `onRequest`. Real apps put the key (or a
 * Bearer token) there, so an instance's requests carry those headers too.
 *
 * A hook's writes are read from the file index of the module that creates the instance (the calls
 * and member assignments inside the hook), once per instance. A write the model cannot name (a
 * computed header name, `Object.assign(config.headers, …)`) leaves the instance's headers open.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, type FunctionNode } from '../ast.js';
import { callsWithin, getFileIndex, getProgram, memberAssignmentsWithin } from '../file-index.js';
import type { ClientName } from '../http-clients.js';
import { getKnownString, getMemberName, getOptions, resolveValue, type AnalysisContext, type Value } from '../static-value.js';
import type { HeaderEntry } from './model.js';
import { entriesOf } from './headers.js';

export interface HookHeaders {
  entries: HeaderEntry[];
  /** False when some hook writes headers the model cannot name. */
  complete: boolean;
}

const NONE: HookHeaders = { entries: [], complete: true };
const cache = new WeakMap<TSESTree.Node, HookHeaders>();

/** The headers the hooks of the instance created by `creation` (`axios.create(…)`, `ky.create(…)`…) set. */
export function findHookHeaders(creation: TSESTree.Node, client: ClientName, config: Value | undefined, context: AnalysisContext): HookHeaders {
  let found = cache.get(creation);
  if (!found) {
    found = collectHookHeaders(creation, client, config, context);
    for (const entry of found.entries) entry.fromInstanceHook = true;
    cache.set(creation, found);
  }
  return found;
}

/** A path of property reads from a hook's parameter to its headers object (`config.headers`, `ctx.options.headers`). */
interface HeadersPath {
  root: string;
  path: readonly string[];
}

function collectHookHeaders(creation: TSESTree.Node, client: ClientName, config: Value | undefined, context: AnalysisContext): HookHeaders {
  const result: HookHeaders = { entries: [], complete: true };
  const add = (found: HookHeaders) => {
    result.entries.push(...found.entries);
    result.complete &&= found.complete;
  };
  if (client === 'axios') {
    const name = instanceName(creation);
    if (!name) return NONE;
    const index = getFileIndex(getProgram(creation));
    // instance.interceptors.request.use((config) => { config.headers… })
    for (const call of index.callsByName.get('use') ?? []) {
      if (!isMemberChain(call.callee, name, ['interceptors', 'request', 'use'], context)) continue;
      const hook = call.arguments[0];
      if (!hook || !isFunctionNode(hook)) {
        result.complete = false;
        continue;
      }
      const param = hook.params[0];
      if (param?.type === 'Identifier') add(findHeaderWrites(hook, { root: param.name, path: ['headers'] }, context));
    }
    // instance.defaults.headers[.common|.post…].Name = value
    for (const assignment of index.memberAssignments) {
      const chain = memberChain(assignment.left, context);
      if (!chain || chain.root !== name || chain.path[0] !== 'defaults' || chain.path[1] !== 'headers') continue;
      const rest = chain.path.slice(2).filter((part) => !AXIOS_HEADER_GROUPS.has(part));
      if (rest.length === 1) result.entries.push(headerEntry(rest[0]!, resolveValue(assignment.right, context), assignment));
      else result.complete = false;
    }
    return result;
  }
  if (!config) return NONE;
  const hooks: Array<{ fn: FunctionNode; path: (param: TSESTree.Parameter) => HeadersPath | undefined }> = [];
  for (const option of getOptions(config)) {
    if (option.kind !== 'object' || option.node.type !== 'ObjectExpression') continue;
    const literal = option.node;
    if (client === 'ky' || client === 'got') {
      const before = findProperty(findProperty(literal, 'hooks'), 'beforeRequest');
      for (const element of before?.type === 'ArrayExpression' ? before.elements : []) {
        if (element && isFunctionNode(element)) hooks.push({ fn: element, path: (param) => (param.type === 'Identifier' ? { root: param.name, path: ['headers'] } : undefined) });
        else if (element) result.complete = false;
      }
    }
    if (client === 'ofetch') {
      const onRequest = findProperty(literal, 'onRequest');
      if (onRequest && isFunctionNode(onRequest)) {
        hooks.push({
          fn: onRequest,
          path: (param) => {
            if (param.type === 'Identifier') return { root: param.name, path: ['options', 'headers'] };
            if (param.type !== 'ObjectPattern') return undefined;
            const options = param.properties.find((property): property is TSESTree.Property => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'options');
            return options?.value.type === 'Identifier' ? { root: options.value.name, path: ['headers'] } : undefined;
          },
        });
      }
    }
  }
  for (const hook of hooks) {
    const param = hook.fn.params[0];
    const path = param && hook.path(param);
    if (path) add(findHeaderWrites(hook.fn, path, context));
    else if (param) result.complete = false;
  }
  return result;
}

/** axios groups default headers by method: `defaults.headers.common.X`, `defaults.headers.post.X`. */
const AXIOS_HEADER_GROUPS = new Set(['common', 'get', 'post', 'put', 'patch', 'delete', 'head']);

/** `headers.set(name, value)`, `headers.append(…)`, `headers[name] = value`, `headers = { … }` inside `fn`. */
function findHeaderWrites(fn: FunctionNode, target: HeadersPath, context: AnalysisContext): HookHeaders {
  const result: HookHeaders = { entries: [], complete: true };
  if (!fn.body || fn.body.type !== 'BlockStatement') {
    if (fn.body) collectCalls(fn.body);
    return result;
  }
  collectCalls(fn.body);
  for (const assignment of memberAssignmentsWithin(fn.body)) {
    const chain = memberChain(assignment.left, context, true);
    if (!chain || chain.root !== target.root || !isPrefix(target.path, chain.path)) continue;
    if (chain.path.length === target.path.length + 1) {
      const name = chain.path[chain.path.length - 1]!;
      // `config.headers[someName] = …`: a header the model cannot name
      if (name === UNKNOWN) result.complete = false;
      else result.entries.push(headerEntry(name, resolveValue(assignment.right, context), assignment));
    } else if (chain.path.length === target.path.length) {
      // `config.headers = { ...config.headers, 'x-api-key': key }`
      const value = resolveValue(assignment.right, context);
      for (const option of getOptions(value)) {
        if (option.kind === 'object') result.entries.push(...entriesOf(option, assignment));
        else result.complete = false;
      }
    }
  }
  return result;

  function collectCalls(body: TSESTree.Node): void {
    for (const call of callsWithin(body)) {
      const callee = call.callee;
      if (callee.type !== 'MemberExpression') continue;
      const method = getMemberName(callee, context);
      const chain = memberChain(callee.object, context);
      if (!chain || chain.root !== target.root || !sameParts(chain.path, target.path)) continue;
      if ((method === 'set' || method === 'append') && call.arguments[0] && call.arguments[1]) {
        const name = getKnownString(resolveValue(call.arguments[0], context));
        if (name) result.entries.push(headerEntry(name, resolveValue(call.arguments[1], context), call));
        else result.complete = false;
      } else if (method !== 'get' && method !== 'has' && method !== 'forEach') {
        result.complete = false;
      }
    }
  }
}

function headerEntry(name: string, value: Value, node: TSESTree.Node): HeaderEntry {
  return { name, lowerName: name.toLowerCase(), value, node, valueNode: node.type === 'AssignmentExpression' ? node.right : node.type === 'CallExpression' ? node.arguments[1] : undefined };
}

const UNKNOWN = '\u0000?';

/**
 * `a.b.c` → `{ root: 'a', path: ['b', 'c'] }` (names as written or resolved); undefined for other
 * shapes, or when a name is unknown (`UNKNOWN` in its place with `keepUnknown`).
 */
function memberChain(node: TSESTree.Node, context: AnalysisContext, keepUnknown = false): { root: string; path: string[] } | undefined {
  const path: string[] = [];
  let current = node;
  while (current.type === 'MemberExpression') {
    const name = getMemberName(current, context);
    if (name === undefined && !keepUnknown) return undefined;
    path.unshift(name ?? UNKNOWN);
    current = current.object;
  }
  return current.type === 'Identifier' ? { root: current.name, path } : undefined;
}

function isMemberChain(node: TSESTree.Node, root: string, path: readonly string[], context: AnalysisContext): boolean {
  const chain = memberChain(node, context);
  return chain !== undefined && chain.root === root && sameParts(chain.path, path);
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.every((part, index) => path[index] === part);
}

function findProperty(node: TSESTree.Node | undefined, name: string): TSESTree.Node | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    if (key === name) return property.method || property.value.type !== 'AssignmentPattern' ? property.value : undefined;
  }
  return undefined;
}

/** The variable an instance is stored in: `const api = axios.create(…)` (exported or not). */
function instanceName(creation: TSESTree.Node): string | undefined {
  const parent = creation.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}
