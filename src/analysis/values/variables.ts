/**
 * Identifiers and bindings: scope lookup, variable definitions, destructuring patterns, `let`
 * reassignments evaluated in order (with guards), and member writes to a variable's object.
 */
import { findEnclosingFunction } from '../ast.js';
import { type TSESTree, ASTUtils } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { ModuleUnit } from '../module-graph.js';
import { resolveParameter } from './functions.js';
import { resolveImportBinding } from './imports.js';
import { getStaticPropertyName, getMemberName, getProperty } from './objects.js';
import { findUnitOf, resolve } from './resolver.js';
import { evaluateCondition } from './strings.js';
import { type Value, type AnalysisContext, type State, unknown, withTrail, alternatives, getOptions, concatValues, getKnownString } from './value.js';

const variablesInProgress = new Set<Scope.Variable>();

// ——— identifiers and bindings ———

export function getScope(unit: ModuleUnit, node: TSESTree.Node): Scope.Scope {
  return ASTUtils.getInnermostScope(unit.scopeManager.globalScope as Scope.Scope, node);
}

export function findVariableFor(identifier: TSESTree.Identifier, context: AnalysisContext): Scope.Variable | undefined {
  const unit = findUnitOf(identifier, context.unit);
  const scope = getScope(unit, identifier);
  const variable = ASTUtils.findVariable(scope, identifier);
  return variable ?? undefined;
}

export function resolveIdentifier(node: TSESTree.Identifier, context: AnalysisContext, state: State): Value {
  if (node.name === 'undefined') return { kind: 'primitive', value: undefined, trail: [], node };
  const variable = findVariableFor(node, context);
  if (!variable || variable.defs.length === 0) {
    return unknown(node, { kind: 'global', name: node.name, node }, [node.name]);
  }
  const bound = state.bindings.get(variable);
  if (bound) return withTrail(bound, node.name);
  const value = resolveVariable(variable, node, context, state);
  return withTrail(value, node.name);
}

export function resolveVariable(variable: Scope.Variable, use: TSESTree.Node, context: AnalysisContext, state: State): Value {
  if (variablesInProgress.has(variable)) return unknown(use);
  variablesInProgress.add(variable);
  try {
    return resolveVariableDefinition(variable, use, context, state);
  } finally {
    variablesInProgress.delete(variable);
  }
}

function resolveVariableDefinition(variable: Scope.Variable, use: TSESTree.Node, context: AnalysisContext, state: State): Value {
  const definition = variable.defs[0]!;
  switch (definition.type) {
    case 'Variable': {
      const declarator = definition.node;
      const declaration = definition.parent as TSESTree.VariableDeclaration | null;
      const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
      const loop = declaration?.parent;
      if ((loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === declaration) {
        // for (const url of [primary, fallback]): each element in turn
        const iterated = loop.type === 'ForOfStatement' ? resolve(loop.right, context, state) : unknown(declarator);
        const elements = iterated.kind === 'array' && !iterated.open && iterated.elements.length > 0 ? alternatives(iterated.elements, declarator) : unknown(declarator);
        return declarator.id.type === 'Identifier' ? elements : selectFromPattern(elements, declarator.id, definition.name, context, state);
      }
      if (declaration?.kind === 'const' || writes.length === 0) {
        const initial = declarator.init ? resolve(declarator.init, context, state) : { kind: 'primitive', value: undefined, trail: [], node: declarator } as Value;
        const fromPattern = declarator.id.type === 'Identifier' ? initial : selectFromPattern(initial, declarator.id, definition.name, context, state);
        return addMemberAssignments(fromPattern, variable, use, context, state);
      }
      return resolveReassignedVariable(variable, declarator, use, context, state);
    }
    case 'ImportBinding':
      return resolveImportBinding(definition.node as TSESTree.ImportClause, definition.parent as TSESTree.ImportDeclaration, context);
    case 'FunctionName':
      return { kind: 'function', functionNode: definition.node as TSESTree.FunctionDeclaration, trail: [], node: definition.node };
    case 'ClassName':
      return { kind: 'class', classNode: definition.node as TSESTree.ClassDeclaration, trail: [], node: definition.node };
    case 'Parameter':
      return resolveParameter(definition.name as TSESTree.Identifier, definition.node, context, state);
    default:
      return unknown(use);
  }
}

/** One step from a destructuring pattern down to a bound name: a property or an array index, with its default. */
export interface PatternStep {
  property?: TSESTree.Property;
  index?: number;
  defaultValue: TSESTree.Expression | undefined;
}

/**
 * The path from `pattern` down to `name` (`const { a: { b = 'x' } } = init` → `a`, then `b` with
 * default `'x'`), shared by value resolution and the taint engine. `throughRest`: `name` sits under
 * a `...rest`; `outerDefault`: a default left over above the last step.
 */
export function getPatternSteps(pattern: TSESTree.Node, name: TSESTree.Identifier): { steps: PatternStep[]; throughRest: boolean; outerDefault: TSESTree.Expression | undefined } {
  const steps: PatternStep[] = [];
  let throughRest = false;
  let current: TSESTree.Node = name;
  let pendingDefault: TSESTree.Expression | undefined;
  while (current !== pattern && current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === 'AssignmentPattern' && parent.left === current) pendingDefault = parent.right;
    else if (parent.type === 'Property' && parent.value === current) {
      steps.unshift({ property: parent, defaultValue: pendingDefault });
      pendingDefault = undefined;
    } else if (parent.type === 'ArrayPattern') {
      steps.unshift({ index: parent.elements.indexOf(current as TSESTree.DestructuringPattern), defaultValue: pendingDefault });
      pendingDefault = undefined;
    } else if (parent.type === 'RestElement') {
      throughRest = true;
    }
    current = parent;
  }
  return { steps, throughRest, outerDefault: pendingDefault };
}

/** `const { a: { b = 'x' } } = init` → the part of `init` that `name` is bound to. */
export function selectFromPattern(initial: Value, pattern: TSESTree.Node, name: TSESTree.Identifier, context: AnalysisContext, state: State): Value {
  const { steps, throughRest } = getPatternSteps(pattern, name);
  if (throughRest) return unknown(name);
  let value = initial;
  for (const step of steps) {
    const key = step.property ? getStaticPropertyName(step.property, context, state) : String(step.index);
    value = key === undefined ? unknown(name) : getProperty(value, key, name, context);
    if (step.defaultValue && (value.kind === 'unknown' || (value.kind === 'primitive' && value.value === undefined))) {
      const fallback = resolve(step.defaultValue, context, state);
      value = value.kind === 'unknown' ? alternatives([value, fallback], name) : fallback;
    }
  }
  return value;
}

/**
 * `let` bindings: the writes before the use, in source order. An unconditional write replaces the
 * value; a write under an `if` whose test can be decided per alternative refines it; any other
 * conditional write adds an alternative.
 */
function resolveReassignedVariable(
  variable: Scope.Variable,
  declarator: TSESTree.VariableDeclarator,
  use: TSESTree.Node,
  context: AnalysisContext,
  state: State,
): Value {
  const useStart = use.range[0];
  let value: Value = declarator.init
    ? resolve(declarator.init, context, state)
    : { kind: 'primitive', value: undefined, trail: [], node: declarator };
  if (declarator.id.type !== 'Identifier') return unknown(use);
  const useFunction = findEnclosingFunction(use);
  const writes = variable.references
    .filter((reference) => reference.isWrite() && !reference.init && reference.identifier.range[0] < useStart)
    .sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
  // Writes inside other functions may run in any order relative to this use.
  const laterWrites = variable.references.filter(
    (reference) => reference.isWrite() && !reference.init && findEnclosingFunction(reference.identifier) !== useFunction && reference.identifier.range[0] >= useStart,
  );
  for (const write of [...writes, ...laterWrites]) {
    const assignment = write.identifier.parent;
    if (assignment?.type !== 'AssignmentExpression' || assignment.left !== write.identifier) {
      value = alternatives([value, unknown(write.identifier)], use);
      continue;
    }
    const applyWrite = (previous: Value): Value => {
      const bindings = new Map(state.bindings);
      bindings.set(variable, previous);
      const next = resolve(assignment.right, context, { ...state, bindings });
      return assignment.operator === '+=' ? concatValues([previous, next], assignment) : assignment.operator === '=' ? next : unknown(assignment);
    };
    const guard = findGuard(assignment, declarator);
    if (guard === 'unconditional' && findEnclosingFunction(assignment) === useFunction) {
      value = alternatives(getOptions(value).map(applyWrite), use);
    } else if (guard && guard !== 'unconditional') {
      const results: Value[] = [];
      for (const option of getOptions(value)) {
        const bindings = new Map(state.bindings);
        bindings.set(variable, option);
        const test = evaluateCondition(guard.test, context, { ...state, bindings });
        const taken = guard.negated ? (test === undefined ? undefined : !test) : test;
        if (taken === true) results.push(applyWrite(option));
        else if (taken === false) results.push(option);
        else results.push(option, applyWrite(option));
      }
      value = alternatives(results, use);
    } else {
      value = alternatives([...getOptions(value), ...getOptions(value).map(applyWrite)], use);
    }
  }
  return value;
}

type Guard = 'unconditional' | { test: TSESTree.Expression; negated: boolean } | undefined;

/** How the write at `assignment` is reached from the declaration's block: always, under one `if`, or otherwise. */
function findGuard(assignment: TSESTree.Node, declarator: TSESTree.VariableDeclarator): Guard {
  const declarationBlock = declarator.parent?.parent;
  let guard: Guard = 'unconditional';
  let current: TSESTree.Node = assignment;
  while (current.parent && current.parent !== declarationBlock) {
    const parent: TSESTree.Node = current.parent;
    switch (parent.type) {
      case 'ExpressionStatement':
      case 'BlockStatement':
        break;
      case 'IfStatement':
        if (parent.test === current) break;
        if (guard !== 'unconditional') return undefined;
        guard = { test: parent.test, negated: parent.alternate === current };
        break;
      default:
        if (parent.type.endsWith('Statement') || parent.type.endsWith('Expression') || parent.type === 'SwitchCase' || parent.type === 'CatchClause') {
          return undefined;
        }
    }
    current = parent;
  }
  return current.parent === declarationBlock ? guard : undefined;
}

/**
 * `headers['x-api-key'] = key`, `headers.set('x-api-key', key)`, `Object.assign(headers, {...})`
 * before the use: a `const` object is still filled in on the way.
 */
function addMemberAssignments(value: Value, variable: Scope.Variable, use: TSESTree.Node, context: AnalysisContext, state: State): Value {
  if (value.kind !== 'object') return value;
  let properties: Map<string, Value> | undefined;
  let open = value.open;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (identifier.range[0] >= use.range[0] || reference.init) continue;
    const parent = identifier.parent;
    if (!parent) continue;
    if (parent.type === 'MemberExpression' && parent.object === identifier) {
      const grand = parent.parent;
      if (grand?.type === 'AssignmentExpression' && grand.left === parent) {
        const key = getMemberName(parent, context, state);
        properties ??= new Map(value.properties);
        if (key === undefined) open = true;
        else properties.set(key, resolve(grand.right, context, state));
      } else if (grand?.type === 'CallExpression' && grand.callee === parent) {
        const method = getMemberName(parent, context, state);
        if ((method === 'set' || method === 'append') && grand.arguments.length >= 2) {
          const key = getKnownString(resolve(grand.arguments[0]!, context, state));
          properties ??= new Map(value.properties);
          if (key === undefined) open = true;
          else properties.set(key, resolve(grand.arguments[1]!, context, state));
        } else if (method === 'delete' && grand.arguments.length >= 1) {
          const key = getKnownString(resolve(grand.arguments[0]!, context, state));
          properties ??= new Map(value.properties);
          if (key !== undefined) properties.delete(key);
        }
      }
    } else if (parent.type === 'CallExpression' && parent.arguments.includes(identifier as TSESTree.CallExpressionArgument)) {
      const callee = parent.callee;
      if (callee.type === 'MemberExpression' && isNamed(callee.object, 'Object') && isNamed(callee.property, 'assign') && parent.arguments[0] === identifier) {
        properties ??= new Map(value.properties);
        for (const argument of parent.arguments.slice(1)) {
          const merged = resolve(argument, context, state);
          if (merged.kind === 'object') for (const [key, property] of merged.properties) properties.set(key, property);
          else open = true;
        }
      }
    }
  }
  if (!properties && open === value.open) return value;
  return { ...value, properties: properties ?? value.properties, open };
}

export function isNamed(node: TSESTree.Node, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}
