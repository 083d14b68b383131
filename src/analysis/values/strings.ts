/**
 * Strings, URLs and conditions: string methods applied to segment values, `new URL(path, base)`
 * joining, and deciding conditions (guards) per value.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { getMemberName } from './objects.js';
import { resolve } from './resolver.js';
import { type Value, type AnalysisContext, type State, EMPTY_STATE, unknown, stringValue, getTruthiness, alternatives, getOptions, concatValues, getKnownString } from './value.js';

/** Other reads that make sense on a string (tests, `split`, `length`…): the object may be one. */
export const STRING_READS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split', 'length', 'at', 'charAt', 'match', 'search', 'repeat', 'substr']);
export const STRING_METHODS = new Set(['replace', 'replaceAll', 'trim', 'trimEnd', 'trimStart', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'concat', 'toString', 'normalize', 'padEnd', 'padStart', 'valueOf']);

/** `new URL(path, base)` on partially known strings: an absolute path replaces the base's path. */
export function joinUrl(path: Value, base: Value, node: TSESTree.Node): Value {
  const results: Value[] = [];
  for (const pathOption of getOptions(path)) {
    for (const baseOption of getOptions(base)) {
      const pathText = getKnownString(pathOption);
      const baseText = getKnownString(baseOption);
      if (pathText !== undefined && /^[a-z]+:\/\//i.test(pathText)) {
        results.push(pathOption);
      } else if (pathText !== undefined && baseText !== undefined) {
        try {
          results.push(stringValue([new URL(pathText, baseText).href], node));
        } catch {
          results.push(unknown(node));
        }
      } else if (baseOption.kind === 'string' && pathOption.kind === 'string') {
        const first = pathOption.segments[0];
        const baseSegments = [...baseOption.segments];
        if (typeof first === 'string' && first.startsWith('/')) {
          // keep the origin part of the base: its first segment up to the path
          const head = baseSegments[0];
          const origin = typeof head === 'string' ? (/^[a-z]+:\/\/[^/]*/i.exec(head)?.[0] ?? head) : head!;
          results.push(stringValue([origin, ...pathOption.segments], node));
        } else {
          const last = baseSegments[baseSegments.length - 1];
          const joiner = typeof last === 'string' && last.endsWith('/') ? '' : '/';
          results.push(stringValue([...baseSegments, joiner, ...pathOption.segments], node));
        }
      } else {
        results.push(unknown(node));
      }
    }
  }
  return alternatives(results, node);
}

export function applyStringMethod(value: Value, method: string, node: TSESTree.CallExpression, context: AnalysisContext, state: State): Value {
  if (value.kind !== 'string') return unknown(node);
  const args = node.arguments.map((argument) => argument);
  const known = getKnownString(value);
  const argumentText = (index: number) => (args[index] ? getKnownString(resolve(args[index], context, state)) : undefined);
  const regex = (index: number) => {
    const argument = args[index];
    if (argument?.type === 'Literal' && 'regex' in argument && argument.regex) {
      try {
        return new RegExp(argument.regex.pattern, argument.regex.flags);
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  switch (method) {
    case 'toString':
    case 'valueOf':
    case 'normalize':
      return value;
    case 'trim':
    case 'trimEnd':
    case 'trimStart':
    case 'toLowerCase':
    case 'toUpperCase':
      return mapLiteralSegments(value, (text, position) => {
        if (method === 'toLowerCase') return text.toLowerCase();
        if (method === 'toUpperCase') return text.toUpperCase();
        const trimStart = method !== 'trimEnd' && position.first;
        const trimEnd = method !== 'trimStart' && position.last;
        let result = text;
        if (trimStart) result = result.trimStart();
        if (trimEnd) result = result.trimEnd();
        return result;
      }, node);
    case 'replace':
    case 'replaceAll': {
      const pattern = regex(0) ?? argumentText(0);
      const replacement = argumentText(1);
      if (pattern === undefined || replacement === undefined) return unknown(node, { kind: 'expression', node }, value.trail);
      if (known !== undefined) {
        return stringValue([method === 'replace' ? known.replace(pattern, replacement) : known.replaceAll(pattern, replacement)], node, value.trail);
      }
      if (pattern instanceof RegExp && pattern.source.endsWith('$') && !pattern.source.endsWith('\\$')) {
        return mapLiteralSegments(value, (text, position) => (position.last ? text.replace(pattern, replacement) : text), node);
      }
      if (pattern instanceof RegExp && pattern.source.startsWith('^')) {
        return mapLiteralSegments(value, (text, position) => (position.first ? text.replace(pattern, replacement) : text), node);
      }
      // A hole may hold what the pattern matches: the structure stays, details are unknown.
      return { ...value, node };
    }
    case 'slice':
    case 'substring': {
      if (known === undefined) return unknown(node, { kind: 'expression', node }, value.trail);
      const start = args[0] ? resolve(args[0], context, state) : undefined;
      const end = args[1] ? resolve(args[1], context, state) : undefined;
      const startValue = start?.kind === 'primitive' && typeof start.value === 'number' ? start.value : 0;
      const endValue = end?.kind === 'primitive' && typeof end.value === 'number' ? end.value : undefined;
      return stringValue([method === 'slice' ? known.slice(startValue, endValue) : known.substring(startValue, endValue)], node, value.trail);
    }
    case 'concat':
      return concatValues([value, ...args.map((argument) => resolve(argument, context, state))], node);
    default:
      return unknown(node);
  }
}

function mapLiteralSegments(value: Extract<Value, { kind: 'string' }>, map: (text: string, position: { first: boolean; last: boolean }) => string, node: TSESTree.Node): Value {
  const count = value.segments.length;
  const segments = value.segments.map((segment, index) =>
    typeof segment === 'string' ? map(segment, { first: index === 0, last: index === count - 1 }) : segment,
  );
  return stringValue(segments, node, value.trail);
}

// ——— conditions ———

/** Decides a condition when the code shows enough: `!base.endsWith('/v1')`, `x === 'y'`, `a && b`. */
export function evaluateCondition(test: TSESTree.Node, context: AnalysisContext, state: State = EMPTY_STATE): boolean | undefined {
  switch (test.type) {
    case 'UnaryExpression':
      if (test.operator === '!') {
        const inner = evaluateCondition(test.argument, context, state);
        return inner === undefined ? undefined : !inner;
      }
      return undefined;
    case 'LogicalExpression': {
      const left = evaluateCondition(test.left, context, state);
      if (test.operator === '&&') {
        if (left === false) return false;
        const right = evaluateCondition(test.right, context, state);
        return left === true ? right : right === false ? false : undefined;
      }
      if (test.operator === '||') {
        if (left === true) return true;
        const right = evaluateCondition(test.right, context, state);
        return left === false ? right : right === true ? true : undefined;
      }
      return undefined;
    }
    case 'CallExpression': {
      if (test.callee.type !== 'MemberExpression') return undefined;
      const method = getMemberName(test.callee, context, state);
      if (method !== 'endsWith' && method !== 'startsWith' && method !== 'includes') return undefined;
      const receiver = resolve(test.callee.object, context, state);
      const argument = test.arguments[0] ? getKnownString(resolve(test.arguments[0], context, state)) : undefined;
      if (argument === undefined) return undefined;
      const results = getOptions(receiver).map((option) => decideStringTest(option, method, argument));
      return results.every((result) => result === results[0]) ? results[0] : undefined;
    }
    case 'BinaryExpression': {
      if (!['===', '==', '!==', '!='].includes(test.operator)) return undefined;
      const left = getKnownString(resolve(test.left, context, state));
      const right = getKnownString(resolve(test.right, context, state));
      if (left === undefined || right === undefined) return undefined;
      return test.operator.startsWith('!') ? left !== right : left === right;
    }
    default: {
      const value = resolve(test, context, state);
      return getTruthiness(value);
    }
  }
}

function decideStringTest(value: Value, method: string, argument: string): boolean | undefined {
  if (value.kind !== 'string') return undefined;
  const known = getKnownString(value);
  if (known !== undefined) {
    return method === 'endsWith' ? known.endsWith(argument) : method === 'startsWith' ? known.startsWith(argument) : known.includes(argument);
  }
  if (method === 'endsWith') {
    const last = value.segments[value.segments.length - 1];
    if (typeof last === 'string' && last.length >= argument.length) return last.endsWith(argument);
    if (typeof last === 'string' && last.endsWith(argument)) return true;
  }
  if (method === 'startsWith') {
    const first = value.segments[0];
    if (typeof first === 'string' && first.length >= argument.length) return first.startsWith(argument);
  }
  if (method === 'includes' && value.segments.some((segment) => typeof segment === 'string' && segment.includes(argument))) return true;
  return undefined;
}
