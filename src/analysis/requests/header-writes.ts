/**
 * Header writes inside a function that receives a request's config or options: `headers.set(name,
 * value)`, `headers.append(…)`, `headers[name] = value`, `headers = { … }`. Shared by request hooks
 * given in an instance's options (`hooks.ts`) and by axios interceptors installed in any module
 * (`instance-writes.ts`), with the member-chain helpers both read writes with.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast.js';
import { callsWithin, memberAssignmentsWithin } from '../file-index.js';
import { getKnownString, getMemberName, getOptions, resolveValue, type AnalysisContext, type Value } from '../static-value.js';
import { entriesOf } from './headers.js';
import type { HeaderEntry } from './model.js';

export interface HookHeaders {
  entries: HeaderEntry[];
  /** False when some hook or write sets headers the model cannot name. */
  complete: boolean;
}

export const NO_HOOK_HEADERS: HookHeaders = Object.freeze({ entries: Object.freeze([]) as unknown as HeaderEntry[], complete: true });

/** Both sets of headers together. */
export function mergeHookHeaders(a: HookHeaders, b: HookHeaders): HookHeaders {
  if (b.entries.length === 0 && b.complete) return a;
  if (a.entries.length === 0 && a.complete) return b;
  return { entries: [...a.entries, ...b.entries], complete: a.complete && b.complete };
}

/** A path of property reads from a hook's parameter to its headers object (`config.headers`, `ctx.options.headers`). */
export interface HeadersPath {
  root: string;
  path: readonly string[];
}

/** `headers.set(name, value)`, `headers.append(…)`, `headers[name] = value`, `headers = { … }` inside `fn`. */
export function findHeaderWrites(fn: FunctionNode, target: HeadersPath, context: AnalysisContext): HookHeaders {
  const result: HookHeaders = { entries: [], complete: true };
  const reachesHeaders = (argument: TSESTree.Node) => reachesHeadersOf(argument, target, context);
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
      addObjectEntries(result, resolveValue(assignment.right, context), assignment);
    }
  }
  return result;

  function collectCalls(body: TSESTree.Node): void {
    for (const call of callsWithin(body)) {
      // `Object.assign(config.headers, …)`, `sign(config)`: a call that gets the headers may write them
      if (call.arguments.some((argument) => reachesHeaders(argument))) result.complete = false;
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

/** `config`, `config.headers` (a prefix of the path to the headers), or `...config`. */
function reachesHeadersOf(argument: TSESTree.Node, target: HeadersPath, context: AnalysisContext): boolean {
  const expression = argument.type === 'SpreadElement' ? argument.argument : argument;
  if (expression.type !== 'Identifier' && expression.type !== 'MemberExpression') return false;
  const chain = memberChain(expression, context, true);
  return chain !== undefined && chain.root === target.root && isPrefix(chain.path, target.path);
}

/**
 * The entries of an object written as a whole (`headers = { ...headers, 'x-api-key': key }`: a spread
 * of the headers already there adds nothing new); a value that is no object leaves the headers open.
 */
export function addObjectEntries(result: HookHeaders, value: Value, node: TSESTree.Node): void {
  for (const option of getOptions(value)) {
    if (option.kind === 'object') result.entries.push(...entriesOf(option, node));
    else result.complete = false;
  }
}

export function headerEntry(name: string, value: Value, node: TSESTree.Node): HeaderEntry {
  return { name, lowerName: name.toLowerCase(), value, node, valueNode: node.type === 'AssignmentExpression' ? node.right : node.type === 'CallExpression' ? node.arguments[1] : undefined };
}

/** Stands for a member name the model cannot read (`headers[someName]`) in a chain kept with `keepUnknown`. */
export const UNKNOWN = '\u0000?';

/**
 * `a.b.c` → `{ root: 'a', path: ['b', 'c'] }` (names as written or resolved); undefined for other
 * shapes, or when a name is unknown (`UNKNOWN` in its place with `keepUnknown`).
 */
export function memberChain(node: TSESTree.Node, context: AnalysisContext, keepUnknown = false): { root: string; path: string[] } | undefined {
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

export function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.every((part, index) => path[index] === part);
}
