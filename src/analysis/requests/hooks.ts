/**
 * Headers an HTTP client instance sets on every request outside its creation options: axios
 * `instance.interceptors.request.use((config) => …)` and `instance.defaults.headers…`, ky
 * `hooks.beforeRequest`, got `hooks.beforeRequest`, ofetch `onRequest`. Real apps put the key (or a
 * Bearer token) there, so an instance's requests carry those headers too.
 *
 * Hooks given in the options are read where the instance is created. axios configuration can be
 * written in any module (`instance-writes.ts`): the creating module's writes always count, the
 * sending module's too, and the rest of the project's (`instance-registry.ts`) when the answer
 * decides a finding. A write the model cannot name (a computed header name, `Object.assign(config.headers, …)`,
 * an interceptor it cannot read) leaves the instance's headers open.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, type FunctionNode } from '../ast.js';
import { getProgram } from '../file-index.js';
import type { ClientName } from '../http-clients.js';
import { findUnitOf, getOptions, type AnalysisContext, type Value } from '../static-value.js';
import { findHeaderWrites, mergeHookHeaders, NO_HOOK_HEADERS, type HeadersPath, type HookHeaders } from './header-writes.js';
import { findProjectWritesOn } from './instance-registry.js';
import { DEFAULT_INSTANCE, findCreationTarget, findModuleWritesOn, type InstanceWrite } from './instance-writes.js';

export type { HookHeaders } from './header-writes.js';

const cache = new WeakMap<TSESTree.Node, HookHeaders>();

/** The headers the hooks of the instance created by `creation` (`axios.create(…)`, `ky.create(…)`…) set in the creating module. */
export function findHookHeaders(creation: TSESTree.Node, client: ClientName, config: Value | undefined, context: AnalysisContext): HookHeaders {
  let found = cache.get(creation);
  if (!found) {
    found = collectHookHeaders(creation, client, config, context);
    for (const entry of found.entries) entry.fromInstanceHook = true;
    cache.set(creation, found);
  }
  return found;
}

/**
 * What an axios request gets from configuration written outside its creating module: on its instance
 * (`instanceNode`, the `axios.create(…)` call) or, without one, on the default instance. The module
 * that sends (`request`) is read always; the rest of the project only when `decides()` says the
 * answer can change a finding.
 */
export function findAxiosWriteHeaders(instanceNode: TSESTree.Node | undefined, request: TSESTree.Node, known: HookHeaders, decides: (sofar: HookHeaders) => boolean, context: AnalysisContext): HookHeaders {
  const target = instanceNode ? findCreationTarget(instanceNode, context) : DEFAULT_INSTANCE;
  if (!target) return NO_HOOK_HEADERS;
  const sending = getProgram(request);
  const creating = target.kind === 'instance' ? getProgram(target.creation) : undefined;
  let result = sending === creating ? NO_HOOK_HEADERS : collect(findModuleWritesOn(sending, target, context));
  if (!decides(mergeHookHeaders(known, result))) return result;
  const files = [findUnitOf(request, context.unit).filename];
  if (target.kind === 'instance') files.push(findUnitOf(target.creation, context.unit).filename);
  result = mergeHookHeaders(result, findProjectWritesOn(target, files, new Set(files), context));
  return result;
}

function collect(writes: readonly InstanceWrite[]): HookHeaders {
  return writes.reduce((headers, write) => mergeHookHeaders(headers, write.headers), NO_HOOK_HEADERS);
}

function collectHookHeaders(creation: TSESTree.Node, client: ClientName, config: Value | undefined, context: AnalysisContext): HookHeaders {
  if (client === 'axios') {
    // interceptors and defaults written in the creating module (`instance-writes.ts`)
    const target = findCreationTarget(creation, context);
    return target ? collect(findModuleWritesOn(getProgram(creation), target, context)) : NO_HOOK_HEADERS;
  }
  if (!config) return NO_HOOK_HEADERS;
  let result: HookHeaders = { entries: [], complete: true };
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
    if (path) result = mergeHookHeaders(result, findHeaderWrites(hook.fn, path, context));
    else if (param) result = { ...result, complete: false };
  }
  return result;
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

