/**
 * Taint sources: `ps_` literals, key evidence (names, env, types), parameters named like keys, the
 * `regenerate` response, HTTP errors and responses of requests that sent a key, the whole env object;
 * and which expressions the engine cannot see into (opaque) or knows the structure of.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { REGENERATE_PATH, trimTrailingSlashes } from '../../core/api-model.js';
import { findKeys, type Redacted } from '../../core/key.js';
import { isKeyIdName, isPilotStatusKeyName } from '../../core/names.js';
import { isFunctionNode } from '../ast.js';
import { callsWithin } from '../file-index.js';
import { getClient, type ClientName } from '../http-clients.js';
import { findKeyEvidence, type KeyEvidence } from '../key-value.js';
import { findApiTarget, findRequest, hasKeyHeader } from '../request-model.js';
import { getOptions, getPatternText, isEnvObject, resolveValue, walk, type AnalysisContext, type Value } from '../static-value.js';
import { CLEAN_METHODS, SAMPLED_METHODS, SANITIZING_FUNCTIONS } from './builtins.js';
import { getLastName } from './callees.js';
import { Evidence, moduleClosureHas, programNamesKeyElsewhere } from '../relevance.js';
import { findLintedFileEvidence } from '../context.js';
import { declaredValueTaint } from './declared-types.js';
import type { TaintEngine } from './engine.js';
import { type SourceKind, type Taint, makeObject } from './lattice.js';

/** Import levels in which a followed wrapper's key header name may be: its module, a constants module, an index re-exporting it. */
const WRAPPER_HEADER_DEPTH = 2;
const REGENERATE_IN_TEXT = /(?:^|\/)api-keys\/regenerate\/?(?:[?#]|$)/;

export function literalTaint(engine: TaintEngine, text: string, node: TSESTree.Node): Taint | undefined {
  if (!text.includes('ps_') && !engine.context.settings.keyPattern) return undefined;
  const [match] = findKeys(text, { keyPattern: engine.context.settings.keyPattern });
  if (!match) return undefined;
  return { shape: 'string', source: { kind: 'literal', label: `the literal \`${match.redacted}\`` as Redacted, node } };
}

/** A parameter whose name says PilotStatus key, or (with types) whose type is a key brand. */
export function parameterEvidence(engine: TaintEngine, name: TSESTree.Identifier): Taint | undefined {
  const value: Value = { kind: 'unknown', origin: undefined, trail: [name.name], node: name };
  const evidence = findKeyEvidence(value, engine.context, engine.context.typeInfo ? name : undefined);
  return evidence ? fromEvidence(engine, evidence, name) : undefined;
}

/** `catch (error)` around a request that sent a key with axios, got or ky. */
export function evaluateCatchParameter(engine: TaintEngine, clause: TSESTree.CatchClause): Taint | undefined {
  const tryStatement = clause.parent;
  if (tryStatement?.type !== 'TryStatement') return undefined;
  let client: string | undefined;
  let requestNode: TSESTree.Node | undefined;
  for (const inner of callsWithin(tryStatement.block)) {
    // a request no key source reaches sends no key header (`reach.ts`)
    if (!engine.mayCarryKey(inner)) continue;
    const found = findKeyedHttpRequest(engine, inner, 0);
    if (found) {
      client = found;
      requestNode = inner;
      break;
    }
  }
  return client ? httpErrorTaint(engine, client, requestNode!) : undefined;
}

/** The error of a promise chain rooted in a keyed axios / got / ky request. */
export function httpErrorOfChain(engine: TaintEngine, receiver: TSESTree.Node): Taint | undefined {
  let current: TSESTree.Node = receiver;
  for (let depth = 0; depth < 8; depth++) {
    if (current.type === 'AwaitExpression' || current.type === 'ChainExpression' || current.type === 'TSAsExpression') {
      current = current.type === 'AwaitExpression' ? current.argument : current.expression;
      continue;
    }
    if (current.type !== 'CallExpression') return undefined;
    // `api.get(url).json().catch(…)`, `request().then(…).catch(…)`: the request at the root of the chain
    const client = findKeyedHttpRequest(engine, current, 0);
    if (client) return httpErrorTaint(engine, client, current);
    if (current.callee.type !== 'MemberExpression') return undefined;
    current = current.callee.object;
  }
  return undefined;
}

/** Shaped like an HTTP error: only `config` / `request` (and the whole object) hold the key; `data`, `status`… do not. */
export function httpResponseTaint(engine: TaintEngine, node: TSESTree.Node): Taint {
  return { shape: 'error', source: { kind: 'http-response', label: 'the `axios` response of a request that sent the key header (its `config.headers`)' as Redacted, node } };
}

function httpErrorTaint(engine: TaintEngine, client: string, node: TSESTree.Node): Taint {
  return { shape: 'error', source: { kind: 'http-error', label: `the \`${client}\` error of a request that sent the key header` as Redacted, node } };
}

/** The client name when `call` is (or wraps, one level deep) an axios / got / ky request with a key header. */
export function findKeyedHttpRequest(engine: TaintEngine, call: TSESTree.CallExpression, depth: number): ClientName | undefined {
  // One cache per depth: the answer without wrappers (depth 1) is not the answer with them.
  const cache = (engine.keyedRequestCaches[depth] ??= new Map());
  const cached = cache.get(call);
  if (cached !== undefined) return cached ?? undefined;
  cache.set(call, null);
  let found: ClientName | undefined;
  const request = findRequest(call, engine.context);
  if (request && getClient(request.client).errorsCarryRequest && hasKeyHeader(request.headers)) found = request.client;
  if (!found && !request && depth < 1) {
    // A wrapper elsewhere is parsed only when its module names a key header or the SDK, or a module
    // it imports does (a header constant, maybe re-exported through an index): the request is in the
    // wrapper's own body and sends the header by that name (the caller's headers are not bound here).
    const settings = engine.context.settings;
    const fn = engine.findCallee(call, (file) => moduleClosureHas(file, Evidence.keyHeader | Evidence.sdk, settings, WRAPPER_HEADER_DEPTH), keyHeaderNamedElsewhere(engine));
    if (fn) {
      for (const inner of fn.body ? callsWithin(fn.body) : []) {
        found = findKeyedHttpRequest(engine, inner, depth + 1);
        if (found) break;
      }
    }
  }
  cache.set(call, found ?? null);
  return found;
}

/**
 * With types: whether a file of the program other than this one names the key header or the SDK. When
 * none does, a wrapper the checker would find elsewhere cannot send the key header, and the checker is
 * not asked where each call of a `try` block leads.
 */
function keyHeaderNamedElsewhere(engine: TaintEngine): boolean {
  const { typeInfo, settings, unit } = engine.context;
  return typeInfo !== undefined && programNamesKeyElsewhere(typeInfo, settings, unit.filename, Evidence.keyHeader | Evidence.sdk);
}

// ——— sources that need the request model ———

/** A request to `POST /v1/api-keys/regenerate`, directly or through a wrapper given that path. */
export function isRegenerateCall(engine: TaintEngine, call: TSESTree.CallExpression): boolean {
  // the path says `api-keys`, here or in a module this one imports (where a wrapper is given it); a
  // file without that word in reach makes no regenerate call, and its calls need no resolving
  const evidence = findLintedFileEvidence(engine.context.unit.ast);
  if (evidence && (evidence.closure & Evidence.keyEndpoint) === 0) return false;
  const cached = engine.regenerateCache.get(call);
  if (cached !== undefined) return cached;
  engine.regenerateCache.set(call, false);
  let result = false;
  const request = findRequest(call, engine.context);
  if (request && request.method !== 'GET') {
    const target = findApiTarget(request.url, engine.context);
    result = target?.endpoints.some((endpoint) => trimTrailingSlashes(endpoint.path) === REGENERATE_PATH) ?? false;
  }
  if (!result && (!request || request.method !== 'GET')) {
    for (const argument of call.arguments) {
      if (isFunctionNode(argument) || argument.type === 'SpreadElement') continue;
      const value = resolveValue(argument, engine.context);
      if (getOptions(value).some((option) => REGENERATE_IN_TEXT.test((getPatternText(option) ?? '').split(/[?#]/, 1)[0]!.replace(/^[a-z]+:\/\/[^/]*/i, '')))) {
        result = true;
        break;
      }
    }
  }
  engine.regenerateCache.set(call, result);
  return result;
}

export function regenerateTaint(engine: TaintEngine, call: TSESTree.Node): Taint {
  return { shape: 'opaque', source: { kind: 'regenerate', label: `the \`POST ${REGENERATE_PATH}\` response` as Redacted, node: call } };
}

// ——— evidence ———

/** A value the engine cannot follow further: is it a key by literal, env var, name or type? */
export function leafEvidence(engine: TaintEngine, node: TSESTree.Node): Taint | undefined {
  // Only a key header or an `api-keys` path in this file said "key": no value of the file or its
  // imports can be a key by literal, env var or name, so the value is not resolved (nor its type
  // asked for a literal); a key brand or a declared key field still can be on its type.
  if (!engine.keySourcesInReach) return typeEvidence(engine, node) ?? declaredValueTaint(engine, node);
  const value = resolveValue(node, engine.context);
  const evidence = findKeyEvidence(value, engine.context, engine.context.typeInfo ? node : undefined);
  if (!evidence) return declaredValueTaint(engine, node);
  if (evidence.kind === 'name' && getOptions(value).every((option) => option.kind !== 'unknown' && !(option.kind === 'string' && option.segments.some((segment) => typeof segment !== 'string')))) {
    return undefined; // a known value (a placeholder, a number) under a key-like name
  }
  return fromEvidence(engine, evidence, node);
}

/**
 * `process.env` (or `import.meta.env`) as a whole, printed or spread: it holds every key variable
 * engine file names. An object with just those fields, so `env.NODE_ENV` stays clean.
 */
export function wholeEnvironmentTaint(engine: TaintEngine, node: TSESTree.MemberExpression): Taint | undefined {
  const names = (engine.environmentKeyNames ??= findKeyEnvironmentNames(engine.context));
  if (names.length === 0) return undefined;
  const owner = node.object.type === 'MetaProperty' ? 'import.meta.env' : `${(node.object as TSESTree.Identifier).name}.env`;
  const label = `the whole \`${owner}\` (it holds \`${names[0]}\`)` as Redacted;
  const fields = new Map<string, Taint>(names.map((name) => [name, { shape: 'string', source: { kind: 'env', label, node } }]));
  return makeObject(fields, undefined, false);
}

/** With type information only: a key brand type on `node`. */
export function typeEvidence(engine: TaintEngine, node: TSESTree.Node): Taint | undefined {
  if (!engine.context.typeInfo) return undefined;
  const evidence = findKeyEvidence({ kind: 'unknown', origin: undefined, trail: [], node }, engine.context, node);
  return evidence ? fromEvidence(engine, evidence, node) : undefined;
}

function fromEvidence(engine: TaintEngine, evidence: KeyEvidence, node: TSESTree.Node): Taint {
  const kind: SourceKind = evidence.kind;
  const label = evidence.kind === 'literal' ? (`the literal \`${evidence.label}\`` as Redacted) : evidence.label;
  return { shape: 'string', source: { kind, label, node } };
}

/** Expressions whose value the engine cannot see into: unknown calls, members, globals. */
export function isOpaqueExpression(engine: TaintEngine, node: TSESTree.Node): boolean {
  switch (node.type) {
    case 'AwaitExpression':
      return isOpaqueExpression(engine, node.argument);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'ChainExpression':
      return isOpaqueExpression(engine, node.expression);
    case 'CallExpression': {
      const name = getLastName(node.callee);
      if (name && (engine.context.settings.maskFunctions.includes(name) || SANITIZING_FUNCTIONS.has(name) || CLEAN_METHODS.has(name) || SAMPLED_METHODS.has(name))) return false;
      // a function the engine can read is no opaque call, read or not (one in a key-free module is not parsed to say so)
      const found = engine.findCalleeInKeyModule(node);
      return !found.fn && !found.skipped;
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
export function isKnownStructure(engine: TaintEngine, node: TSESTree.Node): boolean {
  const value = resolveValue(node, engine.context);
  return getOptions(value).every((option) => option.kind === 'object' || option.kind === 'array' || option.kind === 'string' || option.kind === 'primitive' || option.kind === 'function');
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
