/**
 * The recursive resolver: `resolveValue` / `resolve` with their budgets and caches, the dispatch per
 * node type, logical operators, type refinement, and argument/parameter/receiver bindings.
 */
import { type TSESTree, ASTUtils } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast.js';
import { collectPatternNames, type ModuleUnit } from '../module-graph.js';
import { getStringLiteralOfType } from '../type-info.js';
import { resolveCall, resolveNew } from './functions.js';
import { resolveDynamicImport } from './imports.js';
import { resolveMember, resolveObject } from './objects.js';
import { STRING_READS, STRING_METHODS, evaluateCondition } from './strings.js';
import { type Value, type AnalysisContext, type State, EMPTY_STATE, type Bindings, unknown, stringValue, getTruthiness, alternatives, concatValues } from './value.js';
import { getScope, findVariableFor, resolveIdentifier, selectFromPattern } from './variables.js';

export const MAX_DEPTH = 24;
const valueCache = new WeakMap<TSESTree.Node, Value>();
const unitsByProgram = new WeakMap<TSESTree.Program, ModuleUnit>();

export function registerUnit(unit: ModuleUnit): void {
  unitsByProgram.set(unit.ast, unit);
}

/** The unit (file) a node belongs to. */
export function findUnitOf(node: TSESTree.Node, fallback: ModuleUnit): ModuleUnit {
  let current: TSESTree.Node | undefined = node;
  while (current?.parent) current = current.parent;
  if (current?.type === 'Program') {
    const unit = unitsByProgram.get(current);
    if (unit) return unit;
  }
  return fallback;
}

/** Resolves `node` to a value. Cached per node when no caller bindings are in force. */
export function resolveValue(node: TSESTree.Node, context: AnalysisContext, bindings: Bindings = EMPTY_STATE): Value {
  return resolve(node, context, bindings);
}

/** Binds `fn`'s parameters to `args` (resolved in `outer`), for evaluating its body as this call would. */
export function bindArguments(fn: FunctionNode, args: readonly TSESTree.Node[], context: AnalysisContext, outer: Bindings = EMPTY_STATE): Bindings {
  const bindings = new Map(outer.bindings);
  const unit = findUnitOf(fn, context.unit);
  fn.params.forEach((param, index) => {
    const target = param.type === 'AssignmentPattern' ? param.left : param.type === 'TSParameterProperty' ? param.parameter : param;
    const argument = args[index];
    const argumentValue = argument && argument.type !== 'SpreadElement' ? resolve(argument, context, outer) : param.type === 'AssignmentPattern' ? resolve(param.right, context, outer) : undefined;
    if (!argumentValue) return;
    const scope = getScope(unit, fn.body ?? fn);
    if (target.type === 'Identifier') {
      const variable = ASTUtils.findVariable(scope, target.name);
      if (variable) bindings.set(variable, argumentValue);
    } else if (target.type === 'ObjectPattern') {
      for (const name of collectPatternNames(target)) {
        const variable = ASTUtils.findVariable(scope, name.name);
        if (variable) bindings.set(variable, selectFromPattern(argumentValue, target, name, context, outer));
      }
    }
  });
  return { ...outer, bindings, depth: outer.depth + 1, active: new Set(outer.active).add(fn) };
}

/**
 * Binds `fn`'s parameters (and those of the functions around it) to unknown values of parameter
 * origin: the body as seen from inside, whatever any call passes, without following call sites.
 */
export function bindParametersAsUnknown(fn: TSESTree.Node, context: AnalysisContext, outer: Bindings = EMPTY_STATE): Bindings {
  const bindings = new Map(outer.bindings);
  for (let current: TSESTree.Node | undefined = fn; current; current = current.parent) {
    if (current.type !== 'FunctionDeclaration' && current.type !== 'FunctionExpression' && current.type !== 'ArrowFunctionExpression') continue;
    for (const param of current.params) {
      const target = param.type === 'TSParameterProperty' ? param.parameter : param;
      for (const name of collectPatternNames(target)) {
        const variable = findVariableFor(name, context);
        if (variable && !bindings.has(variable)) bindings.set(variable, unknown(name, { kind: 'parameter', name: name.name, node: name, functionNode: current }, [name.name]));
      }
    }
  }
  return { ...outer, bindings };
}

/** Evaluates `this.…` in methods of `receiver`'s class as that instance (constructor arguments bound). */
export function bindReceiver(outer: Bindings, receiver: Extract<Value, { kind: 'instance' }>): Bindings {
  return { ...outer, receiver };
}

/**
 * Nesting of resolutions across every entry point (class members and imports start from fresh
 * bindings), and the nodes and variables being resolved right now: together they bound the work and
 * break cycles such as `info = new Info(info)` ... `info = info.upper`.
 */
let nesting = 0;
const MAX_NESTING = 160;
/** Resolution steps one top-level question may take; past it, the answer is unknown (never a report). */
let work = 0;
const MAX_WORK = 4_000;
const nodesInProgress = new Set<TSESTree.Node>();
export function resolve(node: TSESTree.Node, context: AnalysisContext, state: State): Value {
  const cacheable = state.bindings.size === 0 && state.active.size === 0 && !state.receiver;
  if (cacheable) {
    const cached = valueCache.get(node);
    if (cached) return cached;
  }
  if (nesting === 0) work = 0;
  if (state.depth > MAX_DEPTH || nesting > MAX_NESTING || work > MAX_WORK || (cacheable && nodesInProgress.has(node))) return unknown(node);
  work++;
  nesting++;
  if (cacheable) nodesInProgress.add(node);
  let value: Value;
  try {
    value = resolveUncached(node, context, { ...state, depth: state.depth + 1 });
  } finally {
    nesting--;
    if (cacheable) nodesInProgress.delete(node);
  }
  if (value.kind === 'unknown' && !value.origin) value = refineWithTypes(node, context, value);
  if (cacheable) valueCache.set(node, value);
  return value;
}

function refineWithTypes(node: TSESTree.Node, context: AnalysisContext, value: Value): Value {
  if (!context.typeInfo || findUnitOf(node, context.unit) !== context.unit || context.literalTypesMatter?.() === false) return value;
  // Names only (a constant the module graph could not reach, such as a tsconfig `paths` import): a
  // call, a literal or a function is not worth a checker question. A callee is never a string.
  if (node.type !== 'Identifier' && node.type !== 'MemberExpression') return value;
  const parent = node.parent;
  if (parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === node) return value;
  // The object of a member read (`this.destination` in `this.destination.next(…)`) is a string only
  // when a string method or property is read from it.
  if (parent?.type === 'MemberExpression' && parent.object === node) {
    const property = !parent.computed && parent.property.type === 'Identifier' ? parent.property.name : undefined;
    if (!property || !(STRING_METHODS.has(property) || STRING_READS.has(property))) return value;
  }
  const literal = getStringLiteralOfType(context.typeInfo.getType(node));
  return literal === undefined ? value : stringValue([literal], node, value.trail);
}

function resolveUncached(node: TSESTree.Node, context: AnalysisContext, state: State): Value {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') return stringValue([node.value], node);
      if (node.value === null || typeof node.value === 'number' || typeof node.value === 'boolean') {
        return { kind: 'primitive', value: node.value, trail: [], node };
      }
      return unknown(node);
    case 'TemplateLiteral': {
      const parts: Value[] = [];
      node.quasis.forEach((quasi, index) => {
        parts.push(stringValue([quasi.value.cooked ?? quasi.value.raw], quasi));
        const expression = node.expressions[index];
        if (expression) parts.push(resolve(expression, context, state));
      });
      return concatValues(parts, node);
    }
    case 'TaggedTemplateExpression':
      return unknown(node, { kind: 'expression', node });
    case 'BinaryExpression':
      if (node.operator === '+') {
        return concatValues([resolve(node.left, context, state), resolve(node.right, context, state)], node);
      }
      return unknown(node);
    case 'LogicalExpression':
      return resolveLogical(node, context, state);
    case 'ConditionalExpression': {
      const test = evaluateCondition(node.test, context, state);
      if (test === true) return resolve(node.consequent, context, state);
      if (test === false) return resolve(node.alternate, context, state);
      return alternatives([resolve(node.consequent, context, state), resolve(node.alternate, context, state)], node);
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'AwaitExpression':
    case 'ChainExpression':
      return resolve(node.type === 'AwaitExpression' ? node.argument : node.expression, context, state);
    case 'Identifier':
      return resolveIdentifier(node, context, state);
    case 'MemberExpression':
      return resolveMember(node, context, state);
    case 'CallExpression':
      return resolveCall(node, context, state);
    case 'NewExpression':
      return resolveNew(node, context, state);
    case 'ObjectExpression':
      return resolveObject(node, context, state);
    case 'ArrayExpression': {
      const elements: Value[] = [];
      let open = false;
      for (const element of node.elements) {
        if (!element) continue;
        if (element.type === 'SpreadElement') {
          const spread = resolve(element.argument, context, state);
          if (spread.kind === 'array') elements.push(...spread.elements);
          else open = true;
        } else {
          elements.push(resolve(element, context, state));
        }
      }
      return { kind: 'array', elements, open, trail: [], node };
    }
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'FunctionDeclaration':
      return { kind: 'function', functionNode: node, trail: [], node };
    case 'ClassExpression':
    case 'ClassDeclaration':
      return { kind: 'class', classNode: node, trail: [], node };
    case 'AssignmentExpression':
      return resolve(node.right, context, state);
    case 'SequenceExpression':
      return resolve(node.expressions[node.expressions.length - 1]!, context, state);
    case 'UnaryExpression':
      if (node.operator === 'void') return { kind: 'primitive', value: undefined, trail: [], node };
      if (node.operator === '!') {
        const test = evaluateCondition(node.argument, context, state);
        return test === undefined ? unknown(node) : { kind: 'primitive', value: !test, trail: [], node };
      }
      return unknown(node);
    case 'ImportExpression':
      return resolveDynamicImport(node);
    default:
      return unknown(node);
  }
}

function resolveLogical(node: TSESTree.LogicalExpression, context: AnalysisContext, state: State): Value {
  const left = resolve(node.left, context, state);
  if (node.operator === '&&') return resolve(node.right, context, state);
  const truthiness = getTruthiness(left);
  if (node.operator === '||' && truthiness === true) return left;
  if (node.operator === '??' && left.kind !== 'unknown' && !(left.kind === 'primitive' && left.value == null)) {
    if (left.kind !== 'alternatives') return left;
  }
  if ((node.operator === '||' && truthiness === false) || (left.kind === 'primitive' && left.value == null)) {
    return resolve(node.right, context, state);
  }
  // Fallback chain: the left value is used whenever it is set, so it stays the preferred option.
  return alternatives([left, resolve(node.right, context, state)], node);
}
