/**
 * Builtin calls and methods: sanitizers (`Boolean`, `Number`, hashing, slices decided on a sample
 * key), stringifiers, `JSON`, `Object.assign`, `.then`/`.get` on tainted receivers, config getters,
 * and constant arguments.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Redacted } from '../../core/key.js';
import { isFunctionNode } from '../ast.js';
import { findKeyEvidence } from '../key-value.js';
import { findVariableFor, getKnownString, resolveValue, type AnalysisContext } from '../static-value.js';
import { isIdentifier, getLastName } from './callees.js';
import type { Env, TaintEngine } from './engine.js';
import { evaluateInstance } from './instances.js';
import { type Taint, findConcreteLeaf, makeObject, union, readProperty, stringify, stringOf, toJson, findParamLeafAny } from './lattice.js';

export const CLEAN_METHODS = new Set([
  'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'search', 'match', 'matchAll', 'localeCompare',
  'charCodeAt', 'codePointAt', 'test', 'has', 'isWellFormed', 'keys', 'forEach', 'some', 'every', 'findIndex', 'findLastIndex',
  'digest', 'getTime', 'toISOString',
]);
export const SAMPLED_METHODS = new Set(['slice', 'substring', 'substr', 'at', 'charAt', 'replace', 'replaceAll', 'split']);
export const SANITIZING_FUNCTIONS = new Set(['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);
export const STRINGIFYING_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'escape', 'unescape', 'decodeURIComponent', 'decodeURI', 'btoa']);

/** Objects of the language and the runtime whose methods compute values and never write them anywhere. */
const STANDARD_OBJECTS = new Set(['JSON', 'Object', 'Array', 'Math', 'Number', 'String', 'Boolean', 'Promise', 'Reflect', 'Buffer', 'Date', 'Symbol', 'Intl', 'BigInt', 'Atomics']);
const STANDARD_FUNCTIONS = new Set([...SANITIZING_FUNCTIONS, ...STRINGIFYING_FUNCTIONS, 'BigInt', 'Symbol', 'structuredClone', 'atob']);

/**
 * `JSON.stringify(x)`, `Array.isArray(x)`, `parseInt(x)` (not shadowed by a binding of the file): a
 * standard library call is neither a sink nor a project's log helper, whatever its arguments hold.
 */
export function isStandardLibraryCall(node: TSESTree.CallExpression, context: AnalysisContext): boolean {
  const callee = node.callee;
  const global = callee.type === 'Identifier' && STANDARD_FUNCTIONS.has(callee.name) ? callee
    : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && STANDARD_OBJECTS.has(callee.object.name) ? callee.object
      : undefined;
  return global !== undefined && !findVariableFor(global, context)?.defs.length;
}
const CONFIG_GETTERS = /^(?:get|getOrThrow|getString|require|requireEnv|env|getEnv|readEnv|mustGetEnv|getSecret|secret)$/;
// A sample key, built at run time (no key-shaped literal in the source), for deciding whether a
// slice or a replacement keeps more than 8 consecutive characters of the key.
const SAMPLE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SAMPLE_KEY = ['p', 's', '_live_'].join('') + Array.from({ length: 40 }, (_, index) => SAMPLE_ALPHABET[(index * 7 + 3) % 62]).join('');
const MAX_SAFE_RUN = 8;
/** True when `text` still holds more than `MAX_SAFE_RUN` consecutive characters of the sample key. */
function retainsSample(text: string): boolean {
  const haystack = text.toLowerCase();
  const sample = SAMPLE_KEY.toLowerCase();
  for (let start = 0; start + MAX_SAFE_RUN < sample.length; start++) {
    if (haystack.includes(sample.slice(start, start + MAX_SAFE_RUN + 1))) return true;
  }
  return false;
}

/** `JSON.stringify`, `Object.assign`, `util.format`…: 'not-builtin' when the call is none of them. */
export function evaluateBuiltin(engine: TaintEngine, receiverName: string | undefined, method: string | undefined, node: TSESTree.CallExpression, env: Env): Taint | undefined | 'not-builtin' {
  if (!receiverName || !method) return 'not-builtin';
  const args = node.arguments;
  const first = args[0] ? engine.evaluate(args[0], env) : undefined;
  const all = () => args.reduce<Taint | undefined>((result, argument) => union(result, engine.evaluate(argument, env)), undefined);
  switch (`${receiverName}.${method}`) {
    case 'JSON.stringify': {
      const replacer = args[1];
      if (replacer && !(replacer.type === 'Literal' && replacer.value === null) && !isIdentifier(replacer, 'undefined')) return undefined;
      return toJson(first);
    }
    case 'JSON.parse':
      return first ? { ...first, shape: first.shape === 'param' ? 'param' : 'opaque' } : undefined;
    case 'Object.assign':
      return all();
    case 'Object.values':
    case 'Object.entries':
      return first && first.shape !== 'string' ? (first.shape === 'param' ? first : { shape: 'opaque', source: findConcreteLeaf(first)?.source ?? first.source }) : undefined;
    case 'Object.fromEntries':
    case 'Object.freeze':
    case 'Object.seal':
    case 'Promise.resolve':
    case 'Array.from':
      return first;
    case 'Array.of':
    case 'Promise.all':
    case 'Promise.allSettled':
      return all();
    case 'Object.keys':
    case 'Array.isArray':
    case 'Number.isFinite':
    case 'Number.parseInt':
      return undefined;
    case 'Buffer.from':
      return stringify(first);
    case 'util.format':
    case 'util.inspect':
    case 'util.formatWithOptions': {
      const taint = all();
      return taint && taint.shape !== 'param' ? { shape: 'string', source: findConcreteLeaf(taint)?.source ?? taint.source } : taint;
    }
    default:
      return 'not-builtin';
  }
}

/** `new Headers(init)`, `new Request(url, init)`, `new URL(…)`, `new Error(message)`, an instance of a class: what the new object holds. */
export function evaluateConstructor(engine: TaintEngine, node: TSESTree.NewExpression, env: Env): Taint | undefined {
  const calleeName = getLastName(node.callee);
  if (!calleeName) return undefined;
  const argument = (index: number) => (node.arguments[index] ? engine.evaluate(node.arguments[index], env) : undefined);
  if (['Headers', 'Map', 'URLSearchParams', 'FormData', 'Set'].includes(calleeName)) return argument(0);
  if (calleeName === 'Request') return evaluateRequestConstructor(engine, node, env);
  if (calleeName === 'URL') return union(stringify(argument(0)), stringify(argument(1)));
  if (/(?:Error|Exception)$/.test(calleeName)) return stringify(argument(0));
  return evaluateInstance(engine, node, env);
}

/**
 * `new Request(input, init)`: the init's fields (`headers` with the key header) over those of a
 * Request it copies; a URL input is its `url`. So `request.headers` holds the key, `request.url`
 * only when the key is in the URL.
 */
function evaluateRequestConstructor(engine: TaintEngine, node: TSESTree.NewExpression, env: Env): Taint | undefined {
  const [input, init] = node.arguments;
  const copied = input ? engine.evaluate(input, env) : undefined;
  const url = copied && copied.shape !== 'object' && copied.shape !== 'param' ? stringify(copied) : undefined;
  const fromInput = url ? makeObject(new Map([['url', url]]), undefined, false) : copied;
  return union(fromInput, init ? engine.evaluate(init, env) : undefined);
}

/** A method called on a tainted receiver. */
export function evaluateMethod(engine: TaintEngine, receiver: Taint, method: string, node: TSESTree.CallExpression, env: Env): Taint | undefined {
  if (CLEAN_METHODS.has(method)) return undefined;
  if (method === 'then') {
    const [onFulfilled] = node.arguments;
    if (onFulfilled && isFunctionNode(onFulfilled)) return engine.evaluateReturn(onFulfilled, [receiver], env);
    return receiver;
  }
  if (method === 'catch' || method === 'finally') return receiver;
  if (method === 'get' && (receiver.shape === 'object' || receiver.shape === 'opaque')) {
    const key = node.arguments[0] ? getKnownString(resolveValue(node.arguments[0], engine.context)) : undefined;
    return readProperty(receiver, key ?? '*');
  }
  if (receiver.shape === 'error') return method === 'toJSON' ? { shape: 'opaque', source: receiver.source } : undefined;
  if (SAMPLED_METHODS.has(method) && receiver.shape !== 'object') return applySampledMethod(engine, receiver, method, node);
  if (method === 'toString' || method === 'join') return stringify(receiver);
  if (receiver.shape === 'object') {
    const leaf = findConcreteLeaf(receiver);
    if (leaf) return { shape: 'opaque', source: leaf.source };
    const param = findParamLeafAny(receiver);
    return param ? { shape: 'param', source: receiver.source, param } : undefined;
  }
  return receiver;
}

/** `key.slice(0, 8)`, `key.replace(/.(?=.{4})/g, '*')`: applied to the sample key; clean when at most 8 characters survive. */
function applySampledMethod(engine: TaintEngine, receiver: Taint, method: string, node: TSESTree.CallExpression): Taint | undefined {
  const args: Array<string | number | RegExp> = [];
  for (const argument of node.arguments) {
    const constant = getConstant(engine, argument);
    if (constant === undefined) return stringOf(receiver);
    args.push(constant);
  }
  let result: string | string[];
  try {
    const sample = SAMPLE_KEY as unknown as Record<string, (...values: unknown[]) => string | string[]>;
    result = sample[method]!.apply(SAMPLE_KEY, args) ?? '';
  } catch {
    return stringOf(receiver);
  }
  if (Array.isArray(result)) {
    const fields = new Map<string, Taint>();
    result.forEach((part, index) => {
      if (retainsSample(part)) fields.set(String(index), stringOf(receiver)!);
    });
    return makeObject(fields, undefined, true);
  }
  return retainsSample(String(result)) ? stringOf(receiver) : undefined;
}

function getConstant(engine: TaintEngine, node: TSESTree.Node): string | number | RegExp | undefined {
  if (node.type === 'Literal') {
    if ('regex' in node && node.regex) {
      try {
        return new RegExp(node.regex.pattern, node.regex.flags);
      } catch {
        return undefined;
      }
    }
    if (typeof node.value === 'string' || typeof node.value === 'number') return node.value;
    return undefined;
  }
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') return -node.argument.value;
  const value = resolveValue(node, engine.context);
  if (value.kind === 'primitive' && typeof value.value === 'number') return value.value;
  return getKnownString(value);
}

/** `config.get('PILOTSTATUS_API_KEY')`, `env('PILOT_API_KEY')`: config loaders read env vars by name. */
export function findConfigLoaderSource(engine: TaintEngine, node: TSESTree.CallExpression, calleeName: string | undefined): Taint | undefined {
  if (!calleeName || !CONFIG_GETTERS.test(calleeName) || !node.arguments[0]) return undefined;
  const name = getKnownString(resolveValue(node.arguments[0], engine.context));
  if (!name) return undefined;
  const evidence = findKeyEvidence({ kind: 'unknown', origin: undefined, trail: [name], node }, engine.context);
  if (!evidence || evidence.kind !== 'name') return undefined;
  return { shape: 'string', source: { kind: 'env', label: `\`${calleeName}('${name}')\`` as Redacted, node } };
}

/** `createHash('sha256').update(key)`: a chain rooted in `createHash` / `createHmac`. */
export function isHashChain(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < 6; depth++) {
    if (current.type !== 'CallExpression') return false;
    const name = getLastName(current.callee);
    if (name === 'createHash' || name === 'createHmac') return true;
    if (current.callee.type !== 'MemberExpression') return false;
    current = current.callee.object;
  }
  return false;
}
