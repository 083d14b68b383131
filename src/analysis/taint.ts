/**
 * A small, demand-driven taint engine: sources → propagation → sanitizers → sinks.
 *
 * Asked backwards from a sink argument: "does this expression hold a full PilotStatus key, and where
 * does it come from?" The answer is a `Taint` (its shape and its source) or `undefined`.
 *
 * - Sources: `ps_` literals, env vars / config values / bindings named like PilotStatus keys, key brand
 *   types (with type information) — all through `findKeyEvidence`; the value of an `x-api-key` /
 *   `x-api-key-id` header (so any headers object or request config holding one); the response of
 *   `POST /v1/api-keys/regenerate`; axios / got / ky errors caught around a request that sent a key.
 * - Propagation: `const`/`let` chains and writes, destructuring, templates, `+`, `String()`,
 *   `JSON.stringify`, object and array literals and spread, mutations (`headers['x-api-key'] = …`,
 *   `.set()`), property reads, `await`, `.then` and event callbacks, class fields, function parameters
 *   and returns (bound per call, memoised per function and argument signature), relative imports, and
 *   with type information the callee's declaration in another module.
 * - Sanitizers: `.length`, comparisons, `!`, `typeof`, `Boolean()`; slices and replacements, decided by
 *   applying them to a sample key and checking that no run of more than 8 of its characters survives;
 *   hashing; the mask functions of `settings.pilotstatus.maskFunctions`.
 *
 * A parameter that nothing binds is symbolic (`shape: 'param'`): a sink that receives one makes the
 * function a log helper, reported where it is called with a key (`findLogHelper`).
 *
 * Bounded: a step budget per question and a depth limit; results are cached per node and per variable
 * outside bound calls.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { ASTUtils } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type * as ts from 'typescript';
import { KEY_HEADER, KEY_ID_HEADER, REGENERATE_PATH, trimTrailingSlashes } from '../core/api-model.js';
import { findKeys, type Redacted } from '../core/key.js';
import { isKeyIdName, isPilotStatusKeyName } from '../core/names.js';
import { findEnclosingClass, getStaticKeyName, isFunctionNode, type ClassNode } from './ast.js';
import { callsWithin, getClassIndex, getFileIndex, getReturns, throwsWithin } from './file-index.js';
import { getClient, type ClientName } from './http-clients.js';
import { findKeyEvidence, type KeyEvidence } from './key-value.js';
import { findLogSink, findThrowSink, type LogSink } from './log-sinks.js';
import { findExport, loadUnit, resolveModuleFile, type ModuleUnit } from './module-graph.js';
import { findApiTarget, findRequest, hasKeyHeader } from './request-model.js';
import {
  findUnitOf,
  findVariableFor,
  getKnownString,
  getMemberName,
  getOptions,
  getPatternSteps,
  getPatternText,
  getStaticPropertyName,
  isEnvObject,
  registerUnit,
  resolveValue,
  walk,
  type AnalysisContext,
  type FunctionNode,
  type Value,
} from './static-value.js';

export type SourceKind = 'literal' | 'env' | 'name' | 'type' | 'header' | 'regenerate' | 'http-error' | 'http-response' | 'parameter';

export interface TaintSource {
  kind: SourceKind;
  /** Printable, redacted: `` `process.env.PILOTSTATUS_API_KEY` ``, "the `x-api-key` header value". */
  label: Redacted;
  node: TSESTree.Node;
}

/** A symbolic parameter: `fn`'s parameter `index`, read along `path`, then converted. */
export interface ParamRef {
  fn: FunctionNode;
  index: number;
  rest: boolean;
  /** Property reads (`*`: any element or property). */
  path: readonly string[];
  conversion: 'none' | 'string' | 'json';
}

export interface Taint {
  /**
   * `string`: the value is (or contains) the key text. `object`: known properties hold taint.
   * `opaque`: an object of unknown structure that holds the key (a response body, a config).
   * `error`: an HTTP client error whose config holds the key (its message does not).
   * `param`: a parameter nothing binds.
   */
  shape: 'string' | 'object' | 'opaque' | 'error' | 'param';
  source: TaintSource;
  fields?: ReadonlyMap<string, Taint>;
  /** Taint of the part of an object whose keys are unknown (a spread of an opaque value). */
  rest?: Taint;
  array?: boolean;
  param?: ParamRef;
}

export interface LogHelper {
  fn: FunctionNode;
  /** Parameter index → how the parameter reaches a sink, and which sink. */
  params: ReadonlyMap<number, { ref: ParamRef; innerSink: string }>;
}

interface Env {
  /** Argument taints of the calls being evaluated, by function. */
  args: ReadonlyMap<TSESTree.Node, readonly (Taint | undefined)[]>;
  depth: number;
}

const ROOT: Env = { args: new Map(), depth: 0 };
const MAX_DEPTH = 80;
const STEP_BUDGET = 8_000;
/** Steps one file may take in all: a safety valve that keeps a pathological file bounded. */
const FILE_STEP_BUDGET = 400_000;
const MAX_CALL_DEPTH = 6;

/** Fields of a response or body that never hold the key. */
const NON_KEY_FIELD = /^(?:status|statusCode|statusText|ok|length|size|type|redirected|bodyUsed|url|headers|message|error|errors|code|scope|prefix|preview|masked|last4|hint|\w*(?:At|Date|Time|Count))$/;
/** Properties of an HTTP client error that embed the request (and so the key header). */
const ERROR_REQUEST_FIELDS = new Set(['config', 'request', 'options', 'toJSON']);
const CLEAN_METHODS = new Set([
  'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'search', 'match', 'matchAll', 'localeCompare',
  'charCodeAt', 'codePointAt', 'test', 'has', 'isWellFormed', 'keys', 'forEach', 'some', 'every', 'findIndex', 'findLastIndex',
  'digest', 'getTime', 'toISOString',
]);
const SAMPLED_METHODS = new Set(['slice', 'substring', 'substr', 'at', 'charAt', 'replace', 'replaceAll', 'split']);
const ARRAY_CALLBACK_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every']);
const EVENT_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
const SANITIZING_FUNCTIONS = new Set(['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);
const STRINGIFYING_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'escape', 'unescape', 'decodeURIComponent', 'decodeURI', 'btoa']);
const CONFIG_GETTERS = /^(?:get|getOrThrow|getString|require|requireEnv|env|getEnv|readEnv|mustGetEnv|getSecret|secret)$/;
const REGENERATE_IN_TEXT = /(?:^|\/)api-keys\/regenerate\/?(?:[?#]|$)/;

// A sample key, built at run time (no key-shaped literal in the source), for deciding whether a
// slice or a replacement keeps more than 8 consecutive characters of the key.
const SAMPLE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SAMPLE_KEY = ['p', 's', '_live_'].join('') + Array.from({ length: 40 }, (_, index) => SAMPLE_ALPHABET[(index * 7 + 3) % 62]).join('');
const MAX_SAFE_RUN = 8;
/** Method names of every logger family the sinks know (console, pino, winston, Nest, streams…). */
const LOG_METHOD_NAMES = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'dir', 'table', 'fatal', 'verbose', 'silly', 'notice', 'success', 'fail', 'write', 'print', 'critical', 'alert', 'emerg', 'http', 'child', 'reject']);

/** True when `text` still holds more than `MAX_SAFE_RUN` consecutive characters of the sample key. */
function retainsSample(text: string): boolean {
  const haystack = text.toLowerCase();
  const sample = SAMPLE_KEY.toLowerCase();
  for (let start = 0; start + MAX_SAFE_RUN < sample.length; start++) {
    if (haystack.includes(sample.slice(start, start + MAX_SAFE_RUN + 1))) return true;
  }
  return false;
}

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

/** The first leaf that comes from a real source (not a symbolic parameter). */
export function findConcreteLeaf(taint: Taint | undefined, depth = 0): Taint | undefined {
  if (!taint || depth > 6) return undefined;
  if (taint.shape === 'param') return undefined;
  if (taint.shape !== 'object') return taint;
  for (const field of taint.fields?.values() ?? []) {
    const leaf = findConcreteLeaf(field, depth + 1);
    if (leaf) return leaf;
  }
  return findConcreteLeaf(taint.rest, depth + 1);
}

/** The symbolic parameter of `fn` somewhere in `taint`, if any. */
function findParamLeaf(taint: Taint | undefined, fn: FunctionNode, depth = 0): ParamRef | undefined {
  if (!taint || depth > 6) return undefined;
  if (taint.shape === 'param') return taint.param?.fn === fn ? taint.param : undefined;
  if (taint.shape !== 'object') return undefined;
  for (const field of taint.fields?.values() ?? []) {
    const found = findParamLeaf(field, fn, depth + 1);
    if (found) return found;
  }
  return findParamLeaf(taint.rest, fn, depth + 1);
}

/**
 * True when pino's `redact` paths cover every place of `taint` that holds the key. A string (the
 * message) is never covered: pino redacts properties of the merged object only.
 */
export function isCoveredByRedaction(taint: Taint, paths: readonly (readonly string[])[]): boolean {
  const leaves: string[][] = [];
  const collect = (current: Taint, prefix: string[], depth: number): void => {
    if (depth > 6) {
      leaves.push([...prefix, '?']);
      return;
    }
    if (current.shape === 'object') {
      for (const [key, field] of current.fields ?? []) collect(field, [...prefix, key], depth + 1);
      if (current.rest) leaves.push([...prefix, '?']);
      return;
    }
    if (current.shape !== 'param') leaves.push(prefix);
  };
  collect(taint, [], 0);
  return leaves.every((leaf) =>
    paths.some((path) => path.length > 0 && path.length <= leaf.length && path.every((segment, index) => leaf[index] !== '?' && (segment === '*' || segment === leaf[index]))),
  );
}

export class TaintEngine {
  private readonly nodeCache = new Map<TSESTree.Node, Taint | null>();
  private readonly nodesInProgress = new Set<TSESTree.Node>();
  private readonly variableCache = new Map<Scope.Variable, Taint | null>();
  private readonly variablesInProgress = new Set<Scope.Variable>();
  private readonly callCache = new Map<TSESTree.Node, Map<string, Taint | null>>();
  private readonly activeCalls = new Set<TSESTree.Node>();
  private readonly helperCache = new Map<TSESTree.Node, LogHelper | null>();
  private readonly mayLogCache = new Map<TSESTree.Node, boolean>();
  private readonly helpersInProgress = new Set<TSESTree.Node>();
  private readonly calleeCache = new Map<TSESTree.Node, FunctionNode | null>();
  private readonly regenerateCache = new Map<TSESTree.Node, boolean>();
  private readonly keyedRequestCaches: Array<Map<TSESTree.Node, ClientName | null>> = [];
  private environmentKeyNames: string[] | undefined;
  private steps = 0;
  private fileSteps = 0;
  private exhausted = false;
  private depth = 0;

  constructor(private readonly context: AnalysisContext) {}

  /** The taint of `node` (an expression), or undefined when it holds no full key. */
  taintOf(node: TSESTree.Node): Taint | undefined {
    return this.query(() => this.evaluate(node, ROOT));
  }

  /** The taint a sink receives through `argument` (a spread is the array it spreads). */
  taintOfArgument(argument: TSESTree.Node): Taint | undefined {
    return this.taintOf(argument.type === 'SpreadElement' ? argument.argument : argument);
  }

  /** When `call` calls a function that passes some of its parameters to a log sink: which, and how. */
  findLogHelper(call: TSESTree.CallExpression): LogHelper | undefined {
    return this.query(() => {
      const fn = this.findCallee(call);
      if (!fn) return undefined;
      const helper = this.getHelper(fn);
      return helper && helper.params.size > 0 ? helper : undefined;
    });
  }

  /** What a helper's sink receives for these call arguments. */
  applyHelperParameter(ref: ParamRef, args: readonly TSESTree.CallExpressionArgument[]): Taint | undefined {
    return this.query(() => this.applyRef(ref, this.evaluateArguments(args, ROOT)));
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

  private evaluate(node: TSESTree.Node, env: Env): Taint | undefined {
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
        return typeof node.value === 'string' ? this.literalTaint(node.value, node) : undefined;
      case 'TemplateLiteral': {
        let result: Taint | undefined;
        for (const quasi of node.quasis) result = union(result, this.literalTaint(quasi.value.cooked ?? quasi.value.raw, node));
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
        return this.evaluateNew(node, env);
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

  private literalTaint(text: string, node: TSESTree.Node): Taint | undefined {
    if (!text.includes('ps_') && !this.context.settings.keyPattern) return undefined;
    const [match] = findKeys(text, { keyPattern: this.context.settings.keyPattern });
    if (!match) return undefined;
    return { shape: 'string', source: { kind: 'literal', label: `the literal \`${match.redacted}\`` as Redacted, node } };
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
        const declarator = definition.node as TSESTree.VariableDeclarator;
        if (!declarator.init || this.isOpaqueExpression(declarator.init)) return this.leafEvidence(node);
        return undefined;
      }
      case 'Parameter':
        return this.evaluateParameter(definition.name as TSESTree.Identifier, definition.node as FunctionNode, env);
      case 'CatchClause':
        return this.evaluateCatchParameter(definition.node as TSESTree.CatchClause);
      case 'ImportBinding':
        return this.evaluateImport(definition.node as TSESTree.ImportClause, definition.parent as TSESTree.ImportDeclaration, node);
      default:
        return undefined;
    }
  }

  private evaluateVariable(variable: Scope.Variable, env: Env): Taint | undefined {
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
    const evidence = this.parameterEvidence(name);
    if (evidence) return evidence;
    const symbolic: Taint = {
      shape: 'param',
      source: { kind: 'parameter', label: `parameter \`${name.name}\`` as Redacted, node: name },
      param: { fn, index, rest, path: [], conversion: 'none' },
    };
    return this.selectFromPattern(symbolic, root, name, env);
  }

  /** A parameter whose name says PilotStatus key, or (with types) whose type is a key brand. */
  private parameterEvidence(name: TSESTree.Identifier): Taint | undefined {
    const value: Value = { kind: 'unknown', origin: undefined, trail: [name.name], node: name };
    const evidence = findKeyEvidence(value, this.context, this.context.typeInfo ? name : undefined);
    return evidence ? this.fromEvidence(evidence, name) : undefined;
  }

  /** Parameters of callbacks whose caller is known: `.then`, `.catch`, event listeners, array methods, response callbacks. */
  private evaluateCallbackParameter(fn: FunctionNode, index: number, env: Env): Taint | undefined {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
    const position = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
    const callee = call.callee;
    if (callee.type === 'MemberExpression') {
      const method = getMemberName(callee, this.context);
      if (method === 'then' && index === 0) return position === 0 ? this.evaluate(callee.object, env) : this.httpErrorOfChain(callee.object);
      if (method === 'catch' && index === 0) return this.httpErrorOfChain(callee.object);
      if (method && EVENT_METHODS.has(method) && position === 1 && index === 0) return this.evaluate(callee.object, env);
      if (method && ARRAY_CALLBACK_METHODS.has(method) && position === 0 && index === 0) return elementOf(this.evaluate(callee.object, env));
      if (method === 'reduce' && position === 0 && index === 1) return elementOf(this.evaluate(callee.object, env));
    }
    if (index === 0 && this.isRegenerateCall(call)) return this.regenerateTaint(call);
    return undefined;
  }

  /** `catch (error)` around a request that sent a key with axios, got or ky. */
  private evaluateCatchParameter(clause: TSESTree.CatchClause): Taint | undefined {
    const tryStatement = clause.parent;
    if (tryStatement?.type !== 'TryStatement') return undefined;
    let client: string | undefined;
    let requestNode: TSESTree.Node | undefined;
    for (const inner of callsWithin(tryStatement.block)) {
      const found = this.findKeyedHttpRequest(inner, 0);
      if (found) {
        client = found;
        requestNode = inner;
        break;
      }
    }
    return client ? this.httpErrorTaint(client, requestNode!) : undefined;
  }

  /** The error of a promise chain rooted in a keyed axios / got / ky request. */
  private httpErrorOfChain(receiver: TSESTree.Node): Taint | undefined {
    let current: TSESTree.Node = receiver;
    for (let depth = 0; depth < 8; depth++) {
      if (current.type === 'AwaitExpression' || current.type === 'ChainExpression' || current.type === 'TSAsExpression') {
        current = current.type === 'AwaitExpression' ? current.argument : current.expression;
        continue;
      }
      if (current.type !== 'CallExpression') return undefined;
      // `api.get(url).json().catch(…)`, `request().then(…).catch(…)`: the request at the root of the chain
      const client = this.findKeyedHttpRequest(current, 0);
      if (client) return this.httpErrorTaint(client, current);
      if (current.callee.type !== 'MemberExpression') return undefined;
      current = current.callee.object;
    }
    return undefined;
  }

  /** Shaped like an HTTP error: only `config` / `request` (and the whole object) hold the key; `data`, `status`… do not. */
  private httpResponseTaint(node: TSESTree.Node): Taint {
    return { shape: 'error', source: { kind: 'http-response', label: 'the `axios` response of a request that sent the key header (its `config.headers`)' as Redacted, node } };
  }

  private httpErrorTaint(client: string, node: TSESTree.Node): Taint {
    return { shape: 'error', source: { kind: 'http-error', label: `the \`${client}\` error of a request that sent the key header` as Redacted, node } };
  }

  /** The client name when `call` is (or wraps, one level deep) an axios / got / ky request with a key header. */
  private findKeyedHttpRequest(call: TSESTree.CallExpression, depth: number): ClientName | undefined {
    // One cache per depth: the answer without wrappers (depth 1) is not the answer with them.
    const cache = (this.keyedRequestCaches[depth] ??= new Map());
    const cached = cache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    cache.set(call, null);
    let found: ClientName | undefined;
    const request = findRequest(call, this.context);
    if (request && getClient(request.client).errorsCarryRequest && hasKeyHeader(request.headers)) found = request.client;
    if (!found && !request && depth < 1) {
      const fn = this.findCallee(call);
      if (fn) {
        for (const inner of fn.body ? callsWithin(fn.body) : []) {
          found = this.findKeyedHttpRequest(inner, depth + 1);
          if (found) break;
        }
      }
    }
    cache.set(call, found ?? null);
    return found;
  }

  private evaluateImport(clause: TSESTree.ImportClause, declaration: TSESTree.ImportDeclaration, use: TSESTree.Identifier): Taint | undefined {
    if (clause.type === 'ImportNamespaceSpecifier') return undefined;
    const importedName = clause.type === 'ImportDefaultSpecifier' ? 'default' : clause.imported.type === 'Identifier' ? clause.imported.name : clause.imported.value;
    const unit = findUnitOf(clause, this.context.unit);
    const file = resolveModuleFile(unit.filename, declaration.source.value);
    if (file) return this.evaluateExport(file, importedName);
    // With type information: the declaration the checker finds (path aliases, package subpaths).
    const typeInfo = this.context.typeInfo;
    if (!typeInfo) return undefined;
    for (const tsDeclaration of typeInfo.getDeclarations(use)) {
      const target = this.findEstreeDeclaration(tsDeclaration);
      if (target?.type === 'Identifier') {
        const variable = findVariableFor(target, this.context);
        if (variable?.defs[0]?.type === 'Variable') return this.evaluateVariable(variable, ROOT);
      }
    }
    return undefined;
  }

  private evaluateExport(file: string, name: string): Taint | undefined {
    const found = findExport(file, name);
    if (!found) return undefined;
    registerUnit(found.unit);
    const entry = found.entry;
    if (entry.kind === 'expression') return this.evaluate(entry.node, ROOT);
    if (entry.node.type !== 'Identifier') return undefined;
    const variable = findVariableFor(entry.node, this.context);
    if (!variable || variable.defs.length === 0) return undefined;
    if (variable.defs[0]!.type === 'Variable') {
      const taint = this.evaluateVariable(variable, ROOT);
      if (taint) return taint;
      const declarator = variable.defs[0]!.node as TSESTree.VariableDeclarator;
      return !declarator.init || this.isOpaqueExpression(declarator.init) ? this.leafEvidence(variable.defs[0]!.name as TSESTree.Identifier) : undefined;
    }
    if (variable.defs[0]!.type === 'ImportBinding') {
      return this.evaluateImport(variable.defs[0]!.node as TSESTree.ImportClause, variable.defs[0]!.parent as TSESTree.ImportDeclaration, entry.node);
    }
    return undefined;
  }

  // ——— members ———

  private evaluateMember(node: TSESTree.MemberExpression, env: Env): Taint | undefined {
    if (isEnvObject(node.object)) return this.leafEvidence(node);
    if (isEnvObject(node)) return this.wholeEnvironmentTaint(node);
    const name = getMemberName(node, this.context) ?? '*';
    if (node.object.type === 'ThisExpression') {
      return this.evaluateThisMember(node, name) ?? this.leafEvidence(node);
    }
    // `import * as config from './config'`: `config.KEY` is the export
    if (node.object.type === 'Identifier') {
      const variable = findVariableFor(node.object, this.context);
      const definition = variable?.defs[0];
      if (definition?.type === 'ImportBinding' && definition.node.type === 'ImportNamespaceSpecifier') {
        const unit = findUnitOf(node, this.context.unit);
        const file = resolveModuleFile(unit.filename, (definition.parent as TSESTree.ImportDeclaration).source.value);
        if (file && name !== '*') return this.evaluateExport(file, name) ?? this.leafEvidence(node);
      }
    }
    const object = this.evaluate(node.object, env);
    if (object) {
      const read = readProperty(object, name);
      return read && findConcreteLeaf(read) ? read : union(read, this.typeEvidence(node));
    }
    // a structure the engine evaluated itself: only a declared key type still says key
    if (this.isKnownStructure(node.object)) return this.typeEvidence(node);
    return this.leafEvidence(node);
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
        result = union(result, this.applyRef(ref, this.evaluateArguments(parent.arguments, ROOT)));
      }
    }
    return findConcreteLeaf(result) ? result : undefined;
  }

  // ——— calls ———

  private evaluateArguments(args: readonly TSESTree.CallExpressionArgument[], env: Env): (Taint | undefined)[] {
    return args.map((argument) => this.evaluate(argument, env));
  }

  private evaluateCall(node: TSESTree.CallExpression, env: Env): Taint | undefined {
    const callee = node.callee;
    const calleeName = getLastName(callee);
    if (calleeName && (this.context.settings.maskFunctions.includes(calleeName) || SANITIZING_FUNCTIONS.has(calleeName))) return undefined;
    if (this.isRegenerateCall(node)) return this.regenerateTaint(node);
    // An axios response carries its request config: `console.log(res)` prints `config.headers` with the key.
    // (The request itself, not a wrapper around it: asked of every call the taint meets.)
    const keyed = this.findKeyedHttpRequest(node, 1);
    if (keyed && getClient(keyed).responsesCarryRequest) return this.httpResponseTaint(node);
    const configSource = this.findConfigLoaderSource(node, calleeName);
    if (configSource) return configSource;
    const [first] = node.arguments;
    if (callee.type === 'Identifier' && STRINGIFYING_FUNCTIONS.has(callee.name) && !findVariableFor(callee, this.context)?.defs.length) {
      return first ? stringify(this.evaluate(first, env)) : undefined;
    }
    if (callee.type === 'Identifier' && callee.name === 'structuredClone') return first ? this.evaluate(first, env) : undefined;
    if (callee.type === 'MemberExpression') {
      const method = getMemberName(callee, this.context);
      const receiverName = callee.object.type === 'Identifier' ? callee.object.name : undefined;
      const builtin = this.evaluateBuiltin(receiverName, method, node, env);
      if (builtin !== 'not-builtin') return builtin;
      if (method === 'digest' || (method && ['update', 'copy'].includes(method) && isHashChain(callee.object))) return undefined;
      const receiver = this.evaluate(callee.object, env);
      if (receiver && method) return this.evaluateMethod(receiver, method, node, env);
    }
    const fn = this.findCallee(node);
    if (fn) return this.evaluateReturn(fn, this.evaluateArguments(node.arguments, env), env);
    return this.leafEvidence(node);
  }

  /** `JSON.stringify`, `Object.assign`, `util.format`…: 'not-builtin' when the call is none of them. */
  private evaluateBuiltin(receiverName: string | undefined, method: string | undefined, node: TSESTree.CallExpression, env: Env): Taint | undefined | 'not-builtin' {
    if (!receiverName || !method) return 'not-builtin';
    const args = node.arguments;
    const first = args[0] ? this.evaluate(args[0], env) : undefined;
    const all = () => args.reduce<Taint | undefined>((result, argument) => union(result, this.evaluate(argument, env)), undefined);
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

  /** A method called on a tainted receiver. */
  private evaluateMethod(receiver: Taint, method: string, node: TSESTree.CallExpression, env: Env): Taint | undefined {
    if (CLEAN_METHODS.has(method)) return undefined;
    if (method === 'then') {
      const [onFulfilled] = node.arguments;
      if (onFulfilled && isFunctionNode(onFulfilled)) return this.evaluateReturn(onFulfilled, [receiver], env);
      return receiver;
    }
    if (method === 'catch' || method === 'finally') return receiver;
    if (method === 'get' && (receiver.shape === 'object' || receiver.shape === 'opaque')) {
      const key = node.arguments[0] ? getKnownString(resolveValue(node.arguments[0], this.context)) : undefined;
      return readProperty(receiver, key ?? '*');
    }
    if (receiver.shape === 'error') return method === 'toJSON' ? { shape: 'opaque', source: receiver.source } : undefined;
    if (SAMPLED_METHODS.has(method) && receiver.shape !== 'object') return this.applySampledMethod(receiver, method, node);
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
  private applySampledMethod(receiver: Taint, method: string, node: TSESTree.CallExpression): Taint | undefined {
    const args: Array<string | number | RegExp> = [];
    for (const argument of node.arguments) {
      const constant = this.getConstant(argument);
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

  private getConstant(node: TSESTree.Node): string | number | RegExp | undefined {
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
    const value = resolveValue(node, this.context);
    if (value.kind === 'primitive' && typeof value.value === 'number') return value.value;
    return getKnownString(value);
  }

  /** `config.get('PILOTSTATUS_API_KEY')`, `env('PILOT_API_KEY')`: config loaders read env vars by name. */
  private findConfigLoaderSource(node: TSESTree.CallExpression, calleeName: string | undefined): Taint | undefined {
    if (!calleeName || !CONFIG_GETTERS.test(calleeName) || !node.arguments[0]) return undefined;
    const name = getKnownString(resolveValue(node.arguments[0], this.context));
    if (!name) return undefined;
    const evidence = findKeyEvidence({ kind: 'unknown', origin: undefined, trail: [name], node }, this.context);
    if (!evidence || evidence.kind !== 'name') return undefined;
    return { shape: 'string', source: { kind: 'env', label: `\`${calleeName}('${name}')\`` as Redacted, node } };
  }

  /** The return taint of `fn` for these argument taints (memoised per function and signature). */
  private evaluateReturn(fn: FunctionNode, args: readonly (Taint | undefined)[], env: Env): Taint | undefined {
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
      if (!byFunction) this.callCache.set(fn, (byFunction = new Map()));
      byFunction.set(signature, result ?? null);
    }
    return result;
  }

  private evaluateNew(node: TSESTree.NewExpression, env: Env): Taint | undefined {
    const calleeName = getLastName(node.callee);
    if (!calleeName) return undefined;
    if (['Headers', 'Map', 'URLSearchParams', 'FormData', 'Set'].includes(calleeName)) return node.arguments[0] ? this.evaluate(node.arguments[0], env) : undefined;
    if (calleeName === 'URL') return union(stringify(node.arguments[0] ? this.evaluate(node.arguments[0], env) : undefined), stringify(node.arguments[1] ? this.evaluate(node.arguments[1], env) : undefined));
    if (/(?:Error|Exception)$/.test(calleeName)) return node.arguments[0] ? stringify(this.evaluate(node.arguments[0], env)) : undefined;
    return undefined;
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

  // ——— sources that need the request model ———

  /** A request to `POST /v1/api-keys/regenerate`, directly or through a wrapper given that path. */
  private isRegenerateCall(call: TSESTree.CallExpression): boolean {
    const cached = this.regenerateCache.get(call);
    if (cached !== undefined) return cached;
    this.regenerateCache.set(call, false);
    let result = false;
    const request = findRequest(call, this.context);
    if (request && request.method !== 'GET') {
      const target = findApiTarget(request.url, this.context);
      result = target?.endpoints.some((endpoint) => trimTrailingSlashes(endpoint.path) === REGENERATE_PATH) ?? false;
    }
    if (!result && (!request || request.method !== 'GET')) {
      for (const argument of call.arguments) {
        if (isFunctionNode(argument) || argument.type === 'SpreadElement') continue;
        const value = resolveValue(argument, this.context);
        if (getOptions(value).some((option) => REGENERATE_IN_TEXT.test((getPatternText(option) ?? '').split(/[?#]/, 1)[0]!.replace(/^[a-z]+:\/\/[^/]*/i, '')))) {
          result = true;
          break;
        }
      }
    }
    this.regenerateCache.set(call, result);
    return result;
  }

  private regenerateTaint(call: TSESTree.Node): Taint {
    return { shape: 'opaque', source: { kind: 'regenerate', label: `the \`POST ${REGENERATE_PATH}\` response` as Redacted, node: call } };
  }

  // ——— callees ———

  /** The function a call runs: local, imported (module graph), a class method, or (with types) its declaration elsewhere. */
  findCallee(call: TSESTree.CallExpression): FunctionNode | undefined {
    const cached = this.calleeCache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const fn = this.findCalleeUncached(call);
    this.calleeCache.set(call, fn ?? null);
    return fn;
  }

  private findCalleeUncached(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = call.callee;
    if (callee.type === 'MemberExpression') {
      const method = getMemberName(callee, this.context);
      if (method && callee.object.type === 'ThisExpression') {
        const classNode = findEnclosingClass(callee);
        const found = classNode && findMethod(classNode, method);
        if (found) return found;
      }
      if (method && callee.object.type !== 'ThisExpression') {
        const receiver = resolveValue(callee.object, this.context);
        for (const option of getOptions(receiver)) {
          if (option.kind === 'instance') {
            const found = findMethod(option.classNode, method);
            if (found) return found;
          }
          if (option.kind === 'object' && !option.properties.has(method)) {
            const literal = option.node.type === 'ObjectExpression' ? option.node : undefined;
            const property = literal?.properties.find((candidate): candidate is TSESTree.Property => candidate.type === 'Property' && candidate.method && getStaticKeyName(candidate) === method);
            if (property && isFunctionNode(property.value)) return property.value;
          }
        }
      }
    }
    const value = resolveValue(callee, this.context);
    for (const option of getOptions(value)) if (option.kind === 'function') return option.functionNode;
    const typeInfo = this.context.typeInfo;
    if (!typeInfo) return undefined;
    const target = callee.type === 'MemberExpression' ? callee.property : callee;
    for (const declaration of typeInfo.getDeclarations(target)) {
      const node = this.findEstreeDeclaration(declaration);
      const fn = node ? functionOfDeclaration(node) : undefined;
      if (fn) return fn;
    }
    return undefined;
  }

  /** The ESTree name node of a TypeScript declaration in a source file of the program. */
  private findEstreeDeclaration(declaration: ts.Declaration): TSESTree.Node | undefined {
    try {
      const sourceFile = declaration.getSourceFile();
      if (sourceFile.isDeclarationFile) return undefined;
      const nameNode = (declaration as { name?: ts.Node }).name;
      const position = (nameNode ?? declaration).getStart(sourceFile);
      const unit = sourceFile.fileName === this.context.unit.filename ? this.context.unit : loadUnit(sourceFile.fileName);
      if (!unit) return undefined;
      registerUnit(unit);
      return getFileIndex(unit.ast).identifiersByOffset.get(position);
    } catch {
      return undefined;
    }
  }

  // ——— log helpers ———

  /**
   * A syntactic look before any evaluation: does `fn` (or a function it calls) throw or call a
   * log-shaped method at all? Most functions do not, and then no taint is evaluated for them.
   */
  private mayLog(fn: FunctionNode, depth = 0): boolean {
    const cached = this.mayLogCache.get(fn);
    if (cached !== undefined) return cached;
    if (depth > 4) return true;
    this.mayLogCache.set(fn, false);
    let found = false;
    const callees: TSESTree.CallExpression[] = [];
    if (fn.body && throwsWithin(fn.body).length > 0) found = true;
    for (const inner of found || !fn.body ? [] : callsWithin(fn.body)) {
      const callee = inner.callee;
      if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && LOG_METHOD_NAMES.has(callee.property.name)) found = true;
      else if (callee.type === 'Identifier' && /^(debug|log|trace)/i.test(callee.name)) found = true;
      else callees.push(inner);
      if (found) break;
    }
    if (!found) {
      for (const call of callees) {
        const innerFn = this.findCallee(call);
        if (innerFn && innerFn !== fn && this.mayLog(innerFn, depth + 1)) {
          found = true;
          break;
        }
      }
    }
    this.mayLogCache.set(fn, found);
    return found;
  }

  private getHelper(fn: FunctionNode): LogHelper | undefined {
    const cached = this.helperCache.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    if (!this.mayLog(fn)) {
      this.helperCache.set(fn, null);
      return undefined;
    }
    if (this.helpersInProgress.has(fn) || this.helpersInProgress.size >= 4) return undefined;
    this.helpersInProgress.add(fn);
    const params = new Map<number, { ref: ParamRef; innerSink: string }>();
    try {
      const record = (taint: Taint | undefined, innerSink: string) => {
        const ref = findParamLeaf(taint, fn);
        if (ref && !params.has(ref.index)) params.set(ref.index, { ref, innerSink });
      };
      walk(fn.body, (inner) => {
        if (inner.type === 'ThrowStatement') {
          const sink = findThrowSink(inner);
          if (sink) for (const argument of sink.arguments) record(stringify(this.evaluate(argument, ROOT)), sink.name);
          return;
        }
        if (inner.type !== 'CallExpression') return;
        const sink: LogSink | undefined = findLogSink(inner, this.context);
        if (sink) {
          for (const argument of sink.arguments) record(this.evaluate(argument, ROOT), sink.name);
          return;
        }
        const innerFn = this.findCallee(inner);
        if (!innerFn || innerFn === fn) return;
        const innerHelper = this.getHelper(innerFn);
        if (!innerHelper) return;
        const args = this.evaluateArguments(inner.arguments, ROOT);
        for (const { ref, innerSink } of innerHelper.params.values()) record(this.applyRef(ref, args), innerSink);
      }, true);
    } finally {
      this.helpersInProgress.delete(fn);
    }
    const helper: LogHelper = { fn, params };
    if (!this.exhausted) this.helperCache.set(fn, helper);
    return helper;
  }

  /** What `ref` (a parameter read and converted) is for these argument taints. */
  private applyRef(ref: ParamRef, args: readonly (Taint | undefined)[]): Taint | undefined {
    let value = ref.rest ? arrayOf(args.slice(ref.index)) : args[ref.index];
    for (const segment of ref.path) value = readProperty(value, segment);
    if (ref.conversion === 'string') value = stringify(value);
    if (ref.conversion === 'json') value = toJson(value);
    return value;
  }

  // ——— evidence ———

  /** A value the engine cannot follow further: is it a key by literal, env var, name or type? */
  private leafEvidence(node: TSESTree.Node): Taint | undefined {
    const value = resolveValue(node, this.context);
    const evidence = findKeyEvidence(value, this.context, this.context.typeInfo ? node : undefined);
    if (!evidence) return undefined;
    if (evidence.kind === 'name' && getOptions(value).every((option) => option.kind !== 'unknown' && !(option.kind === 'string' && option.segments.some((segment) => typeof segment !== 'string')))) {
      return undefined; // a known value (a placeholder, a number) under a key-like name
    }
    return this.fromEvidence(evidence, node);
  }

  /**
   * `process.env` (or `import.meta.env`) as a whole, printed or spread: it holds every key variable
   * this file names. An object with just those fields, so `env.NODE_ENV` stays clean.
   */
  private wholeEnvironmentTaint(node: TSESTree.MemberExpression): Taint | undefined {
    const names = (this.environmentKeyNames ??= findKeyEnvironmentNames(this.context));
    if (names.length === 0) return undefined;
    const owner = node.object.type === 'MetaProperty' ? 'import.meta.env' : `${(node.object as TSESTree.Identifier).name}.env`;
    const label = `the whole \`${owner}\` (it holds \`${names[0]}\`)` as Redacted;
    const fields = new Map<string, Taint>(names.map((name) => [name, { shape: 'string', source: { kind: 'env', label, node } }]));
    return makeObject(fields, undefined, false);
  }

  /** With type information only: a key brand type on `node`. */
  private typeEvidence(node: TSESTree.Node): Taint | undefined {
    if (!this.context.typeInfo) return undefined;
    const evidence = findKeyEvidence({ kind: 'unknown', origin: undefined, trail: [], node }, this.context, node);
    return evidence ? this.fromEvidence(evidence, node) : undefined;
  }

  private fromEvidence(evidence: KeyEvidence, node: TSESTree.Node): Taint {
    const kind: SourceKind = evidence.kind;
    const label = evidence.kind === 'literal' ? (`the literal \`${evidence.label}\`` as Redacted) : evidence.label;
    return { shape: 'string', source: { kind, label, node } };
  }

  /** Expressions whose value the engine cannot see into: unknown calls, members, globals. */
  private isOpaqueExpression(node: TSESTree.Node): boolean {
    switch (node.type) {
      case 'AwaitExpression':
        return this.isOpaqueExpression(node.argument);
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'ChainExpression':
        return this.isOpaqueExpression(node.expression);
      case 'CallExpression': {
        const name = getLastName(node.callee);
        if (name && (this.context.settings.maskFunctions.includes(name) || SANITIZING_FUNCTIONS.has(name) || CLEAN_METHODS.has(name) || SAMPLED_METHODS.has(name))) return false;
        return !this.findCallee(node);
      }
      case 'MemberExpression':
      case 'Identifier':
      case 'NewExpression':
        return true;
      default:
        return false;
    }
  }

  /** True when `node` resolves to a structure the engine evaluates itself (an object or array literal, a string). */
  private isKnownStructure(node: TSESTree.Node): boolean {
    const value = resolveValue(node, this.context);
    return getOptions(value).every((option) => option.kind === 'object' || option.kind === 'array' || option.kind === 'string' || option.kind === 'primitive' || option.kind === 'function');
  }
}

// ——— taint operations ———

function makeObject(fields: Map<string, Taint>, rest: Taint | undefined, array: boolean): Taint | undefined {
  if (fields.size === 0 && !rest) return undefined;
  const first = fields.values().next().value ?? rest!;
  const source = findConcreteLeaf(first)?.source ?? first.source;
  return { shape: 'object', source, fields, ...(rest ? { rest } : {}), ...(array ? { array } : {}) };
}

function arrayOf(values: readonly (Taint | undefined)[]): Taint | undefined {
  const fields = new Map<string, Taint>();
  values.forEach((value, index) => {
    if (value) fields.set(String(index), value);
  });
  return makeObject(fields, undefined, true);
}

/** Prefers a real source over a symbolic parameter; merges the fields of two objects. */
export function union(a: Taint | undefined, b: Taint | undefined): Taint | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  if (a.shape === 'param' && b.shape !== 'param') return b;
  if (b.shape === 'param' && a.shape !== 'param') return a;
  if (a.shape === 'object' && b.shape === 'object') {
    const fields = new Map(a.fields);
    for (const [key, field] of b.fields ?? []) fields.set(key, union(fields.get(key), field)!);
    return makeObject(fields, union(a.rest, b.rest), Boolean(a.array && b.array));
  }
  if (a.shape === 'object' && !findConcreteLeaf(a) && findConcreteLeaf(b)) return b;
  return a;
}

/** The taint of `value[name]`. */
function readProperty(value: Taint | undefined, name: string): Taint | undefined {
  if (!value) return undefined;
  switch (value.shape) {
    case 'string':
      return undefined; // `.length`, one character
    case 'object': {
      if (name === '*') return elementOf(value);
      return value.fields?.get(name) ?? readProperty(value.rest, name);
    }
    case 'opaque':
      return NON_KEY_FIELD.test(name) ? undefined : value;
    case 'error':
      if (name === 'response') return value;
      return ERROR_REQUEST_FIELDS.has(name) ? { shape: 'opaque', source: value.source } : undefined;
    case 'param':
      if (value.param!.conversion !== 'none') return undefined;
      if (name === 'length') return undefined;
      return { ...value, param: { ...value.param!, path: [...value.param!.path, name] } };
    default:
      return undefined;
  }
}

function elementOf(value: Taint | undefined): Taint | undefined {
  if (!value) return undefined;
  if (value.shape === 'object') {
    let result: Taint | undefined;
    for (const field of value.fields?.values() ?? []) result = union(result, field);
    return union(result, elementOf(value.rest));
  }
  if (value.shape === 'string' || value.shape === 'error') return undefined;
  if (value.shape === 'param') return readProperty(value, '*');
  return value;
}

/** The taint of `String(value)` / `${value}`: objects print `[object Object]`, errors their message. */
function stringify(value: Taint | undefined): Taint | undefined {
  if (!value) return undefined;
  switch (value.shape) {
    case 'string':
      return value;
    case 'object':
      return value.array ? stringify(elementOf(value)) : undefined;
    case 'opaque':
      return { shape: 'string', source: value.source };
    case 'error':
      return undefined;
    case 'param':
      return value.param!.conversion === 'none' ? { ...value, param: { ...value.param!, conversion: 'string' } } : value;
    default:
      return undefined;
  }
}

function stringOf(value: Taint): Taint | undefined {
  return value.shape === 'param' ? value : stringify(value) ?? { shape: 'string', source: value.source };
}

/** The taint of `JSON.stringify(value)` (axios errors serialise their config through `toJSON`). */
function toJson(value: Taint | undefined): Taint | undefined {
  if (!value) return undefined;
  if (value.shape === 'param') return value.param!.conversion === 'none' ? { ...value, param: { ...value.param!, conversion: 'json' } } : value;
  if (value.shape === 'object') {
    const leaf = findConcreteLeaf(value);
    if (leaf) return { shape: 'string', source: leaf.source };
    const param = findParamLeafAny(value);
    return param ? { shape: 'param', source: value.source, param: { ...param, conversion: 'json' } } : undefined;
  }
  return { shape: 'string', source: value.source };
}

function findParamLeafAny(taint: Taint | undefined, depth = 0): ParamRef | undefined {
  if (!taint || depth > 6) return undefined;
  if (taint.shape === 'param') return taint.param;
  if (taint.shape !== 'object') return undefined;
  for (const field of taint.fields?.values() ?? []) {
    const found = findParamLeafAny(field, depth + 1);
    if (found) return found;
  }
  return findParamLeafAny(taint.rest, depth + 1);
}

function signatureOf(taint: Taint | undefined, depth = 0): string {
  if (!taint) return '-';
  const head = `${taint.shape}@${taint.source.node.range[0]}:${taint.source.kind}`;
  if (taint.shape === 'param') return `${head}#${taint.param!.fn.range[0]}.${taint.param!.index}.${taint.param!.path.join('.')}.${taint.param!.conversion}`;
  if (taint.shape !== 'object' || depth > 2) return head;
  const fields = [...(taint.fields ?? [])].map(([key, field]) => `${key}=${signatureOf(field, depth + 1)}`).join(',');
  return `${head}{${fields}${taint.rest ? `,...${signatureOf(taint.rest, depth + 1)}` : ''}}`;
}

// ——— syntax helpers ———

function isIdentifier(node: TSESTree.Node, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}

function isObjectAssign(callee: TSESTree.Node): boolean {
  return callee.type === 'MemberExpression' && isIdentifier(callee.object, 'Object') && isIdentifier(callee.property, 'assign');
}

/** `createHash('sha256').update(key)`: a chain rooted in `createHash` / `createHmac`. */
function isHashChain(node: TSESTree.Node): boolean {
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

function getLastName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && (node.property.type === 'Identifier' || node.property.type === 'PrivateIdentifier')) return node.property.name;
  return undefined;
}

function findMethod(classNode: ClassNode, name: string): FunctionNode | undefined {
  for (const member of getClassIndex(classNode)?.members.get(name) ?? []) {
    if (member.kind === 'method' && member.node.value.type === 'FunctionExpression') return member.node.value;
    if (member.kind === 'field' && member.node.value && isFunctionNode(member.node.value)) return member.node.value;
  }
  return undefined;
}

/** The function a declaration's name node belongs to. */
function functionOfDeclaration(name: TSESTree.Node): FunctionNode | undefined {
  const parent = name.parent;
  if (!parent) return undefined;
  if (parent.type === 'FunctionDeclaration' && parent.id === name) return parent;
  if (parent.type === 'MethodDefinition' && parent.key === name) return parent.value.type === 'FunctionExpression' ? parent.value : undefined;
  if ((parent.type === 'VariableDeclarator' && parent.id === name && parent.init && isFunctionNode(parent.init)) ) return parent.init as FunctionNode;
  if ((parent.type === 'PropertyDefinition' || parent.type === 'Property') && parent.key === name && parent.value && isFunctionNode(parent.value)) return parent.value;
  return undefined;
}

/** Environment variable names of PilotStatus keys (not key ids) that the linted file reads from an env object. */
function findKeyEnvironmentNames(context: AnalysisContext): string[] {
  const names = new Set<string>();
  walk(context.unit.ast, (node) => {
    if (node.type === 'MemberExpression' && isEnvObject(node.object)) {
      const name = node.computed ? (node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : undefined) : node.property.type === 'Identifier' ? node.property.name : undefined;
      if (name && isPilotStatusKeyName(name, context.settings) && !isKeyIdName(name)) names.add(name);
    }
    if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern' && node.init && isEnvObject(node.init)) {
      for (const property of node.id.properties) {
        if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && isPilotStatusKeyName(property.key.name, context.settings) && !isKeyIdName(property.key.name)) names.add(property.key.name);
      }
    }
  }, true);
  return [...names].sort();
}

