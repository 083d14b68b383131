/**
 * Calls and functions: call resolution (helpers, string methods, builtins), returned expressions,
 * parameters bound from call sites, and `new` (URL, class instances).
 */
import { type TSESTree, ASTUtils } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast.js';
import { getReturns } from '../file-index.js';
import { collectPatternNames } from '../module-graph.js';
import { resolveRequire } from './imports.js';
import { getMemberName, mergeSpread } from './objects.js';
import { MAX_DEPTH, findUnitOf, resolve } from './resolver.js';
import { STRING_METHODS, joinUrl, applyStringMethod } from './strings.js';
import { type Origin, type Value, type AnalysisContext, type State, EMPTY_STATE, unknown, stringValue, alternatives, getOptions, concatValues, getKnownString } from './value.js';
import { getScope, findVariableFor, selectFromPattern, isNamed } from './variables.js';

/**
 * A parameter: a default value, or (for a local function whose every call site in the file passes
 * a resolvable argument) the alternatives of those arguments.
 */
export function resolveParameter(name: TSESTree.Identifier, functionNode: TSESTree.Node, context: AnalysisContext, state: State): Value {
  const origin: Origin = { kind: 'parameter', name: name.name, node: name, functionNode };
  if (state.active.has(functionNode) || state.depth > MAX_DEPTH / 2) return unknown(name, origin);
  const fn = functionNode as FunctionNode;
  const index = fn.params.findIndex((param) => param === name || (param.type === 'AssignmentPattern' && param.left === name) || param.range[0] <= name.range[0] && name.range[1] <= param.range[1]);
  const param = fn.params[index];
  const defaultValue = param?.type === 'AssignmentPattern' ? param.right : undefined;
  const callSites = findCallSites(fn, context);
  if (!callSites || callSites.length === 0 || callSites.length > 8 || index < 0) {
    return defaultValue ? alternatives([unknown(name, origin), resolve(defaultValue, context, state)], name) : unknown(name, origin);
  }
  const active = new Set(state.active).add(functionNode);
  const values = callSites.map((call) => {
    const argument = call.arguments[index];
    if (!argument) return defaultValue ? resolve(defaultValue, context, { ...state, active }) : unknown(name, origin);
    if (argument.type === 'SpreadElement') return unknown(name, origin);
    const resolved = resolve(argument, context, { ...state, active });
    return param && param.type !== 'Identifier' && param.type !== 'AssignmentPattern' ? selectFromPattern(resolved, param, name, context, state) : resolved;
  });
  if (values.some((value) => value.kind === 'unknown' && !value.origin)) return unknown(name, origin);
  const result = alternatives(values, name);
  return result.kind === 'alternatives' ? { ...result, trail: [] } : result;
}

/** Direct calls of a named local function (or `const f = () => …`) in its own file; undefined if it escapes. */
function findCallSites(fn: FunctionNode, context: AnalysisContext): TSESTree.CallExpression[] | undefined {
  let nameNode: TSESTree.Identifier | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id) nameNode = fn.id;
  else if (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier') nameNode = fn.parent.id;
  if (!nameNode) return undefined;
  const variable = findVariableFor(nameNode, context);
  if (!variable) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (reference.init) continue;
    if (parent?.type === 'CallExpression' && parent.callee === reference.identifier) calls.push(parent);
    else if (parent?.type === 'ExportSpecifier' || parent?.type === 'ExportNamedDeclaration') return undefined;
  }
  if (fn.parent?.type === 'ExportNamedDeclaration' || fn.parent?.parent?.parent?.type === 'ExportNamedDeclaration') return undefined;
  return calls;
}

export function resolveCall(node: TSESTree.CallExpression, context: AnalysisContext, state: State): Value {
  const callee = node.callee;
  if (callee.type === 'MemberExpression') {
    const method = getMemberName(callee, context, state);
    // Deno.env.get('X') / Netlify.env.get('X')
    if (method === 'get' && callee.object.type === 'MemberExpression' && getMemberName(callee.object, context, state) === 'env' && callee.object.object.type === 'Identifier' && ['Deno', 'Netlify'].includes(callee.object.object.name)) {
      const name = node.arguments[0] ? getKnownString(resolve(node.arguments[0], context, state)) : undefined;
      return name ? unknown(node, { kind: 'env', name, node }, [name]) : unknown(node);
    }
    if (method && STRING_METHODS.has(method)) {
      const receiver = resolve(callee.object, context, state);
      if (getOptions(receiver).some((option) => option.kind === 'string')) {
        return alternatives(getOptions(receiver).map((option) => applyStringMethod(option, method, node, context, state)), node);
      }
      if (method === 'toString') return receiver;
    }
    if (method === 'join' && isNamedArray(callee.object)) {
      const receiver = resolve(callee.object, context, state);
      if (receiver.kind === 'array' && !receiver.open) {
        const separator = node.arguments[0] ? getKnownString(resolve(node.arguments[0], context, state)) ?? ',' : ',';
        const parts: Value[] = [];
        receiver.elements.forEach((element, index) => {
          if (index > 0) parts.push(stringValue([separator], node));
          parts.push(element);
        });
        return concatValues(parts, node);
      }
    }
    if (method === 'assign' && isNamed(callee.object, 'Object')) {
      const properties = new Map<string, Value>();
      let open = false;
      for (const argument of node.arguments) {
        const merged = mergeSpread(resolve(argument, context, state));
        if (!merged) open = true;
        else for (const [key, value] of merged.properties) properties.set(key, value);
      }
      return { kind: 'object', properties, open, trail: [], node };
    }
    if (method === 'fromEntries' || method === 'freeze') {
      if (method === 'freeze' && node.arguments[0]) return resolve(node.arguments[0], context, state);
    }
  }
  if (callee.type === 'Identifier' && (callee.name === 'String' || callee.name === 'encodeURIComponent' || callee.name === 'encodeURI')) {
    const argument = node.arguments[0];
    if (!argument) return stringValue([], node);
    const value = resolve(argument, context, state);
    return alternatives(getOptions(value).map((option) => {
      const known = getKnownString(option);
      if (known !== undefined) return stringValue([callee.name === 'String' ? known : callee.name === 'encodeURI' ? encodeURI(known) : encodeURIComponent(known)], node, option.trail);
      return option.kind === 'string' || option.kind === 'unknown' ? option : concatValues([option], node);
    }), node);
  }
  if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments[0]?.type === 'Literal' && typeof node.arguments[0].value === 'string') {
    const required = resolveRequire(node, node.arguments[0].value, context);
    if (required) return required;
  }
  // A local helper: evaluate its returns with the parameters bound to the arguments.
  const calleeValue = resolve(callee, context, state);
  if (calleeValue.kind === 'function') return resolveFunctionReturn(calleeValue.functionNode, node.arguments, context, state);
  return unknown(node, expressionOrigin(node, state));
}

function expressionOrigin(node: TSESTree.Node, state: State): Origin {
  return state.bindings.size > 0 || state.receiver ? { kind: 'expression', node, state } : { kind: 'expression', node };
}

function isNamedArray(node: TSESTree.Node): boolean {
  return node.type === 'ArrayExpression' || node.type === 'Identifier';
}

const MAX_EVALUATED_RETURNS = 6;
/** The expressions a function body returns (not those of nested functions), from the file index. */
export function getReturnedExpressions(fn: FunctionNode): readonly TSESTree.Expression[] {
  return getReturns(fn);
}

/** The value a function returns for these arguments (alternatives of its `return`s). */
export function resolveFunctionReturn(fn: FunctionNode, args: readonly TSESTree.Node[], context: AnalysisContext, state: State = EMPTY_STATE): Value {
  if (state.active.has(fn) || state.active.size > 4) return unknown(fn);
  const active = new Set(state.active).add(fn);
  const bindings = new Map(state.bindings);
  const unit = findUnitOf(fn, context.unit);
  fn.params.forEach((param, index) => {
    const target = param.type === 'AssignmentPattern' ? param.left : param;
    const argument = args[index];
    if (target.type === 'ObjectPattern') {
      // `function headers({ key, keyRef })`: each name is bound to its part of the argument
      const argumentValue = argument && argument.type !== 'SpreadElement' ? resolve(argument, context, state) : !argument && param.type === 'AssignmentPattern' ? resolve(param.right, context, state) : undefined;
      if (!argumentValue) return;
      for (const name of collectPatternNames(target)) {
        const variable = ASTUtils.findVariable(getScope(unit, fn.body ?? fn), name.name);
        if (variable) bindings.set(variable, selectFromPattern(argumentValue, target, name, context, state));
      }
      return;
    }
    if (target.type !== 'Identifier') return;
    const variable = ASTUtils.findVariable(getScope(unit, fn.body ?? fn), target.name);
    if (!variable) return;
    if (argument && argument.type !== 'SpreadElement') bindings.set(variable, resolve(argument, context, state));
    else if (!argument && param.type === 'AssignmentPattern') bindings.set(variable, resolve(param.right, context, state));
  });
  const innerState: State = { ...state, bindings, active };
  if (fn.body && fn.body.type !== 'BlockStatement') return resolve(fn.body, context, innerState);
  const returnStatements = getReturnedExpressions(fn);
  // Helpers worth evaluating per call are small (a base URL, a headers object); a big function's
  // result is not a value the code shows.
  if (returnStatements.length === 0 || returnStatements.length > MAX_EVALUATED_RETURNS) return unknown(fn);
  const returns = returnStatements.map((expression) => resolve(expression, context, innerState));
  return alternatives(returns, fn);
}

export function resolveNew(node: TSESTree.NewExpression, context: AnalysisContext, state: State): Value {
  const callee = node.callee;
  if (callee.type === 'Identifier' && callee.name === 'URL' && node.arguments[0]) {
    const path = resolve(node.arguments[0], context, state);
    if (!node.arguments[1]) return path;
    const base = resolve(node.arguments[1], context, state);
    return joinUrl(path, base, node);
  }
  if (callee.type === 'Identifier' && (callee.name === 'Headers' || callee.name === 'Map' || callee.name === 'URLSearchParams')) {
    if (!node.arguments[0]) return { kind: 'object', properties: new Map(), open: false, trail: [], node };
    const init = resolve(node.arguments[0], context, state);
    if (init.kind === 'array' && callee.name !== 'URLSearchParams') {
      const properties = new Map<string, Value>();
      for (const entry of init.elements) {
        if (entry.kind !== 'array' || entry.elements.length < 2) return unknown(node);
        const key = getKnownString(entry.elements[0]!);
        if (key === undefined) return unknown(node);
        properties.set(key, entry.elements[1]!);
      }
      return { kind: 'object', properties, open: init.open, trail: [], node };
    }
    return init;
  }
  const calleeValue = resolve(callee, context, state);
  if (calleeValue.kind === 'class') return { kind: 'instance', classNode: calleeValue.classNode, args: node.arguments, trail: [], node };
  return unknown(node, expressionOrigin(node, state));
}
