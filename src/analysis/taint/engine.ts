/**
 * The TaintEngine core: queries and budgets, evaluation per node type, identifiers and variables,
 * parameters and callbacks, imports/exports, members and `this`, calls, returns, `new` and objects.
 * Sources, builtins, callees and log helpers are functions in the sibling modules that take the engine.
 */
import { type TSESTree, ASTUtils } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { KEY_HEADER, KEY_ID_HEADER } from '../../core/api-model.js';
import type { Redacted } from '../../core/key.js';
import { findEnclosingClass } from '../ast.js';
import { getClassIndex, getReturns } from '../file-index.js';
import { getClient, type ClientName } from '../http-clients.js';
import { resolveModuleFile } from '../module-graph.js';
import { hasKeySourceInReach, moduleMayHoldKey } from '../relevance.js';
import { findLintedFileEvidence } from '../context.js';
import { findUnitOf, findVariableFor, getKnownString, getMemberName, getOptions, getPatternSteps, getStaticPropertyName, isEnvObject, resolveValue, type AnalysisContext, type FunctionNode } from '../static-value.js';
import { SANITIZING_FUNCTIONS, STRINGIFYING_FUNCTIONS, evaluateBuiltin, evaluateConstructor, evaluateMethod, findConfigLoaderSource, isHashChain } from './builtins.js';
import { evaluateExport, evaluateImport, findCalleeUncached, isIdentifier, isObjectAssign, getLastName } from './callees.js';
import { type ParamRef, type Taint, findConcreteLeaf, makeObject, arrayOf, union, readProperty, elementOf, stringify, signatureOf } from './lattice.js';
import { type LogHelper, getHelper, applyRef } from './log-helpers.js';
import { getKeyReach, type KeyReach } from './reach.js';
import { declaredBindingTaint, declaredValueTaint, isDeclaredObject } from './declared-types.js';
import { isOpaqueExpression, isKnownStructure, literalTaint, parameterEvidence, evaluateCatchParameter, httpErrorOfChain, httpResponseTaint, findKeyedHttpRequest, isRegenerateCall, regenerateTaint, leafEvidence, wholeEnvironmentTaint, typeEvidence } from './sources.js';

export interface Env {
  /** Argument taints of the calls being evaluated, by function. */
  args: ReadonlyMap<TSESTree.Node, readonly (Taint | undefined)[]>;
  depth: number;
}

export const ROOT: Env = { args: new Map(), depth: 0 };
const MAX_DEPTH = 80;
const STEP_BUDGET = 8_000;
/** Steps one file may take in all: a safety valve that keeps a pathological file bounded. */
const FILE_STEP_BUDGET = 400_000;
const MAX_CALL_DEPTH = 6;

const ARRAY_CALLBACK_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every']);
const EVENT_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
const engines = new WeakMap<AnalysisContext, TaintEngine>();

/** The engine of one linted file (caches live as long as the file's analysis context). */
export function getTaintEngine(context: AnalysisContext): TaintEngine {
  let engine = engines.get(context);
  if (!engine) {
    engine = new TaintEngine(context);
    engines.set(context, engine);
  }
  return engine;
}

export class TaintEngine {
  // Members without `private` (and `context`) are internal to taint/: the method groups in sources, builtins, callees and log-helpers take the engine.
  private readonly nodeCache = new Map<TSESTree.Node, Taint | null>();
  private readonly nodesInProgress = new Set<TSESTree.Node>();
  private readonly variableCache = new Map<Scope.Variable, Taint | null>();
  private readonly variablesInProgress = new Set<Scope.Variable>();
  private readonly callCache = new Map<TSESTree.Node, Map<string, Taint | null>>();
  private readonly activeCalls = new Set<TSESTree.Node>();
  readonly helperCache = new Map<TSESTree.Node, LogHelper | null>();
  readonly mayLogCache = new Map<TSESTree.Node, boolean>();
  readonly helpersInProgress = new Set<TSESTree.Node>();
  private readonly calleeCache = new Map<TSESTree.Node, FunctionNode | null>();
  /** `skipped`: a declaration was left out because no key source can flow into its module. */
  private readonly keyModuleCalleeCache = new Map<TSESTree.Node, { fn: FunctionNode | undefined; skipped: boolean }>();
  readonly regenerateCache = new Map<TSESTree.Node, boolean>();
  readonly keyedRequestCaches: Array<Map<TSESTree.Node, ClientName | null>> = [];
  readonly declaredTypeCache = new Map<TSESTree.Node, Taint | null>();
  environmentKeyNames: string[] | undefined;
  /** Whether a key literal, name, brand or the SDK is in the linted file or its imports (`relevance.ts`); true when not asked. */
  readonly keySourcesInReach: boolean;
  private reach: KeyReach | undefined;
  private steps = 0;
  private fileSteps = 0;
  exhausted = false;
  private depth = 0;

  constructor(readonly context: AnalysisContext) {
    const evidence = findLintedFileEvidence(context.unit.ast);
    this.keySourcesInReach = !evidence || hasKeySourceInReach(evidence);
  }

  /** The taint of `node` (an expression), or undefined when it holds no full key. */
  taintOf(node: TSESTree.Node): Taint | undefined {
    return this.query(() => this.evaluate(node, ROOT));
  }

  /** The taint a sink receives through `argument` (a spread is the array it spreads). */
  taintOfArgument(argument: TSESTree.Node): Taint | undefined {
    if (!this.mayCarryKey(argument)) return undefined;
    return this.taintOf(argument.type === 'SpreadElement' ? argument.argument : argument);
  }

  /** False when no key source of the file can reach `node` (`reach.ts`): it need not be evaluated. */
  mayCarryKey(node: TSESTree.Node): boolean {
    return this.reachOf().mayCarry(node);
  }

  private reachOf(): KeyReach {
    return (this.reach ??= getKeyReach(this.context));
  }

  /** When `call` calls a function that passes some of its parameters to a log sink: which, and how. */
  findLogHelper(call: TSESTree.CallExpression): LogHelper | undefined {
    return this.query(() => {
      const fn = this.findCallee(call);
      if (!fn) return undefined;
      const helper = getHelper(this, fn);
      return helper && helper.params.size > 0 ? helper : undefined;
    });
  }

  /** What a helper's sink receives for these call arguments. */
  applyHelperParameter(ref: ParamRef, args: readonly TSESTree.CallExpressionArgument[]): Taint | undefined {
    return this.query(() => applyRef(this, ref, this.evaluateArguments(args, ROOT)));
  }

  private query<T>(run: () => T): T {
    const outermost = this.depth === 0;
    if (outermost) {
      this.steps = 0;
      this.exhausted = false;
    }
    this.depth++;
    try {
      return run();
    } finally {
      this.depth--;
    }
  }

  // ——— evaluation ———

  evaluate(node: TSESTree.Node, env: Env): Taint | undefined {
    if (++this.steps > STEP_BUDGET || ++this.fileSteps > FILE_STEP_BUDGET || env.depth > MAX_DEPTH) {
      this.exhausted = true;
      return undefined;
    }
    const cacheable = env.args.size === 0;
    if (cacheable) {
      const cached = this.nodeCache.get(node);
      if (cached !== undefined) return cached ?? undefined;
      if (this.nodesInProgress.has(node)) return undefined;
      this.nodesInProgress.add(node);
    }
    let result: Taint | undefined;
    try {
      result = this.evaluateUncached(node, { args: env.args, depth: env.depth + 1 });
    } finally {
      if (cacheable) this.nodesInProgress.delete(node);
    }
    if (cacheable && !this.exhausted) this.nodeCache.set(node, result ?? null);
    return result;
  }

  private evaluateUncached(node: TSESTree.Node, env: Env): Taint | undefined {
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? literalTaint(this, node.value, node) : undefined;
      case 'TemplateLiteral': {
        let result: Taint | undefined;
        for (const quasi of node.quasis) result = union(result, literalTaint(this, quasi.value.cooked ?? quasi.value.raw, node));
        for (const expression of node.expressions) result = union(result, stringify(this.evaluate(expression, env)));
        return result;
      }
      case 'TaggedTemplateExpression':
        if (node.tag.type === 'MemberExpression' && isIdentifier(node.tag.object, 'String')) return this.evaluate(node.quasi, env);
        return undefined;
      case 'BinaryExpression':
        if (node.operator !== '+') return undefined;
        return union(stringify(this.evaluate(node.left, env)), stringify(this.evaluate(node.right, env)));
      case 'LogicalExpression':
        if (node.operator === '&&') return this.evaluate(node.right, env);
        return union(this.evaluate(node.left, env), this.evaluate(node.right, env));
      case 'ConditionalExpression':
        return union(this.evaluate(node.consequent, env), this.evaluate(node.alternate, env));
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        return this.evaluate(node.expression, env);
      case 'AwaitExpression':
        return this.evaluate(node.argument, env);
      case 'SequenceExpression':
        return this.evaluate(node.expressions[node.expressions.length - 1]!, env);
      case 'AssignmentExpression':
        return this.evaluate(node.right, env);
      case 'SpreadElement':
        return this.evaluate(node.argument, env);
      case 'Identifier':
        return this.evaluateIdentifier(node, env);
      case 'MemberExpression':
        return this.evaluateMember(node, env);
      case 'CallExpression':
        return this.evaluateCall(node, env);
      case 'NewExpression':
        return evaluateConstructor(this, node, env);
      case 'ObjectExpression':
        return this.evaluateObject(node, env);
      case 'ArrayExpression': {
        const fields = new Map<string, Taint>();
        let rest: Taint | undefined;
        node.elements.forEach((element, index) => {
          if (!element) return;
          const taint = this.evaluate(element, env);
          if (!taint) return;
          if (element.type === 'SpreadElement') rest = union(rest, taint.shape === 'object' ? elementOf(taint) : taint);
          else fields.set(String(index), taint);
        });
        return makeObject(fields, rest, true);
      }
      default:
        // `!key`, `typeof key`, `key === x`, `key.length > 0`: no key text survives.
        return undefined;
    }
  }

  // ——— identifiers and variables ———

  private evaluateIdentifier(node: TSESTree.Identifier, env: Env): Taint | undefined {
    if (node.name === 'undefined') return undefined;
    const variable = findVariableFor(node, this.context);
    if (!variable || variable.defs.length === 0) return undefined;
    const definition = variable.defs[0]!;
    switch (definition.type) {
      case 'Variable': {
        const taint = this.evaluateVariable(variable, env);
        if (taint) return taint;
        const declarator = definition.node;
        if (!declarator.init || isOpaqueExpression(this, declarator.init)) return leafEvidence(this, node);
        // `const config: PilotConfig = loadConfig() as PilotConfig`: a value the engine does not know, a type that says key
        return isKnownStructure(this, declarator.init) ? undefined : declaredValueTaint(this, node);
      }
      case 'Parameter':
        return this.evaluateParameter(definition.name as TSESTree.Identifier, definition.node as FunctionNode, env);
      case 'CatchClause':
        return evaluateCatchParameter(this, definition.node);
      case 'ImportBinding':
        return evaluateImport(this, definition.node as TSESTree.ImportClause, definition.parent as TSESTree.ImportDeclaration, node);
      default:
        return undefined;
    }
  }

  evaluateVariable(variable: Scope.Variable, env: Env): Taint | undefined {
    const cacheable = env.args.size === 0;
    if (cacheable) {
      const cached = this.variableCache.get(variable);
      if (cached !== undefined) return cached ?? undefined;
      if (this.variablesInProgress.has(variable)) return undefined;
      this.variablesInProgress.add(variable);
    }
    let result: Taint | undefined;
    try {
      result = this.evaluateVariableUncached(variable, env);
    } finally {
      if (cacheable) this.variablesInProgress.delete(variable);
    }
    if (cacheable && !this.exhausted) this.variableCache.set(variable, result ?? null);
    return result;
  }

  private evaluateVariableUncached(variable: Scope.Variable, env: Env): Taint | undefined {
    const definition = variable.defs[0]!;
    const declarator = definition.node as TSESTree.VariableDeclarator;
    const name = definition.name as TSESTree.Identifier;
    const declaration = declarator.parent;
    const loop = declaration?.parent;
    let initial: Taint | undefined;
    if (loop && (loop.type === 'ForOfStatement' || loop.type === 'ForInStatement') && loop.left === declaration) {
      initial = loop.type === 'ForOfStatement' ? elementOf(this.evaluate(loop.right, env)) : undefined;
    } else if (declarator.init) {
      initial = this.evaluate(declarator.init, env);
    }
    let result = declarator.id === name ? initial : this.selectFromPattern(initial, declarator.id, name, env);
    const fields = new Map<string, Taint>();
    let rest: Taint | undefined;
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier;
      const parent = identifier.parent;
      if (!parent) continue;
      if (reference.isWrite()) {
        if (parent.type === 'AssignmentExpression' && parent.left === identifier) {
          const value = this.evaluate(parent.right, env);
          result = union(result, parent.operator === '+=' ? stringify(value) : parent.operator === '=' || parent.operator.length === 3 ? value : undefined);
        }
        continue;
      }
      // mutations of an object held by the variable
      if (parent.type === 'MemberExpression' && parent.object === identifier) {
        const grand = parent.parent;
        if (grand?.type === 'AssignmentExpression' && grand.left === parent) {
          const key = getMemberName(parent, this.context);
          const value = this.fieldTaint(key, grand.right, env);
          if (value && key !== undefined) fields.set(key, union(fields.get(key), value)!);
          else if (value) rest = union(rest, value);
        } else if (grand?.type === 'CallExpression' && grand.callee === parent) {
          const method = getMemberName(parent, this.context);
          if ((method === 'set' || method === 'append') && grand.arguments.length >= 2) {
            const key = getKnownString(resolveValue(grand.arguments[0]!, this.context));
            const value = this.fieldTaint(key, grand.arguments[1]!, env);
            if (value && key !== undefined) fields.set(key, union(fields.get(key), value)!);
            else if (value) rest = union(rest, value);
          } else if (method === 'push' || method === 'unshift' || method === 'add') {
            for (const argument of grand.arguments) rest = union(rest, this.evaluate(argument, env));
          }
        }
      } else if (parent.type === 'CallExpression' && parent.arguments[0] === identifier && isObjectAssign(parent.callee)) {
        for (const argument of parent.arguments.slice(1)) {
          const value = this.evaluate(argument, env);
          if (value?.shape === 'object') {
            for (const [key, field] of value.fields ?? []) fields.set(key, union(fields.get(key), field)!);
            rest = union(rest, value.rest);
          } else {
            rest = union(rest, value);
          }
        }
      }
    }
    const mutations = makeObject(fields, rest, false);
    return mutations ? union(result, mutations) : result;
  }

  /** The taint a property gets from its value; a key header's value is the key whatever it looks like. */
  private fieldTaint(key: string | undefined, valueNode: TSESTree.Node, env: Env): Taint | undefined {
    const value = this.evaluate(valueNode, env);
    const lower = key?.toLowerCase();
    if (lower !== KEY_HEADER && lower !== KEY_ID_HEADER) return value;
    if (value && value.shape !== 'param') return value;
    const resolved = resolveValue(valueNode, this.context);
    if (getOptions(resolved).every((option) => getKnownString(option) !== undefined || option.kind === 'primitive')) return value;
    return { shape: 'string', source: { kind: 'header', label: `the \`${lower}\` header value` as Redacted, node: valueNode } };
  }

  /** `const { a: { b = d } } = init`: the part of `initial` bound to `name` (`...rest` keeps everything not named before it). */
  private selectFromPattern(initial: Taint | undefined, pattern: TSESTree.Node, name: TSESTree.Identifier, env: Env): Taint | undefined {
    const { steps, outerDefault } = getPatternSteps(pattern, name);
    let value = initial;
    for (const step of steps) {
      const key = step.property ? getStaticPropertyName(step.property, this.context) : String(step.index);
      value = readProperty(value, key ?? '*');
      if (step.defaultValue) value = union(value, this.evaluate(step.defaultValue, env));
    }
    if (outerDefault) value = union(value, this.evaluate(outerDefault, env));
    return value;
  }

  private evaluateParameter(name: TSESTree.Identifier, fn: FunctionNode, env: Env): Taint | undefined {
    const index = fn.params.findIndex((param) => param.range[0] <= name.range[0] && name.range[1] <= param.range[1]);
    if (index < 0) return undefined;
    let param: TSESTree.Node = fn.params[index]!;
    if (param.type === 'TSParameterProperty') param = param.parameter;
    const rest = param.type === 'RestElement';
    const root = rest ? (param as TSESTree.RestElement).argument : param;
    const bound = env.args.get(fn);
    if (bound) {
      let base = rest ? arrayOf(bound.slice(index)) : bound[index];
      if (!base && param.type === 'AssignmentPattern' && bound.length <= index) base = this.evaluate(param.right, env);
      return this.selectFromPattern(base, root, name, env);
    }
    const contextual = this.evaluateCallbackParameter(fn, index, env);
    if (contextual) return this.selectFromPattern(contextual, root, name, env);
    const evidence = parameterEvidence(this, name);
    if (evidence) return evidence;
    // `config: PilotConfig`: the declared type says which fields hold the key
    const declared = declaredBindingTaint(this, root);
    if (declared) return this.selectFromPattern(declared, root, name, env);
    const symbolic: Taint = {
      shape: 'param',
      source: { kind: 'parameter', label: `parameter \`${name.name}\`` as Redacted, node: name },
      param: { fn, index, rest, path: [], conversion: 'none' },
    };
    return this.selectFromPattern(symbolic, root, name, env);
  }

  /** Parameters of callbacks whose caller is known: `.then`, `.catch`, event listeners, array methods, response callbacks. */
  private evaluateCallbackParameter(fn: FunctionNode, index: number, env: Env): Taint | undefined {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
    const position = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
    const callee = call.callee;
    if (callee.type === 'MemberExpression') {
      const method = getMemberName(callee, this.context);
      if (method === 'then' && index === 0) return position === 0 ? this.evaluate(callee.object, env) : httpErrorOfChain(this, callee.object);
      if (method === 'catch' && index === 0) return httpErrorOfChain(this, callee.object);
      if (method && EVENT_METHODS.has(method) && position === 1 && index === 0) return this.evaluate(callee.object, env);
      if (method && ARRAY_CALLBACK_METHODS.has(method) && position === 0 && index === 0) return elementOf(this.evaluate(callee.object, env));
      if (method === 'reduce' && position === 0 && index === 1) return elementOf(this.evaluate(callee.object, env));
    }
    if (index === 0 && isRegenerateCall(this, call)) return regenerateTaint(this, call);
    return undefined;
  }

  // ——— members ———

  private evaluateMember(node: TSESTree.MemberExpression, env: Env): Taint | undefined {
    if (isEnvObject(node.object)) return leafEvidence(this, node);
    if (isEnvObject(node)) return wholeEnvironmentTaint(this, node);
    const name = getMemberName(node, this.context) ?? '*';
    if (node.object.type === 'ThisExpression') {
      return this.evaluateThisMember(node, name) ?? leafEvidence(this, node);
    }
    // `import * as config from './config'`: `config.KEY` is the export
    if (node.object.type === 'Identifier') {
      const variable = findVariableFor(node.object, this.context);
      const definition = variable?.defs[0];
      if (definition?.type === 'ImportBinding' && definition.node.type === 'ImportNamespaceSpecifier') {
        const unit = findUnitOf(node, this.context.unit);
        const file = resolveModuleFile(unit.filename, (definition.parent as TSESTree.ImportDeclaration).source.value);
        if (file && name !== '*') return evaluateExport(this, file, name) ?? leafEvidence(this, node);
      }
    }
    const object = this.evaluate(node.object, env);
    if (object) {
      const read = readProperty(object, name);
      return read && findConcreteLeaf(read) ? read : union(read, typeEvidence(this, node));
    }
    // a structure the engine evaluated itself: only a declared key type still says key (with no key
    // source in reach, `leafEvidence` asks nothing else, and the object need not be resolved to say so)
    if (this.keySourcesInReach && isKnownStructure(this, node.object)) return typeEvidence(this, node);
    return leafEvidence(this, node);
  }

  /** `this.name` inside a class: field initialisers, assignments in its methods, parameter properties, getters. */
  private evaluateThisMember(node: TSESTree.MemberExpression, name: string): Taint | undefined {
    const classNode = findEnclosingClass(node);
    const classIndex = classNode && getClassIndex(classNode);
    if (!classNode || !classIndex) return undefined;
    let result: Taint | undefined;
    for (const member of classIndex.members.get(name) ?? []) {
      if (member.kind === 'field' && member.node.value) result = union(result, this.evaluate(member.node.value, ROOT));
      if (member.kind === 'get' && member.node.value.type === 'FunctionExpression') result = union(result, this.evaluateReturn(member.node.value, [], ROOT));
      if (member.kind === 'parameter-property' && classIndex.constructorFunction) {
        result = union(result, this.fromConstructorParameter(this.evaluateParameter(member.target, classIndex.constructorFunction, ROOT), classNode, member.index));
      }
    }
    for (const write of [...(classIndex.thisWrites.get(name) ?? []), ...(classIndex.thisWrites.get('') ?? [])]) {
      if (write.left.type !== 'MemberExpression' || (write.left.computed && getMemberName(write.left, this.context) !== name)) continue;
      result = union(result, this.fromConstructorParameter(this.evaluate(write.right, ROOT), classNode));
    }
    return result;
  }

  /** A constructor parameter seen from a method: the arguments of the `new` calls in the file. */
  private fromConstructorParameter(taint: Taint | undefined, classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, index = taint?.param?.index): Taint | undefined {
    if (taint?.shape !== 'param' || index === undefined) return taint;
    const ref = taint.param!;
    if (ref.fn.parent?.type !== 'MethodDefinition' || ref.fn.parent.kind !== 'constructor') return undefined;
    const nameNode = classNode.id ?? (classNode.parent?.type === 'VariableDeclarator' && classNode.parent.id.type === 'Identifier' ? classNode.parent.id : undefined);
    if (!nameNode) return undefined;
    // the binding outside the class (a class declaration also binds its name inside its own scope)
    const unit = findUnitOf(classNode, this.context.unit);
    let scope: Scope.Scope | null = ASTUtils.getInnermostScope(unit.scopeManager.globalScope as Scope.Scope, nameNode);
    while (scope && scope.block !== classNode) scope = scope.upper;
    const variable = scope?.upper ? ASTUtils.findVariable(scope.upper, nameNode.name) : undefined;
    let result: Taint | undefined;
    for (const reference of variable?.references ?? []) {
      const parent = reference.identifier.parent;
      if (parent?.type === 'NewExpression' && parent.callee === reference.identifier) {
        result = union(result, applyRef(this, ref, this.evaluateArguments(parent.arguments, ROOT)));
      }
    }
    return findConcreteLeaf(result) ? result : undefined;
  }

  // ——— calls ———

  evaluateArguments(args: readonly TSESTree.CallExpressionArgument[], env: Env): (Taint | undefined)[] {
    return args.map((argument) => this.evaluate(argument, env));
  }

  private evaluateCall(node: TSESTree.CallExpression, env: Env): Taint | undefined {
    const callee = node.callee;
    const calleeName = getLastName(callee);
    if (calleeName && (this.context.settings.maskFunctions.includes(calleeName) || SANITIZING_FUNCTIONS.has(calleeName))) return undefined;
    if (isRegenerateCall(this, node)) return regenerateTaint(this, node);
    // An axios response carries its request config: `console.log(res)` prints `config.headers` with the key.
    // (The request itself, not a wrapper around it: asked of every call the taint meets.)
    const keyed = findKeyedHttpRequest(this, node, 1);
    if (keyed && getClient(keyed).responsesCarryRequest) return httpResponseTaint(this, node);
    const configSource = findConfigLoaderSource(this, node, calleeName);
    if (configSource) return configSource;
    const [first] = node.arguments;
    if (callee.type === 'Identifier' && STRINGIFYING_FUNCTIONS.has(callee.name) && !findVariableFor(callee, this.context)?.defs.length) {
      return first ? stringify(this.evaluate(first, env)) : undefined;
    }
    if (callee.type === 'Identifier' && callee.name === 'structuredClone') return first ? this.evaluate(first, env) : undefined;
    if (callee.type === 'MemberExpression') {
      const method = getMemberName(callee, this.context);
      const receiverName = callee.object.type === 'Identifier' ? callee.object.name : undefined;
      const builtin = evaluateBuiltin(this, receiverName, method, node, env);
      if (builtin !== 'not-builtin') return builtin;
      if (method === 'digest' || (method && ['update', 'copy'].includes(method) && isHashChain(callee.object))) return undefined;
      const receiver = this.evaluate(callee.object, env);
      if (receiver && method && !isDeclaredObject(receiver)) return evaluateMethod(this, receiver, method, node, env);
    }
    // A function declared in a module where no key source can flow returns a key only from its
    // arguments: that module is parsed only when one of them carries a key. (A caller's parameter
    // alone, in a helper's summary, is not followed there: a helper that logs what such a function
    // makes of its parameter is missed, rather than every summary parsing the modules it calls.)
    const found = this.findCalleeInKeyModule(node);
    let fn = found.fn;
    let args: (Taint | undefined)[] | undefined;
    if (!fn && found.skipped) {
      args = this.evaluateArguments(node.arguments, env);
      if (args.some((arg) => findConcreteLeaf(arg) !== undefined)) fn = this.findCallee(node);
    }
    if (fn) return this.evaluateReturn(fn, args ?? this.evaluateArguments(node.arguments, env), env);
    return leafEvidence(this, node);
  }

  /** The return taint of `fn` for these argument taints (memoised per function and signature). */
  evaluateReturn(fn: FunctionNode, args: readonly (Taint | undefined)[], env: Env): Taint | undefined {
    if (this.activeCalls.has(fn) || this.activeCalls.size >= MAX_CALL_DEPTH) return undefined;
    const cacheable = env.args.size === 0;
    const signature = args.map(signatureOf).join('|');
    let byFunction = this.callCache.get(fn);
    if (cacheable && byFunction?.has(signature)) return byFunction.get(signature) ?? undefined;
    this.activeCalls.add(fn);
    let result: Taint | undefined;
    try {
      const inner: Env = { args: new Map(env.args).set(fn, args), depth: env.depth + 1 };
      for (const returned of getReturns(fn)) result = union(result, this.evaluate(returned, inner));
    } finally {
      this.activeCalls.delete(fn);
    }
    if (cacheable && !this.exhausted) {
      if (!byFunction) this.callCache.set(fn, (byFunction = new Map<string, Taint | null>()));
      byFunction.set(signature, result ?? null);
    }
    return result;
  }

  private evaluateObject(node: TSESTree.ObjectExpression, env: Env): Taint | undefined {
    const fields = new Map<string, Taint>();
    let rest: Taint | undefined;
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        const spread = this.evaluate(property.argument, env);
        if (spread?.shape === 'object') {
          for (const [key, field] of spread.fields ?? []) fields.set(key, field);
          rest = union(rest, spread.rest);
        } else if (spread && spread.shape !== 'string') {
          rest = union(rest, spread);
        }
        continue;
      }
      if (property.kind !== 'init' || property.method) continue;
      const key = !property.computed
        ? property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined
        : getKnownString(resolveValue(property.key, this.context));
      const value = this.fieldTaint(key, property.value, env);
      if (!value) continue;
      if (key === undefined) rest = union(rest, value);
      else fields.set(key, value);
    }
    return makeObject(fields, rest, false);
  }

  // ——— callees ———

  /** `findCallee`, but a declaration in another module only where a key source can flow (`moduleMayHoldKey`); says whether one was left out. */
  findCalleeInKeyModule(call: TSESTree.CallExpression): { fn: FunctionNode | undefined; skipped: boolean } {
    const cached = this.keyModuleCalleeCache.get(call);
    if (cached) return cached;
    const settings = this.context.settings;
    let skipped = false;
    const accept = (file: string) => {
      if (moduleMayHoldKey(file, settings)) return true;
      skipped = true;
      return false;
    };
    // Where only this file says key, the checker can lead nowhere else that makes one: to a function
    // of this file (which has the name) or to a key-free module (whose functions are `skipped`).
    const name = getLastName(call.callee);
    const useTypes = name === undefined || this.reachOf().mayCallKeyFunction(name);
    const fn = this.calleeCache.get(call) ?? findCalleeUncached(this, call, accept, useTypes);
    const found = { fn, skipped: skipped || (!fn && !useTypes) };
    this.keyModuleCalleeCache.set(call, found);
    return found;
  }

  /** The function a call runs: local, imported (module graph), a class method, or (with types) its declaration elsewhere. */
  findCallee(call: TSESTree.CallExpression, acceptModule?: (file: string) => boolean, useTypes = true): FunctionNode | undefined {
    // a filtered question has its own answer: not cached with the unfiltered ones
    if (acceptModule || !useTypes) return findCalleeUncached(this, call, acceptModule, useTypes);
    const cached = this.calleeCache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const fn = findCalleeUncached(this, call);
    this.calleeCache.set(call, fn ?? null);
    return fn;
  }
}
