/**
 * Value resolution: what an expression evaluates to, as far as the code shows it.
 *
 * Results are three-valued. A string is a list of segments, each known text or a hole (an env var,
 * a parameter, an unresolved expression) that remembers where it came from; alternatives keep every
 * possibility (fallback chains, branches, normalisation guards) with the preferred one first. Rules
 * report only on what is known, so an unknown value never causes a report.
 *
 * Covered: literals, templates, `+`, `const` chains and destructuring, `let` bindings reassigned on the
 * way (evaluated in order, guards such as `if (!base.endsWith('/v1'))` decided per alternative),
 * string methods (`replace`, `trim`, `endsWith`…), `new URL(path, base)`, object literals with spread,
 * bracket assignments, small helper functions (parameters bound to the arguments), class fields,
 * env reads (`process.env`, `import.meta.env`, `Deno.env.get`), relative imports (module graph), and,
 * with type information, literal types and declarations the checker finds.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { ASTUtils } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { HOLE } from '../core/api-model.js';
import type { PilotStatusSettings } from '../core/settings.js';
import { collectPatternNames, findExport, loadUnit, resolveModuleFile, type ModuleUnit } from './module-graph.js';
import { getStringLiteralOfType, type TypeInfo } from './type-info.js';
import { findEnclosingClass, type FunctionNode } from './ast.js';
import { getClassIndex, getFileIndex, getReturns } from './file-index.js';

export type Origin =
  | { kind: 'env'; name: string; node: TSESTree.Node }
  | { kind: 'parameter'; name: string; node: TSESTree.Node; functionNode: TSESTree.Node }
  | { kind: 'import'; source: string; importedName: string; node: TSESTree.Node }
  | { kind: 'global'; name: string; node: TSESTree.Node }
  /** `state`: the bindings the expression was met under, when there were any (a client created in a factory or constructor from its parameters). */
  | { kind: 'expression'; node: TSESTree.Node; state?: State };

export interface Hole {
  origin: Origin | undefined;
  /** The names the hole's value travelled through, outermost first. */
  trail: readonly string[];
  /** The value that was stringified into this hole, when it was an object or similar. */
  source?: Value;
}

export type Segment = string | Hole;

export type Value =
  | { kind: 'string'; segments: readonly Segment[]; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'object'; properties: ReadonlyMap<string, Value>; open: boolean; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'array'; elements: readonly Value[]; open: boolean; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'alternatives'; options: readonly Value[]; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'primitive'; value: number | boolean | null | undefined; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'function'; functionNode: FunctionNode; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'class'; classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'instance'; classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression; args: readonly TSESTree.Node[]; trail: readonly string[]; node: TSESTree.Node }
  | { kind: 'unknown'; origin: Origin | undefined; trail: readonly string[]; node: TSESTree.Node };

export type { FunctionNode } from './ast.js';
export { walk } from './ast.js';

export interface AnalysisContext {
  /** The file being linted. */
  unit: ModuleUnit;
  settings: PilotStatusSettings;
  typeInfo: TypeInfo | undefined;
}

/** Resolution state: bindings fixed by the caller (parameters, the value of a `let` so far) and a budget. */
interface State {
  bindings: ReadonlyMap<Scope.Variable, Value>;
  depth: number;
  /** Functions being evaluated, against recursion. */
  active: ReadonlySet<TSESTree.Node>;
  /** The instance `this` stands for in methods of its class, when one call's receiver is known. */
  receiver?: Extract<Value, { kind: 'instance' }>;
}

const MAX_DEPTH = 24;
const MAX_ALTERNATIVES = 12;
const EMPTY_STATE: State = { bindings: new Map(), depth: 0, active: new Set() };

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

/** Opaque caller bindings: the parameters of a function bound to the arguments of one call. */
export type Bindings = State;
export const NO_BINDINGS: Bindings = EMPTY_STATE;

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
const variablesInProgress = new Set<Scope.Variable>();

function resolve(node: TSESTree.Node, context: AnalysisContext, state: State): Value {
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
  if (!context.typeInfo || findUnitOf(node, context.unit) !== context.unit) return value;
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

export function unknown(node: TSESTree.Node, origin?: Origin, trail: readonly string[] = []): Value {
  return { kind: 'unknown', origin, trail, node };
}

export function stringValue(segments: readonly Segment[], node: TSESTree.Node, trail: readonly string[] = []): Value {
  return { kind: 'string', segments: mergeSegments(segments), trail, node };
}

function withTrail(value: Value, name: string): Value {
  if (value.trail[0] === name) return value;
  return { ...value, trail: [name, ...value.trail] } as Value;
}

function mergeSegments(segments: readonly Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (typeof segment === 'string') {
      if (segment === '') continue;
      if (typeof last === 'string') merged[merged.length - 1] = last + segment;
      else merged.push(segment);
    } else {
      merged.push(segment);
    }
  }
  return merged;
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
      return resolveDynamicImport(node, context);
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

function getTruthiness(value: Value): boolean | undefined {
  if (value.kind === 'primitive') return Boolean(value.value);
  if (value.kind === 'object' || value.kind === 'array' || value.kind === 'function') return true;
  if (value.kind === 'string') {
    if (value.segments.some((segment) => typeof segment === 'string' && segment.length > 0)) return true;
    if (value.segments.length === 0) return false;
  }
  return undefined;
}

/** Combines the alternatives (deduplicated, flattened, capped). One option is returned as is. */
export function alternatives(values: readonly Value[], node: TSESTree.Node): Value {
  const options: Value[] = [];
  for (const value of values) {
    for (const option of value.kind === 'alternatives' ? value.options : [value]) {
      if (!options.some((existing) => isSameValue(existing, option))) options.push(option);
    }
  }
  if (options.length === 1) return options[0]!;
  return { kind: 'alternatives', options: options.slice(0, MAX_ALTERNATIVES), trail: [], node };
}

function isSameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind === 'string' && b.kind === 'string') {
    return a.segments.length === b.segments.length && a.segments.every((segment, index) => {
      const other = b.segments[index]!;
      if (typeof segment === 'string' || typeof other === 'string') return segment === other;
      return segment.origin?.node === other.origin?.node && segment.origin?.kind === other.origin?.kind;
    });
  }
  return false;
}

/** Each option of a value (itself when it has no alternatives). */
export function getOptions(value: Value): readonly Value[] {
  return value.kind === 'alternatives' ? value.options : [value];
}

function toSegments(value: Value): Segment[] | undefined {
  switch (value.kind) {
    case 'string':
      return value.segments.map((segment) =>
        typeof segment === 'string' || value.trail.length === 0 ? segment : { ...segment, trail: [...value.trail, ...segment.trail] },
      );
    case 'primitive':
      return [String(value.value)];
    case 'unknown':
      return [{ origin: value.origin, trail: value.trail }];
    case 'alternatives':
      return undefined;
    default:
      return [{ origin: { kind: 'expression', node: value.node }, trail: value.trail, source: value }];
  }
}

/** String concatenation, distributing over alternatives (capped). */
export function concatValues(parts: readonly Value[], node: TSESTree.Node): Value {
  let results: Segment[][] = [[]];
  for (const part of parts) {
    const options = getOptions(part);
    const next: Segment[][] = [];
    for (const prefix of results) {
      for (const option of options) {
        const segments = toSegments(option);
        if (segments) next.push([...prefix, ...segments]);
        if (next.length >= MAX_ALTERNATIVES) break;
      }
    }
    results = next;
  }
  return alternatives(results.map((segments) => stringValue(segments, node)), node);
}

/** The full text when every segment is known. */
export function getKnownString(value: Value): string | undefined {
  if (value.kind !== 'string') return undefined;
  return value.segments.every((segment) => typeof segment === 'string') ? value.segments.join('') : undefined;
}

/** The text with `HOLE` in place of each unknown segment. */
export function getPatternText(value: Value): string | undefined {
  if (value.kind !== 'string') return undefined;
  return value.segments.map((segment) => (typeof segment === 'string' ? segment : HOLE)).join('');
}

// ——— identifiers and bindings ———

function getScope(unit: ModuleUnit, node: TSESTree.Node): Scope.Scope {
  return ASTUtils.getInnermostScope(unit.scopeManager.globalScope as Scope.Scope, node);
}

export function findVariableFor(identifier: TSESTree.Identifier, context: AnalysisContext): Scope.Variable | undefined {
  const unit = findUnitOf(identifier, context.unit);
  const scope = getScope(unit, identifier);
  const variable = ASTUtils.findVariable(scope, identifier);
  return variable ?? undefined;
}

function resolveIdentifier(node: TSESTree.Identifier, context: AnalysisContext, state: State): Value {
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

function resolveVariable(variable: Scope.Variable, use: TSESTree.Node, context: AnalysisContext, state: State): Value {
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
      const declarator = definition.node as TSESTree.VariableDeclarator;
      const declaration = definition.parent as TSESTree.VariableDeclaration | null;
      const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
      const loop = declaration?.parent;
      if ((loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === declaration) {
        // for (const url of [primary, fallback]): each element in turn
        const iterated = loop.type === 'ForOfStatement' ? resolve(loop.right, context, state) : unknown(declarator);
        const elements = iterated.kind === 'array' && !iterated.open && iterated.elements.length > 0 ? alternatives(iterated.elements, declarator) : unknown(declarator);
        return declarator.id.type === 'Identifier' ? elements : selectFromPattern(elements, declarator.id, definition.name as TSESTree.Identifier, context, state);
      }
      if (declaration?.kind === 'const' || writes.length === 0) {
        const initial = declarator.init ? resolve(declarator.init, context, state) : { kind: 'primitive', value: undefined, trail: [], node: declarator } as Value;
        const fromPattern = declarator.id.type === 'Identifier' ? initial : selectFromPattern(initial, declarator.id, definition.name as TSESTree.Identifier, context, state);
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
      return resolveParameter(definition.name as TSESTree.Identifier, definition.node as TSESTree.Node, context, state);
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
function selectFromPattern(initial: Value, pattern: TSESTree.Node, name: TSESTree.Identifier, context: AnalysisContext, state: State): Value {
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

function findEnclosingFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') return current;
  }
  return undefined;
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

function isNamed(node: TSESTree.Node, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}

function resolveImportBinding(clause: TSESTree.ImportClause, declaration: TSESTree.ImportDeclaration, context: AnalysisContext): Value {
  const source = declaration.source.value;
  const importedName =
    clause.type === 'ImportDefaultSpecifier' ? 'default'
      : clause.type === 'ImportNamespaceSpecifier' ? '*'
        : clause.imported.type === 'Identifier' ? clause.imported.name : clause.imported.value;
  const origin: Origin = { kind: 'import', source, importedName, node: clause };
  const unit = findUnitOf(clause, context.unit);
  const file = resolveModuleFile(unit.filename, source);
  if (!file) return resolveThroughChecker(clause.local, context) ?? unknown(clause, origin);
  if (importedName === '*') {
    const target = loadUnit(file);
    if (!target) return unknown(clause, origin);
    registerUnit(target);
    const properties = new Map<string, Value>();
    for (const name of target.exports.keys()) {
      if (name.startsWith('*')) continue;
      const found = findExport(file, name);
      if (found) properties.set(name, resolveExportEntry(found.unit, found.entry, context));
    }
    return { kind: 'object', properties, open: true, trail: [], node: clause };
  }
  const found = findExport(file, importedName);
  if (!found) return unknown(clause, origin);
  registerUnit(found.unit);
  const value = resolveExportEntry(found.unit, found.entry, context);
  return value.kind === 'unknown' && !value.origin ? unknown(clause, origin) : value;
}

function resolveExportEntry(unit: ModuleUnit, entry: { kind: 'local'; localName: string; node: TSESTree.Node } | { kind: 'expression'; node: TSESTree.Expression }, context: AnalysisContext): Value {
  registerUnit(unit);
  if (entry.kind === 'expression') return resolve(entry.node, context, EMPTY_STATE);
  if (entry.node.type === 'Identifier') {
    const scope = getScope(unit, entry.node);
    const variable = ASTUtils.findVariable(scope, entry.localName);
    if (variable && variable.defs.length > 0) return withTrail(resolveVariable(variable, entry.node, context, EMPTY_STATE), entry.localName);
  }
  return unknown(entry.node);
}


/**
 * With type information, the checker knows where an import really points (tsconfig `paths`,
 * package self-references, re-export chains): map its declaration back onto a parsed module.
 */
function resolveThroughChecker(identifier: TSESTree.Identifier, context: AnalysisContext): Value | undefined {
  if (!context.typeInfo || findUnitOf(identifier, context.unit) !== context.unit) return undefined;
  const [declaration] = context.typeInfo.getDeclarations(identifier);
  if (!declaration) return undefined;
  const sourceFile = declaration.getSourceFile();
  if (sourceFile.isDeclarationFile) return undefined;
  const unit = sourceFile.fileName === context.unit.filename ? context.unit : loadUnit(sourceFile.fileName);
  if (!unit) return undefined;
  registerUnit(unit);
  const nameNode = (declaration as { name?: { getStart(): number } }).name;
  const offset = nameNode ? nameNode.getStart() : declaration.getStart();
  const found = getFileIndex(unit.ast).identifiersByOffset.get(offset);
  const target = found?.type === 'Identifier' ? found : undefined;
  if (!target) return undefined;
  const variable = ASTUtils.findVariable(getScope(unit, target), target.name);
  if (!variable || variable.defs.length === 0) return undefined;
  return withTrail(resolveVariable(variable, target, context, EMPTY_STATE), target.name);
}

/** CommonJS `require('x')`: a package keeps its provenance, a local module resolves to its `module.exports`. */
function resolveRequire(node: TSESTree.CallExpression, source: string, context: AnalysisContext): Value | undefined {
  const callee = node.callee as TSESTree.Identifier;
  if (findVariableFor(callee, context)) return undefined; // a local function named require
  const origin: Origin = { kind: 'import', source, importedName: 'default', node };
  const unit = findUnitOf(node, context.unit);
  const file = resolveModuleFile(unit.filename, source);
  if (!file) return unknown(node, origin);
  const target = loadUnit(file);
  if (!target) return unknown(node, origin);
  registerUnit(target);
  const whole = target.exports.get('default');
  if (whole && whole.kind !== 'reexport') return resolveExportEntry(target, whole, context);
  const properties = new Map<string, Value>();
  for (const [name, entry] of target.exports) {
    if (entry.kind !== 'reexport' && !name.startsWith('*')) properties.set(name, resolveExportEntry(target, entry, context));
  }
  return { kind: 'object', properties, open: true, trail: [], node };
}

/** Dynamic `import('./x')` or `import('@pilot-status/sdk')`: a namespace whose origin is the module. */
function resolveDynamicImport(node: TSESTree.ImportExpression, context: AnalysisContext): Value {
  const source = node.source.type === 'Literal' && typeof node.source.value === 'string' ? node.source.value : undefined;
  if (!source) return unknown(node);
  return unknown(node, { kind: 'import', source, importedName: '*', node });
}

/**
 * A parameter: a default value, or (for a local function whose every call site in the file passes
 * a resolvable argument) the alternatives of those arguments.
 */
function resolveParameter(name: TSESTree.Identifier, functionNode: TSESTree.Node, context: AnalysisContext, state: State): Value {
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

// ——— members, calls, objects ———

export function getStaticPropertyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition, context: AnalysisContext, state: State = EMPTY_STATE): string | undefined {
  if (!property.computed) {
    if (property.key.type === 'Identifier') return property.key.name;
    if (property.key.type === 'PrivateIdentifier') return `#${property.key.name}`;
    if (property.key.type === 'Literal') return String(property.key.value);
    return undefined;
  }
  return getKnownString(resolve(property.key, context, state));
}

export function getMemberName(node: TSESTree.MemberExpression, context: AnalysisContext, state: State = EMPTY_STATE): string | undefined {
  if (!node.computed) {
    if (node.property.type === 'Identifier') return node.property.name;
    if (node.property.type === 'PrivateIdentifier') return `#${node.property.name}`;
    return undefined;
  }
  const key = resolve(node.property, context, state);
  if (key.kind === 'primitive' && typeof key.value === 'number') return String(key.value);
  return getKnownString(key);
}

/** `process.env`, `import.meta.env`, `Bun.env`, `Netlify.env`: the objects whose properties are env vars. */
export function isEnvObject(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier' || node.property.name !== 'env') return false;
  const object = node.object;
  if (object.type === 'Identifier') return object.name === 'process' || object.name === 'Bun';
  if (object.type === 'MetaProperty') return object.meta.name === 'import' && object.property.name === 'meta';
  return false;
}

function resolveMember(node: TSESTree.MemberExpression, context: AnalysisContext, state: State): Value {
  const name = getMemberName(node, context, state);
  if (isEnvObject(node.object)) {
    return name ? unknown(node, { kind: 'env', name, node }, [name]) : unknown(node);
  }
  if (name === undefined) return unknown(node);
  if (node.object.type === 'ThisExpression') return withTrail(resolveThisMember(node, name, context, state), name);
  const object = resolve(node.object, context, state);
  return withTrail(getProperty(object, name, node, context), name);
}

/** `value.name`, distributing over alternatives. Unknown objects keep the name, for env-like configs. */
export function getProperty(value: Value, name: string, node: TSESTree.Node, context: AnalysisContext): Value {
  switch (value.kind) {
    case 'object': {
      const property = value.properties.get(name);
      if (property) return property;
      return value.open ? unknown(node, undefined, [name]) : { kind: 'primitive', value: undefined, trail: [], node };
    }
    case 'alternatives':
      return alternatives(value.options.map((option) => getProperty(option, name, node, context)), node);
    case 'array':
      if (/^\d+$/.test(name)) return value.elements[Number(name)] ?? unknown(node);
      return unknown(node);
    case 'string':
      if (name === 'length') {
        const known = getKnownString(value);
        return known === undefined ? unknown(node) : { kind: 'primitive', value: known.length, trail: [], node };
      }
      return unknown(node);
    case 'instance':
      return resolveInstanceMember(value, name, node, context);
    case 'unknown':
      // Validated config objects (`env.PILOTSTATUS_API_KEY` from `loadEnv()`) read env vars by name.
      if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name) && value.origin?.kind !== 'import') {
        return unknown(node, { kind: 'env', name, node }, [name]);
      }
      if (value.origin?.kind === 'import' && value.origin.importedName === '*') {
        return unknown(node, { ...value.origin, importedName: name, node }, [name]);
      }
      return unknown(node, undefined, [name]);
    default:
      return unknown(node, undefined, [name]);
  }
}

/** `this.key` inside a class: the field initialiser and the constructor's assignments. */
function resolveThisMember(node: TSESTree.MemberExpression, name: string, context: AnalysisContext, state: State): Value {
  const classNode = findEnclosingClass(node);
  if (!classNode) return unknown(node);
  const receiver = state.receiver?.classNode === classNode ? state.receiver : undefined;
  return getClassMemberValue(classNode, name, node, context, state, receiver?.args);
}

function getClassMemberValue(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
  node: TSESTree.Node,
  context: AnalysisContext,
  state: State,
  args: readonly TSESTree.Node[] | undefined,
): Value {
  const values: Value[] = [];
  const constructor = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'constructor',
  );
  const bindings = new Map(state.bindings);
  if (constructor && args) {
    constructor.value.params.forEach((param, index) => {
      const identifier = param.type === 'TSParameterProperty' ? param.parameter : param;
      const target = identifier.type === 'AssignmentPattern' ? identifier.left : identifier;
      if (target.type !== 'Identifier' || !args[index]) return;
      const variable = ASTUtils.findVariable(getScope(findUnitOf(constructor, context.unit), constructor.value.body ?? constructor.value), target.name);
      if (variable) bindings.set(variable, resolve(args[index]!, context, state));
    });
  }
  const innerState = { ...state, bindings };
  for (const member of classNode.body.body) {
    if (member.type === 'PropertyDefinition' && member.value && getStaticPropertyName(member, context, state) === name) {
      values.push(resolve(member.value, context, innerState));
    }
  }
  if (constructor) {
    for (const param of constructor.value.params) {
      if (param.type === 'TSParameterProperty') {
        const target = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
        if (target.type === 'Identifier' && target.name === name) values.push(resolve(target, context, innerState));
      }
    }
    // the constructor's own writes, from the file index (no walk per question)
    const [start, end] = constructor.value.range;
    const classIndex = getClassIndex(classNode);
    for (const write of [...(classIndex?.thisWrites.get(name) ?? []), ...(classIndex?.thisWrites.get('') ?? [])]) {
      if (write.range[0] < start || write.range[1] > end) continue;
      if (write.left.type === 'MemberExpression' && (!write.left.computed || getMemberName(write.left, context, state) === name)) values.push(resolve(write.right, context, innerState));
    }
  }
  const method = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'get' && getStaticPropertyName(member, context, state) === name,
  );
  if (method && method.value.type === 'FunctionExpression') values.push(resolveFunctionReturn(method.value, [], context, innerState));
  if (values.length === 0) return unknown(node);
  return alternatives(values, node);
}

function resolveInstanceMember(value: Extract<Value, { kind: 'instance' }>, name: string, node: TSESTree.Node, context: AnalysisContext): Value {
  return getClassMemberValue(value.classNode, name, node, context, EMPTY_STATE, value.args);
}

function resolveObject(node: TSESTree.ObjectExpression, context: AnalysisContext, state: State): Value {
  const properties = new Map<string, Value>();
  let open = false;
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      const spread = resolve(property.argument, context, state);
      const merged = mergeSpread(spread);
      if (!merged) {
        open = true;
        continue;
      }
      if (merged.open) open = true;
      for (const [key, value] of merged.properties) {
        const existing = properties.get(key);
        properties.set(key, merged.conditional.has(key) && existing ? alternatives([existing, value], property) : value);
      }
      continue;
    }
    // Methods (`send(path) {…}`) are function values like `send: (path) => {…}`.
    if (property.kind !== 'init') continue;
    const key = getStaticPropertyName(property, context, state);
    if (key === undefined) {
      open = true;
      continue;
    }
    properties.set(key, withTrail(resolve(property.value, context, state), key));
  }
  return { kind: 'object', properties, open, trail: [], node };
}

/** A spread's properties; alternatives (`...(cond ? a : {})`) merge, the keys present in only some marked conditional. */
function mergeSpread(value: Value): { properties: Map<string, Value>; open: boolean; conditional: Set<string> } | undefined {
  if (value.kind === 'object') return { properties: new Map(value.properties), open: value.open, conditional: new Set() };
  if (value.kind === 'primitive' && (value.value == null || value.value === false)) return { properties: new Map(), open: false, conditional: new Set() };
  if (value.kind !== 'alternatives') return undefined;
  const properties = new Map<string, Value>();
  const counts = new Map<string, number>();
  let open = false;
  let objects = 0;
  for (const option of value.options) {
    const merged = mergeSpread(option);
    if (!merged) {
      open = true;
      continue;
    }
    objects++;
    if (merged.open) open = true;
    for (const [key, property] of merged.properties) {
      const existing = properties.get(key);
      properties.set(key, existing ? alternatives([existing, property], property.node) : property);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const conditional = new Set([...counts].filter(([, count]) => count < objects).map(([key]) => key));
  return { properties, open, conditional };
}

/** Other reads that make sense on a string (tests, `split`, `length`…): the object may be one. */
const STRING_READS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split', 'length', 'at', 'charAt', 'match', 'search', 'repeat', 'substr']);
const STRING_METHODS = new Set(['replace', 'replaceAll', 'trim', 'trimEnd', 'trimStart', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'concat', 'toString', 'normalize', 'padEnd', 'padStart', 'valueOf']);

function resolveCall(node: TSESTree.CallExpression, context: AnalysisContext, state: State): Value {
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

function resolveNew(node: TSESTree.NewExpression, context: AnalysisContext, state: State): Value {
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

/** `new URL(path, base)` on partially known strings: an absolute path replaces the base's path. */
function joinUrl(path: Value, base: Value, node: TSESTree.Node): Value {
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

function applyStringMethod(value: Value, method: string, node: TSESTree.CallExpression, context: AnalysisContext, state: State): Value {
  if (value.kind !== 'string') return unknown(node);
  const args = node.arguments.map((argument) => argument);
  const known = getKnownString(value);
  const argumentText = (index: number) => (args[index] ? getKnownString(resolve(args[index]!, context, state)) : undefined);
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
        return stringValue([method === 'replace' ? known.replace(pattern, replacement) : known.replaceAll(pattern as string, replacement)], node, value.trail);
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
