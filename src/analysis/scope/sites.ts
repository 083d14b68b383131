/**
 * Where the key meets the path: the sent keys of a request or of a wrapper call (helper, class method,
 * transport through `this`), the sites a key is written at, and the key's identity and labels.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE, KEY_HEADER, KEY_ID_HEADER, type ApiEndpoint } from '../../core/api-model.js';
import { findKeys, redactText } from '../../core/key.js';
import { isKeyLikeName } from '../../core/names.js';
import { findEnclosingClass, findEnclosingFunction } from '../ast.js';
import { describeEnvRead } from '../key-value.js';
import { findApiTarget, findRequest, type HeaderEntry, type RequestModel } from '../request-model.js';
import { bindArguments, bindParametersAsUnknown, bindReceiver, findVariableFor, getKnownString, getMemberName, resolveValue, walk, NO_BINDINGS, type AnalysisContext, type Bindings, type FunctionNode, type Value } from '../static-value.js';
import { type KeyScopeInference, type ScopeContext, inferKeyScope, isEmptyValue, leafOrigin, leafNames, isInLintedFile } from './inference.js';
import { findCallTargets } from './targets.js';
import { walkReachedRequests, type WrapperStep } from '../reached-requests.js';

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

type ChainStep = WrapperStep;

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
  const results: SentKey[] = [];
  walkReachedRequests(fn, bindings, depth, chain, context.analysis, active, (request, call, steps) => {
    const sent = describeSentKey(call, request, steps, context);
    if (sent) results.push(sent);
  });
  return results;
}

const decidedInsideCache = new WeakMap<FunctionNode, Map<number, Set<string>>>();

/** Requests in `fn` (through its own wrappers) whose endpoint and key are decided without any call's arguments. */
function getDecidedInside(fn: FunctionNode, depth: number, context: ScopeContext): Set<string> {
  let byDepth = decidedInsideCache.get(fn);
  if (!byDepth) decidedInsideCache.set(fn, (byDepth = new Map<number, Set<string>>()));
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
