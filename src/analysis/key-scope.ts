/**
 * Key scope inference: is the key a request sends tenant-scoped or number-scoped, and what says so?
 *
 * Evidence, strongest first, and the first kind that decides wins:
 *  1. types (with a program): `TenantApiKey` / `NumberApiKey` from `eslint-plugin-pilotstatus/types`,
 *     user brands (`string & { __scope: 'tenant' }`) and aliases named like a scoped key
 *     (`TenantScopedKey`), asked at the places the key is written (header value, wrapper argument)
 *     and where its value comes from;
 *  2. a `@pilotstatusScope tenant|number` JSDoc tag on a declaration the key passes through;
 *  3. names: env vars, bindings and properties along the value's trail (`settings.pilotstatus`
 *     `tenantKeyNames` / `numberKeyNames`, key-like names only).
 * A fallback chain (`a || b ?? c`) is decided by its preferred (first) option: that one is sent
 * whenever it is set. Other alternatives (branches, call sites) must agree. Unknown stays unknown.
 *
 * The second half models where the key meets the path: the request itself, or the call of a wrapper
 * (a helper, a class method, a transport reached through `this`) whose body sends the request with
 * the arguments of that call. A wrapper call is where the key meets the path when its body, seen
 * without the call's arguments, does not decide the endpoint and the key by itself.
 */
import { getContentProvider } from './content.js';
import { findEnclosingClass, findEnclosingFunction } from './ast.js';
import { getFileIndex } from './file-index.js';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { HOLE, KEY_HEADER, KEY_ID_HEADER, type ApiEndpoint } from '../core/api-model.js';
import { findKeys, redactText } from '../core/key.js';
import { findScopeFromName, isKeyLikeName, type KeyScope } from '../core/names.js';
import { describeEnvRead } from './key-value.js';
import { loadUnit, type ModuleUnit } from './module-graph.js';
import { findApiTarget, findRequest, isCallIntoRequestFreeModule, type HeaderEntry, type RequestModel } from './request-model.js';
import {
  bindArguments,
  bindParametersAsUnknown,
  bindReceiver,
  findUnitOf,
  findVariableFor,
  getKnownString,
  getMemberName,
  getOptions,
  registerUnit,
  resolveValue,
  walk,
  NO_BINDINGS,
  type AnalysisContext,
  type Bindings,
  type FunctionNode,
  type Value,
} from './static-value.js';

export type ScopeEvidence =
  | { kind: 'type'; typeName: string }
  | { kind: 'jsdoc'; tag: string }
  | { kind: 'env'; name: string }
  | { kind: 'name'; name: string };

export interface KeyScopeInference {
  scope: KeyScope;
  evidence: ScopeEvidence;
  /** When the key is the preferred option of a fallback chain: that option, printable. */
  preferred?: string;
}

export interface ScopeContext {
  analysis: AnalysisContext;
  /** The text of the linted file (JSDoc tags are read from it). */
  sourceText: string;
}

/** The scope of a key value, given the nodes of the linted file where it is written (outermost first). */
export function inferKeyScope(value: Value, sites: readonly TSESTree.Node[], context: ScopeContext): { inference: KeyScopeInference | undefined; typedEither: boolean } {
  let typedEither = false;
  if (context.analysis.typeInfo) {
    for (const site of sites) {
      const found = findNodeTypeScope(site, context);
      if (found === 'either') typedEither = true;
      else if (found) return { inference: found, typedEither };
    }
    const fromLeaves = scopeOfValue(value, (leaf) => {
      const found = findNodeTypeScope(leaf.node, context);
      if (found === 'either') typedEither = true;
      return found === 'either' ? undefined : found;
    });
    if (fromLeaves) return { inference: fromLeaves, typedEither };
  }
  for (const site of sites) {
    const found = findSiteJsDocScope(site, context);
    if (found) return { inference: found, typedEither };
  }
  const fromTags = scopeOfValue(value, (leaf) => findLeafJsDocScope(leaf.node, context));
  if (fromTags) return { inference: fromTags, typedEither };
  const fromNames = scopeOfValue(value, (leaf) => findLeafNameScope(leaf, context), (names) => findNameScope(names, context));
  return { inference: fromNames, typedEither };
}

/** A sentence fragment naming the evidence: "its type `TenantScopedKey`". */
export function describeScopeEvidence(inference: KeyScopeInference): string {
  const evidence = inference.evidence;
  const base =
    evidence.kind === 'type' ? `its type \`${evidence.typeName}\``
      : evidence.kind === 'jsdoc' ? `its \`${evidence.tag}\` tag`
        : evidence.kind === 'env' ? `the environment variable \`${evidence.name}\``
          : `the name \`${evidence.name}\``;
  if (!inference.preferred) return base;
  const subject = evidence.kind === 'env' && inference.preferred.endsWith(evidence.name) ? '' : ` of \`${inference.preferred}\``;
  return `${base}${subject}, first in its fallback chain and so sent whenever it is set`;
}

// ——— the three kinds of evidence on one value ———

type LeafJudge = (leaf: Value) => KeyScopeInference | undefined;

function isEmptyValue(value: Value): boolean {
  if (value.kind === 'primitive') return true;
  return value.kind === 'string' && getKnownString(value) === '';
}

function isFallbackChain(value: Extract<Value, { kind: 'alternatives' }>): boolean {
  return value.node.type === 'LogicalExpression' && (value.node.operator === '||' || value.node.operator === '??');
}

/** Judges the names an alternatives value travelled through as a whole (`const tenantKey = a || b`). */
type TrailJudge = (names: readonly string[]) => KeyScopeInference | undefined;

function scopeOfValue(value: Value, judge: LeafJudge, judgeTrail?: TrailJudge, depth = 0): KeyScopeInference | undefined {
  if (depth > 6) return undefined;
  if (value.kind !== 'alternatives') return judge(value);
  const options = value.options.filter((option) => !isEmptyValue(option));
  let found: KeyScopeInference | undefined;
  if (options.length === 1) {
    found = scopeOfValue(options[0]!, judge, judgeTrail, depth + 1);
  } else if (options.length > 1 && isFallbackChain(value)) {
    const first = scopeOfValue(options[0]!, judge, judgeTrail, depth + 1);
    if (first) found = { ...first, preferred: first.preferred ?? describeLeaf(options[0]!) };
  } else if (options.length > 1) {
    const all = options.map((option) => scopeOfValue(option, judge, judgeTrail, depth + 1));
    if (all.every((result) => result && result.scope === all[0]!.scope)) found = all[0];
  }
  return found ?? judgeTrail?.([...value.trail].reverse());
}

function describeLeaf(value: Value): string {
  const origin = leafOrigin(value);
  if (origin?.kind === 'env') return describeEnvRead(origin);
  const name = [...leafNames(value)].find((candidate) => isKeyLikeName(candidate));
  return name ?? 'its first option';
}

function leafOrigin(value: Value): Extract<Value, { kind: 'unknown' }>['origin'] {
  if (value.kind === 'unknown') return value.origin;
  if (value.kind === 'string' && value.segments.length === 1 && typeof value.segments[0] !== 'string') return value.segments[0]!.origin;
  return undefined;
}

/** Names a leaf value carries, innermost first: its env var, then the bindings and properties it passed. */
function leafNames(value: Value): string[] {
  const names: string[] = [];
  if (value.kind === 'string') {
    for (const segment of value.segments) {
      if (typeof segment === 'string') continue;
      if (segment.origin?.kind === 'env') names.push(segment.origin.name);
      if (segment.origin?.kind === 'import') names.push(segment.origin.importedName);
      names.push(...[...segment.trail].reverse());
    }
  } else if (value.kind === 'unknown') {
    if (value.origin?.kind === 'env') names.push(value.origin.name);
    if (value.origin?.kind === 'import') names.push(value.origin.importedName);
  }
  names.push(...[...value.trail].reverse());
  return [...new Set(names)];
}

function findNameScope(names: readonly string[], context: ScopeContext): KeyScopeInference | undefined {
  for (const name of names) {
    const scope = findScopeFromName(name, context.analysis.settings);
    if (scope) return { scope, evidence: { kind: 'name', name } };
  }
  return undefined;
}

function findLeafNameScope(leaf: Value, context: ScopeContext): KeyScopeInference | undefined {
  const envNames = new Set<string>();
  const origin = leafOrigin(leaf);
  if (origin?.kind === 'env') envNames.add(origin.name);
  if (leaf.kind === 'string') {
    for (const segment of leaf.segments) if (typeof segment !== 'string' && segment.origin?.kind === 'env') envNames.add(segment.origin.name);
  }
  const found = findNameScope(leafNames(leaf), context);
  if (found?.evidence.kind === 'name' && envNames.has(found.evidence.name)) return { ...found, evidence: { kind: 'env', name: found.evidence.name } };
  return found;
}

// ——— types ———

/** The scope a type declares: a brand, an alias named like a scoped key, or a union of one scope. */
export function findTypeScope(type: ts.Type, checker: ts.TypeChecker, settings: AnalysisContext['settings'], depth = 0): { scope: KeyScope | 'either'; typeName: string } | undefined {
  if (depth > 4) return undefined;
  const alias = type.aliasSymbol?.getName();
  if (alias) {
    const scope = findScopeFromName(alias, settings);
    if (scope) return { scope, typeName: alias };
  }
  const typeName = alias ?? safeTypeToString(checker, type);
  if (type.isUnion()) {
    const parts = type.types.filter((part) => !['undefined', 'null'].includes(safeTypeToString(checker, part)));
    const scopes = parts.map((part) => findTypeScope(part, checker, settings, depth + 1));
    if (scopes.length === 0 || scopes.some((scope) => scope === undefined)) return undefined;
    const first = scopes[0]!;
    if (scopes.every((scope) => scope!.scope === first.scope)) return { scope: first.scope, typeName: alias ?? first.typeName };
    return { scope: 'either', typeName };
  }
  if (type.isIntersection()) {
    const scopes = new Set<KeyScope | 'either'>();
    for (const part of type.types) {
      const found = findTypeScope(part, checker, settings, depth + 1);
      if (found) scopes.add(found.scope);
    }
    if (scopes.size === 1) return { scope: [...scopes][0]!, typeName };
    if (scopes.size > 1) return { scope: 'either', typeName };
    return undefined;
  }
  const symbolName = type.getSymbol()?.getName();
  if (symbolName && symbolName !== '__type' && symbolName !== '__object') {
    const scope = findScopeFromName(symbolName, settings);
    if (scope) return { scope, typeName: symbolName };
  }
  // a brand property: `{ __scope: 'tenant' }`, `{ readonly keyScope: 'number' }`, `{ [brand]: 'tenant' }`
  let properties: ts.Symbol[] = [];
  try {
    properties = type.getProperties();
  } catch {
    properties = [];
  }
  for (const property of properties) {
    if (!/scope|brand/i.test(property.getName())) continue;
    let propertyType: ts.Type | undefined;
    try {
      propertyType = checker.getTypeOfSymbol(property);
    } catch {
      propertyType = undefined;
    }
    const literal = propertyType?.isStringLiteral() ? propertyType.value : undefined;
    if (literal === undefined) continue;
    if (/tenant/i.test(literal) && !/number/i.test(literal)) return { scope: 'tenant', typeName };
    if (/number/i.test(literal) && !/tenant/i.test(literal)) return { scope: 'number', typeName };
  }
  return undefined;
}

function safeTypeToString(checker: ts.TypeChecker, type: ts.Type): string {
  try {
    return checker.typeToString(type);
  } catch {
    return 'unknown';
  }
}

function isInLintedFile(node: TSESTree.Node, context: ScopeContext): boolean {
  return findUnitOf(node, context.analysis.unit) === context.analysis.unit;
}

/** Type scope of a node of the linted file, an enclosing type assertion first (`x as TenantApiKey`). */
function findNodeTypeScope(node: TSESTree.Node, context: ScopeContext): KeyScopeInference | 'either' | undefined {
  const typeInfo = context.analysis.typeInfo;
  if (!typeInfo || !isInLintedFile(node, context)) return undefined;
  const candidates: TSESTree.Node[] = [];
  let current: TSESTree.Node = node;
  while (current.parent && (current.parent.type === 'TSAsExpression' || current.parent.type === 'TSSatisfiesExpression' || current.parent.type === 'TSTypeAssertion')) {
    current = current.parent;
    candidates.push(current);
  }
  candidates.reverse().push(node);
  let either = false;
  for (const candidate of candidates) {
    const type = typeInfo.getType(candidate);
    if (!type) continue;
    const found = findTypeScope(type, typeInfo.getChecker(), context.analysis.settings);
    if (found?.scope === 'either') either = true;
    else if (found) return { scope: found.scope, evidence: { kind: 'type', typeName: found.typeName } };
  }
  return either ? 'either' : undefined;
}

// ——— JSDoc tags ———

const SCOPE_TAG = /@pilotstatusScope\s+(tenant|number)\b/i;

function readScopeTag(comment: string | undefined): KeyScopeInference | undefined {
  const match = comment ? SCOPE_TAG.exec(comment) : null;
  if (!match) return undefined;
  const scope = match[1]!.toLowerCase() as KeyScope;
  return { scope, evidence: { kind: 'jsdoc', tag: `@pilotstatusScope ${scope}` } };
}

/** The block comment that ends right before `start` (whitespace between), if any. */
function findLeadingBlockComment(text: string, start: number): string | undefined {
  let end = start;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (text.slice(end - 2, end) !== '*/') return undefined;
  const open = text.lastIndexOf('/*', end - 2);
  return open < 0 ? undefined : text.slice(open, end);
}

const textCache = new Map<string, string | undefined>();

function getUnitText(unit: ModuleUnit, context: ScopeContext): string | undefined {
  if (unit === context.analysis.unit) return context.sourceText;
  const key = `${getContentProvider().id}\u0000${unit.filename}`;
  if (!textCache.has(key)) {
    const text = getContentProvider().readText(unit.filename);
    if (textCache.size > 200) textCache.clear();
    textCache.set(key, text);
  }
  return textCache.get(key);
}

/** The JSDoc of an ESTree declaration: the statement for a declarator, the member for a field or property. */
function findDeclarationTag(declaration: TSESTree.Node, context: ScopeContext): KeyScopeInference | undefined {
  const text = getUnitText(findUnitOf(declaration, context.analysis.unit), context);
  if (text === undefined) return undefined;
  let node: TSESTree.Node = declaration;
  if (node.type === 'VariableDeclarator' && node.parent?.type === 'VariableDeclaration') {
    const own = readScopeTag(findLeadingBlockComment(text, node.range[0]));
    if (own) return own;
    node = node.parent;
    if (node.parent?.type === 'ExportNamedDeclaration') node = node.parent;
  }
  return readScopeTag(findLeadingBlockComment(text, node.range[0]));
}

/** A value leaf in an initializer: `const x = <leaf>`, `{ x: <leaf> }`, `#x = <leaf>`, `this.x = <leaf>`. */
function findLeafJsDocScope(leaf: TSESTree.Node, context: ScopeContext): KeyScopeInference | undefined {
  let current: TSESTree.Node = leaf;
  for (let steps = 0; steps < 6 && current.parent; steps++) {
    const parent: TSESTree.Node = current.parent;
    switch (parent.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'LogicalExpression':
      case 'AwaitExpression':
      case 'ChainExpression':
        current = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === current) return undefined;
        current = parent;
        continue;
      case 'VariableDeclarator':
        return parent.init === current ? findDeclarationTag(parent, context) : undefined;
      case 'Property':
      case 'PropertyDefinition':
        return parent.value === current ? findDeclarationTag(parent, context) : undefined;
      case 'AssignmentExpression':
        return parent.right === current && parent.parent?.type === 'ExpressionStatement' ? findDeclarationTag(parent.parent, context) : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A site (`hqKey`, `this.config.hqKey`): the declarations its name refers to. */
function findSiteJsDocScope(site: TSESTree.Node, context: ScopeContext): KeyScopeInference | undefined {
  const typeInfo = context.analysis.typeInfo;
  const nameNode = site.type === 'MemberExpression' ? site.property : site;
  if (typeInfo && (nameNode.type === 'Identifier' || nameNode.type === 'PrivateIdentifier')) {
    for (const declaration of typeInfo.getDeclarations(nameNode as TSESTree.Node)) {
      const found = findTsDeclarationTag(declaration);
      if (found) return found;
    }
  }
  if (site.type === 'Identifier') {
    const definition = findVariableFor(site, context.analysis)?.defs[0];
    if (definition?.type === 'Variable') return findDeclarationTag(definition.node, context);
    if (definition?.type === 'Parameter') {
      const name = definition.name;
      const param = name.parent?.type === 'TSParameterProperty' || name.parent?.type === 'AssignmentPattern' ? name.parent : name;
      return findDeclarationTag(param, context);
    }
  }
  if (site.type === 'MemberExpression' && site.object.type === 'ThisExpression') {
    const name = getMemberName(site, context.analysis);
    const classNode = findEnclosingClass(site);
    const member = classNode?.body.body.find((candidate) => candidate.type === 'PropertyDefinition' && getClassMemberName(candidate) === name);
    if (member) return findDeclarationTag(member, context);
  }
  return undefined;
}

/** JSDoc of a TypeScript declaration, reading the leading trivia of it and its keyword-only parents. */
function findTsDeclarationTag(declaration: ts.Node): KeyScopeInference | undefined {
  try {
    const text = declaration.getSourceFile().text;
    let node: ts.Node = declaration;
    for (let level = 0; level < 3; level++) {
      const found = readScopeTag(text.slice(node.getFullStart(), node.getStart()));
      if (found) return found;
      const parent: ts.Node | undefined = node.parent;
      if (!parent?.parent) return undefined;
      if (!/^[\s\w]*$/.test(text.slice(parent.getStart(), node.getStart()))) return undefined;
      node = parent;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

// ——— where the key meets the path ———

export interface SentKey {
  /** The call to report: the request itself, or the wrapper call that hands it the path and the key. */
  node: TSESTree.CallExpression;
  /** The innermost request. */
  request: RequestModel;
  /** A `/v1` endpoint of known scope; every alternative of the URL agrees on the scope. */
  endpoint: ApiEndpoint;
  header: HeaderEntry;
  inference: KeyScopeInference | undefined;
  /** The type says "either scope" (`TenantApiKey | NumberApiKey`): deliberately undecided. */
  typedEither: boolean;
  /** What makes two uses the same key: env var, literal, binding or property path. */
  identity: string | undefined;
  /** Printable description of the key (never the key itself). */
  label: string;
  /** The wrapper calls between `node` and the request, outermost first (empty for a direct request). */
  via: readonly TSESTree.CallExpression[];
}

export interface SentKeyOptions {
  /** How many levels of wrapper functions to follow from a call. */
  wrapperDepth: number;
}

interface ChainStep {
  call: TSESTree.CallExpression;
  /** The bindings the call's arguments were resolved with. */
  bindings: Bindings;
}

export interface Target {
  fn: FunctionNode;
  receiver?: Extract<Value, { kind: 'instance' }>;
}

/** The keys `call` sends to scoped PilotStatus endpoints, as the place where key and path meet. */
export function findSentKeys(call: TSESTree.CallExpression, context: ScopeContext, options: SentKeyOptions): SentKey[] {
  const analysis = context.analysis;
  const enclosing = findEnclosingFunction(call);
  const direct = findRequest(call, analysis);
  if (direct) {
    if (!hasScopedEndpoint(direct, analysis) || keyEntries(direct).length === 0) return [];
    const request = enclosing ? findRequest(call, analysis, bindParametersAsUnknown(enclosing, analysis)) : direct;
    const sent = request && describeSentKey(call, request, [], context);
    return sent ? [sent] : [];
  }
  if (options.wrapperDepth <= 0) return [];
  const outer = enclosing ? bindParametersAsUnknown(enclosing, analysis) : NO_BINDINGS;
  const targets = findCallTargets(call, analysis, NO_BINDINGS, false);
  const results: SentKey[] = [];
  for (const target of targets) {
    if (target.fn === enclosing || !sendsRequests(target.fn, analysis, options.wrapperDepth)) continue;
    const start = target.receiver ? bindReceiver(outer, target.receiver) : outer;
    const bound = collectSentKeys(target.fn, bindArguments(target.fn, call.arguments, analysis, start), options.wrapperDepth - 1, [{ call, bindings: start }], context, new Set([target.fn]));
    if (bound.length === 0) continue;
    const decidedInside = getDecidedInside(target.fn, options.wrapperDepth - 1, context);
    for (const sent of bound) {
      if (decidedInside.has(chainKey(sent.via.slice(1), sent.request.node))) continue;
      results.push({ ...sent, node: call });
    }
  }
  return results;
}

function hasScopedEndpoint(request: RequestModel, analysis: AnalysisContext): boolean {
  const target = findApiTarget(request.url, analysis);
  return target !== undefined && target.endpoints.some((endpoint) => endpoint.kind === 'v1' && endpoint.scope !== undefined);
}

function keyEntries(request: RequestModel): HeaderEntry[] {
  return request.headers.entries.filter((entry) => entry.lowerName === KEY_HEADER || entry.lowerName === KEY_ID_HEADER);
}

/** The scoped endpoint every alternative agrees on, if any (compat-layer or mixed scopes: none). */
function findScopedEndpoint(request: RequestModel, analysis: AnalysisContext): ApiEndpoint | undefined {
  const target = findApiTarget(request.url, analysis);
  if (!target) return undefined;
  if (target.endpoints.some((endpoint) => endpoint.kind === 'compat-layer')) return undefined;
  const scoped = target.endpoints.filter((endpoint) => endpoint.kind === 'v1' && endpoint.scope !== undefined);
  if (scoped.length === 0 || scoped.some((endpoint) => endpoint.scope !== scoped[0]!.scope)) return undefined;
  return scoped.includes(target.endpoint) ? target.endpoint : scoped[0];
}

function describeSentKey(node: TSESTree.CallExpression, request: RequestModel, chain: readonly ChainStep[], context: ScopeContext): SentKey | undefined {
  const endpoint = findScopedEndpoint(request, context.analysis);
  if (!endpoint) return undefined;
  const entries = keyEntries(request);
  let chosen: SentKey | undefined;
  for (const header of entries) {
    const sites = findSites(header, chain, context);
    const { inference, typedEither } = inferKeyScope(header.value, sites, context);
    const sent: SentKey = {
      node,
      request,
      endpoint,
      header,
      inference,
      typedEither,
      identity: findKeyIdentity(header.value, sites, context),
      label: describeKey(header.value, sites, context),
      via: chain.map((step) => step.call),
    };
    if (inference) return sent;
    chosen ??= sent;
  }
  return chosen;
}

/** The nodes of the linted file where the key is written: wrapper arguments (outermost first), then the header value. */
function findSites(header: HeaderEntry, chain: readonly ChainStep[], context: ScopeContext): TSESTree.Node[] {
  const sites: TSESTree.Node[] = [];
  const keyNodes = collectValueNodes(header.value);
  for (const step of chain) {
    if (!isInLintedFile(step.call, context)) continue;
    for (const argument of step.call.arguments) {
      const candidates = argument.type === 'ObjectExpression'
        ? argument.properties.flatMap((property) => (property.type === 'Property' ? [property.value] : []))
        : [argument];
      for (const candidate of candidates) {
        const value = resolveValue(candidate, context.analysis, step.bindings);
        if ([...collectValueNodes(value)].some((node) => keyNodes.has(node))) sites.push(candidate);
      }
    }
  }
  const written = header.valueNode ?? (header.node.type === 'Property' ? header.node.value : undefined);
  if (written && isInLintedFile(written, context)) sites.push(written);
  return sites;
}

function collectValueNodes(value: Value, nodes = new Set<TSESTree.Node>(), depth = 0): Set<TSESTree.Node> {
  nodes.add(value.node);
  if (value.kind === 'alternatives' && depth < 4) for (const option of value.options) collectValueNodes(option, nodes, depth + 1);
  return nodes;
}

function collectSentKeys(
  fn: FunctionNode,
  bindings: Bindings,
  depth: number,
  chain: readonly ChainStep[],
  context: ScopeContext,
  active: ReadonlySet<FunctionNode>,
): SentKey[] {
  const analysis = context.analysis;
  const results: SentKey[] = [];
  walk(fn.body, (node) => {
    if (node.type !== 'CallExpression') return;
    const request = findRequest(node, analysis, bindings);
    if (request) {
      const sent = describeSentKey(node, request, chain, context);
      if (sent) results.push(sent);
      return;
    }
    if (depth <= 0) return;
    for (const target of findCallTargets(node, analysis, bindings, true)) {
      if (active.has(target.fn) || !sendsRequests(target.fn, analysis, depth)) continue;
      const start = target.receiver ? bindReceiver(bindings, target.receiver) : bindings;
      const inner = bindArguments(target.fn, node.arguments, analysis, start);
      results.push(...collectSentKeys(target.fn, inner, depth - 1, [...chain, { call: node, bindings: start }], context, new Set(active).add(target.fn)));
    }
  }, true);
  return results;
}

const decidedInsideCache = new WeakMap<FunctionNode, Map<number, Set<string>>>();

/** Requests in `fn` (through its own wrappers) whose endpoint and key are decided without any call's arguments. */
function getDecidedInside(fn: FunctionNode, depth: number, context: ScopeContext): Set<string> {
  let byDepth = decidedInsideCache.get(fn);
  if (!byDepth) decidedInsideCache.set(fn, (byDepth = new Map()));
  let decided = byDepth.get(depth);
  if (!decided) {
    decided = new Set();
    const sent = collectSentKeys(fn, bindParametersAsUnknown(fn, context.analysis), depth, [], context, new Set([fn]));
    for (const item of sent) {
      // A key read from the wrapper's own parameters is not decided inside: each call passes its own
      // (a factory `createApi(key)` returning methods that send it), so the call site decides.
      const fromParameters = preferredLeaves(item.header.value).some((leaf) => leafOrigin(leaf)?.kind === 'parameter');
      if (item.inference || item.typedEither || (item.identity && !fromParameters)) decided.add(chainKey(item.via, item.request.node));
    }
    byDepth.set(depth, decided);
  }
  return decided;
}

const nodeIds = new WeakMap<TSESTree.Node, number>();
let nextNodeId = 1;

function getNodeId(node: TSESTree.Node): number {
  let id = nodeIds.get(node);
  if (id === undefined) nodeIds.set(node, (id = nextNodeId++));
  return id;
}

function chainKey(via: readonly TSESTree.CallExpression[], request: TSESTree.Node): string {
  return [...via, request].map(getNodeId).join('>');
}

const sendsCache = new WeakMap<FunctionNode, boolean>();

/** Cheap, cached: does `fn` (or a wrapper it calls, within `depth`) make a recognised request at all? */
export function sendsRequests(fn: FunctionNode, analysis: AnalysisContext, depth: number, active = new Set<FunctionNode>()): boolean {
  const cached = sendsCache.get(fn);
  if (cached !== undefined) return cached;
  if (active.has(fn) || depth < 0) return false;
  active.add(fn);
  let found = false;
  walk(fn.body, (node) => {
    if (found || node.type !== 'CallExpression') return;
    if (findRequest(node, analysis)) {
      found = true;
      return;
    }
    if (depth > 0) {
      for (const target of findCallTargets(node, analysis, NO_BINDINGS, true)) {
        if (sendsRequests(target.fn, analysis, depth - 1, active)) {
          found = true;
          return;
        }
      }
    }
  }, true);
  active.delete(fn);
  if (found || active.size === 0) sendsCache.set(fn, found);
  return found;
}

// ——— call targets: which function a call runs ———

export function findCallTargets(call: TSESTree.CallExpression, analysis: AnalysisContext, bindings: Bindings, inside: boolean): Target[] {
  const callee = call.callee;
  const targets: Target[] = [];
  if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return targets;
  if (isCallIntoRequestFreeModule(callee, analysis)) return targets;
  for (const option of getOptions(resolveValue(callee, analysis, bindings))) {
    if (option.kind === 'function') targets.push({ fn: option.functionNode });
  }
  if (targets.length === 0 && callee.type === 'MemberExpression') {
    const name = getMemberName(callee, analysis, bindings);
    if (name !== undefined) {
      if (callee.object.type === 'ThisExpression') {
        const classNode = findEnclosingClass(call);
        const method = classNode && findMethod(classNode, name, analysis);
        if (method) targets.push({ fn: method });
      } else {
        for (const option of getOptions(resolveValue(callee.object, analysis, bindings))) {
          if (option.kind === 'instance') {
            const method = findMethod(option.classNode, name, analysis);
            if (method) targets.push({ fn: method, receiver: option });
          } else if (option.kind === 'class') {
            const method = findMethod(option.classNode, name, analysis, true);
            if (method) targets.push({ fn: method });
          }
        }
      }
    }
  }
  // Injected or typed receivers (`this.gateway.perform(…)`): the checker knows the declaration.
  if (targets.length === 0 && !inside && analysis.typeInfo && isTypedTargetCandidate(call)) targets.push(...findTargetsWithTypes(call, analysis));
  return targets;
}

function getClassMemberName(member: TSESTree.ClassElement): string | undefined {
  if (!('key' in member) || member.computed) return undefined;
  if (member.key.type === 'Identifier') return member.key.name;
  if (member.key.type === 'PrivateIdentifier') return `#${member.key.name}`;
  if (member.key.type === 'Literal') return String(member.key.value);
  return undefined;
}

function findMethod(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, analysis: AnalysisContext, isStatic = false, depth = 0): FunctionNode | undefined {
  for (const member of classNode.body.body) {
    if (member.type === 'MethodDefinition' && member.kind === 'method' && member.static === isStatic && getClassMemberName(member) === name) return member.value as FunctionNode;
    if (member.type === 'PropertyDefinition' && member.static === isStatic && getClassMemberName(member) === name && member.value && (member.value.type === 'ArrowFunctionExpression' || member.value.type === 'FunctionExpression')) return member.value;
  }
  if (!classNode.superClass || depth > 3) return undefined;
  for (const option of getOptions(resolveValue(classNode.superClass, analysis))) {
    if (option.kind === 'class') {
      const found = findMethod(option.classNode, name, analysis, isStatic, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Worth asking the checker: an argument looks like an API path or a key. */
function isTypedTargetCandidate(call: TSESTree.CallExpression): boolean {
  const looksLikePath = (text: string) => text.startsWith('/') || text.includes('/v1');
  const looksRelevant = (node: TSESTree.Node): boolean => {
    if (node.type === 'Literal') return typeof node.value === 'string' && looksLikePath(node.value);
    if (node.type === 'TemplateLiteral') return looksLikePath(node.quasis[0]?.value.cooked ?? '');
    if (node.type === 'Identifier') return isKeyLikeName(node.name);
    if (node.type === 'MemberExpression') return !node.computed && (node.property.type === 'Identifier' || node.property.type === 'PrivateIdentifier') && isKeyLikeName(node.property.name);
    if (node.type === 'ObjectExpression') return node.properties.some((property) => property.type === 'Property' && looksRelevant(property.value));
    return false;
  };
  return call.arguments.some(looksRelevant);
}


function findTargetsWithTypes(call: TSESTree.CallExpression, analysis: AnalysisContext): Target[] {
  const typeInfo = analysis.typeInfo!;
  const callee = call.callee;
  const nameNode = callee.type === 'MemberExpression' ? callee.property : callee;
  const targets: Target[] = [];
  for (const declaration of typeInfo.getDeclarations(nameNode)) {
    const withBody = declaration as ts.Node & { body?: ts.Node; initializer?: ts.Node & { body?: ts.Node } };
    const body = withBody.body ?? withBody.initializer?.body;
    if (!body) continue;
    try {
      const fn = findFunctionByBody(body.getSourceFile().fileName, body.getStart(), body.getEnd(), analysis);
      if (fn) targets.push({ fn });
    } catch {
      // a declaration the checker cannot place: no target
    }
  }
  return targets;
}

function findFunctionByBody(fileName: string, start: number, end: number, analysis: AnalysisContext): FunctionNode | undefined {
  const unit = fileName === analysis.unit.filename ? analysis.unit : loadUnit(fileName);
  if (!unit) return undefined;
  registerUnit(unit);
  const fn = getFileIndex(unit.ast).functionsByBodyStart.get(start);
  return fn && fn.body.range[1] === end ? fn : undefined;
}

// ——— identity and labels ———

function preferredLeaves(value: Value, depth = 0): Value[] {
  if (value.kind !== 'alternatives' || depth > 4) return [value];
  const options = value.options.filter((option) => !isEmptyValue(option));
  return options.flatMap((option) => preferredLeaves(option, depth + 1));
}

/** Two uses are the same key when they read the same env var or literal, or write the same binding or property path. */
function findKeyIdentity(value: Value, sites: readonly TSESTree.Node[], context: ScopeContext): string | undefined {
  const leaves = preferredLeaves(value);
  const envNames = leaves.map((leaf) => leafOrigin(leaf)).map((origin) => (origin?.kind === 'env' ? origin.name : undefined));
  if (leaves.length > 0 && envNames.every((name) => name !== undefined)) return `env:${envNames.join('|')}`;
  if (leaves.length === 1) {
    const text = getKnownString(leaves[0]!);
    if (text) return `literal:${text}`;
  }
  const site = sites[0];
  const path = site ? findSitePath(site, context) : undefined;
  // A field set from a constructor parameter holds a different key per instance: not one key.
  if (path?.startsWith('this:') && leaves.some((leaf) => leafOrigin(leaf)?.kind === 'parameter' || leaf.kind === 'unknown')) return undefined;
  return path;
}

function findSitePath(node: TSESTree.Node, context: ScopeContext): string | undefined {
  const names: string[] = [];
  let current: TSESTree.Node = node;
  while (current.type === 'MemberExpression' || current.type === 'TSNonNullExpression' || current.type === 'ChainExpression') {
    if (current.type === 'MemberExpression') {
      const name = getMemberName(current, context.analysis);
      if (name === undefined) return undefined;
      names.unshift(name);
      current = current.object;
    } else {
      current = current.expression;
    }
  }
  if (current.type === 'ThisExpression') {
    const classNode = findEnclosingClass(current);
    return classNode ? `this:${getNodeId(classNode)}.${names.join('.')}` : undefined;
  }
  if (current.type !== 'Identifier') return undefined;
  const variable = findVariableFor(current, context.analysis);
  const definition = variable?.defs[0];
  if (!definition) return undefined;
  return `binding:${getNodeId(definition.name)}.${names.join('.')}`;
}

const MAX_LABEL_LENGTH = 60;

/** `` `this.config.hqKey` ``, `` `process.env.PILOTSTATUS_TENANT_KEY` ``: never a key. */
function describeKey(value: Value, sites: readonly TSESTree.Node[], context: ScopeContext): string {
  const site = sites[0];
  if (site && isInLintedFile(site, context)) {
    const text = context.sourceText.slice(site.range[0], site.range[1]);
    if (text.length <= MAX_LABEL_LENGTH && !text.includes('\n') && findKeys(text, { keyPattern: context.analysis.settings.keyPattern }).length === 0) return `\`${text}\``;
  }
  const leaf = preferredLeaves(value)[0];
  if (leaf) {
    const origin = leafOrigin(leaf);
    if (origin?.kind === 'env') return `\`${describeEnvRead(origin)}\``;
    const name = leafNames(leaf).find((candidate) => isKeyLikeName(candidate));
    if (name) return `\`${name}\``;
    const text = getKnownString(leaf);
    const [match] = text ? findKeys(text, { keyPattern: context.analysis.settings.keyPattern }) : [];
    if (match) return `The key \`${match.redacted}\``;
  }
  return 'The key';
}

/** `POST /v1/numbers/{…}/status`. */
export function describeEndpoint(sent: Pick<SentKey, 'request' | 'endpoint'>): string {
  const path = sent.endpoint.path.replaceAll(HOLE, '{…}');
  return redactText(sent.request.method ? `${sent.request.method} ${path}` : path);
}
