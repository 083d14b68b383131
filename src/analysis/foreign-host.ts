/**
 * A PilotStatus key sent somewhere that is not PilotStatus: another vendor's API, or a URL that the
 * sender of an incoming request chose (a callback URL in a body, a webhook payload field, a query
 * parameter). Whoever runs that host receives the key.
 *
 * Destinations come from the request model's URL value; keys from `key-value.ts` (literals, key
 * names, brand types), looked for in every header, the URL and the body/query options.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE, isPilotStatusHost, parseUrlText } from '../core/api-model.js';
import { isKeyLikeName, toUpperSnake } from '../core/names.js';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import { findKeyEvidence, type KeyEvidence } from './key-value.js';
import { findApiTarget, type RequestModel } from './request-model.js';
import { findVariableFor, getMemberName, getPatternSteps, getOptions, getPatternText, resolveValue, walk, type AnalysisContext, type Value } from './static-value.js';

export type Destination =
  | { kind: 'vendor'; host: string }
  /** `node`: the expression the URL is taken from (`notice.callbackUrl`). */
  | { kind: 'untrusted'; node: TSESTree.Node };

export interface SentPilotKey {
  evidence: KeyEvidence;
  /** `header \`x-api-key\``, `the body`, `the URL`. */
  where: string;
  /**
   * The evidence itself says PilotStatus (a `ps_` literal, a brand type, a name with PILOT/PS in it).
   * Names such as `WHATSAPP_TOKEN` or `EVOLUTION_API_KEY` are also other vendors' keys: they count
   * only when the file sends the same key to PilotStatus too.
   */
  strong: boolean;
  /** The env var or name, to match weak evidence against the keys a file sends to PilotStatus. */
  identity: string | undefined;
  /** The lower-cased header name, when the key is sent in a header. */
  header?: string;
}

export interface ForeignSend {
  destination: Destination;
  keys: SentPilotKey[];
}

/** The PilotStatus keys `request` sends to a foreign destination, if it does. */
export function findForeignSend(request: RequestModel, analysis: AnalysisContext): ForeignSend | undefined {
  if (request.client === 'sdk') return undefined;
  const destination = findForeignDestination(request, analysis);
  if (!destination) return undefined;
  const keys = findSentPilotKeys(request, analysis).filter((key) => key.header === undefined || !isHeaderDeletedBefore(request.node, key.header, analysis));
  return keys.length === 0 ? undefined : { destination, keys };
}

/** The PilotStatus keys a request carries anywhere (headers, URL, body and query options). */
export function findSentPilotKeys(request: RequestModel, analysis: AnalysisContext): SentPilotKey[] {
  const found: SentPilotKey[] = [];
  for (const entry of request.headers.entries) {
    const evidence = findKeyEvidence(entry.value, analysis, entry.valueNode);
    if (evidence) found.push({ ...describe(evidence, `the header \`${entry.name}\``, analysis), header: entry.lowerName });
  }
  const inUrl = request.url && findUrlKey(request.url, analysis);
  if (inUrl) found.push(describe(inUrl, 'the URL', analysis));
  for (const payload of request.payload ?? []) {
    const evidence = findKeyDeep(payload, analysis, 0);
    if (evidence) found.push(describe(evidence, 'the request body or query', analysis));
  }
  return found.filter((key) => !isOtherVendorKey(key.evidence, analysis));
}

/** True when the URL of `request` is a PilotStatus API URL (host in `apiHosts`, or a `urlNames` name). */
export function isPilotStatusRequest(request: RequestModel, analysis: AnalysisContext): boolean {
  return request.client === 'sdk' || findApiTarget(request.url, analysis) !== undefined;
}

/**
 * `delete headers['x-api-key']` or `headers.delete('x-api-key')` earlier in the function that sends
 * the request: a relay that strips the key from a copied headers object (value resolution does not
 * model `delete`). Asked only for a request that reaches a foreign destination with a key.
 */
function isHeaderDeletedBefore(call: TSESTree.Node, lowerName: string, analysis: AnalysisContext): boolean {
  let scope: TSESTree.Node = call;
  while (scope.parent && scope.type !== 'FunctionDeclaration' && scope.type !== 'FunctionExpression' && scope.type !== 'ArrowFunctionExpression') scope = scope.parent;
  let deleted = false;
  const isName = (node: TSESTree.Node | undefined) => node?.type === 'Literal' && typeof node.value === 'string' && node.value.toLowerCase() === lowerName;
  walk(scope, (node) => {
    if (deleted || node.range[0] >= call.range[0]) return;
    if (node.type === 'UnaryExpression' && node.operator === 'delete' && node.argument.type === 'MemberExpression') {
      deleted = getMemberName(node.argument, analysis)?.toLowerCase() === lowerName;
    } else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && getMemberName(node.callee, analysis) === 'delete') {
      deleted = isName(node.arguments[0]);
    }
  });
  return deleted;
}

// ——— destinations ———

/** Hosts that are never someone else's: loopback, single-label (docker, test servers), reserved names. */
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|[^.]+)$|\.(?:localhost|local|test|example|invalid|internal)$|(?:^|\.)example\.(?:com|org|net)$/i;

function findForeignDestination(request: RequestModel, analysis: AnalysisContext): Destination | undefined {
  const url = request.url;
  if (!url || findApiTarget(url, analysis)) return undefined;
  let vendor: string | undefined;
  let untrusted: TSESTree.Node | undefined;
  for (const option of getOptions(url)) {
    if (option.kind === 'string') {
      const text = getPatternText(option) ?? '';
      const host = parseUrlText(text)?.host;
      const domain = host ?? findDomainAfterHole(text);
      if (domain !== undefined) {
        if (isPilotStatusHost(domain, analysis.settings.apiHosts)) return undefined;
        if (!LOCAL_HOST.test(domain)) vendor ??= host ?? `*.${domain}`;
        continue;
      }
    } else if (option.kind === 'unknown') {
      untrusted ??= findUntrustedSource(option.node, analysis, 0);
    }
  }
  // A template or concatenation whose head is untrusted: the hole remembers no node, the AST does.
  const urlArgument = findUrlArgument(request);
  if (!vendor && !untrusted && urlArgument) untrusted = findUntrustedSource(urlArgument, analysis, 0);
  if (vendor) return { kind: 'vendor', host: vendor };
  return untrusted ? { kind: 'untrusted', node: untrusted } : undefined;
}

/** `https://${tenant}.vendor.io/…`: the registered domain written after the hole, when there is one. */
function findDomainAfterHole(text: string): string | undefined {
  const authority = /^(?:https?:)?\/\/([^/?#]*)/i.exec(text)?.[1];
  if (!authority?.includes(HOLE)) return undefined;
  const suffix = authority.slice(authority.lastIndexOf(HOLE) + 1).replace(/:\d+$/, '');
  return /^\.(?:[a-z0-9-]+\.)+[a-z]{2,}$/i.test(suffix) ? suffix.slice(1).toLowerCase() : undefined;
}

function findUrlArgument(request: RequestModel): TSESTree.Node | undefined {
  const first = request.node.arguments[0];
  if (!first || first.type === 'SpreadElement' || first.type === 'ObjectExpression') return undefined;
  return first;
}

const INCOMING_NAMES = /^(?:req|request|incomingRequest|incoming)$/;
/** Parts of an incoming request its sender writes. */
const INCOMING_PARTS = new Set(['body', 'query', 'params', 'headers', 'searchParams', 'cookies', 'payload']);
/** Methods of an incoming request (fetch `Request`, Hono, Koa) that read what its sender wrote. */
const INCOMING_READS = new Set(['json', 'text', 'formData', 'query', 'queries', 'param', 'header', 'parseBody', 'valid']);
/** Parameters that hold a webhook's delivery. */
const PAYLOAD_PARAMETERS = /^(?:payload|webhookPayload|webhookEvent|requestBody|incomingBody)$/;

/**
 * The expression an untrusted URL is read from (`notice.callbackUrl` after `notice = await
 * request.json()`), following `const` bindings, templates and concatenations by their head,
 * `new URL(…)`, `JSON.parse` and member reads.
 */
export function findUntrustedSource(node: TSESTree.Node, analysis: AnalysisContext, depth: number): TSESTree.Node | undefined {
  if (depth > 12) return undefined;
  const next = (inner: TSESTree.Node | null | undefined) => (inner ? findUntrustedSource(inner, analysis, depth + 1) : undefined);
  switch (node.type) {
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'ChainExpression':
      return next(node.expression) && node;
    case 'AwaitExpression':
      return next(node.argument) && node;
    case 'TemplateLiteral':
      // Only the head decides the host: `${base}/cb?u=${input}` goes to `base`.
      return node.quasis[0]?.value.cooked === '' && node.expressions[0] ? next(node.expressions[0]) && node : undefined;
    case 'BinaryExpression':
      return node.operator === '+' ? next(node.left) && node : undefined;
    case 'LogicalExpression':
      return (next(node.left) ?? next(node.right)) && node;
    case 'ConditionalExpression':
      return (next(node.consequent) ?? next(node.alternate)) && node;
    case 'NewExpression':
      if (node.callee.type === 'Identifier' && node.callee.name === 'URL') {
        const [path, base] = node.arguments;
        return (next(path) ?? next(base)) && node;
      }
      return undefined;
    case 'CallExpression':
      return findUntrustedCall(node, analysis, depth) && node;
    case 'MemberExpression': {
      const name = getMemberName(node, analysis);
      if (name !== undefined && INCOMING_PARTS.has(name) && isIncomingRequest(node.object, analysis)) return node;
      if (name === 'searchParams' && isIncomingUrl(node.object, analysis, depth)) return node;
      // A field of untrusted data is untrusted; the request's own `url` is ours, not its sender's.
      if (name === 'url' && isIncomingRequest(node.object, analysis)) return undefined;
      return next(node.object) && node;
    }
    case 'Identifier':
      return findUntrustedBinding(node, analysis, depth) && node;
    default:
      return undefined;
  }
}

function findUntrustedCall(node: TSESTree.CallExpression, analysis: AnalysisContext, depth: number): TSESTree.Node | undefined {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression') {
    // String(x), decodeURIComponent(x)
    if (callee.type === 'Identifier' && ['String', 'decodeURIComponent', 'decodeURI'].includes(callee.name) && node.arguments[0]) return findUntrustedSource(node.arguments[0], analysis, depth + 1);
    return undefined;
  }
  const method = getMemberName(callee, analysis);
  if (method === undefined) return undefined;
  if (method === 'parse' && callee.object.type === 'Identifier' && callee.object.name === 'JSON' && node.arguments[0]) return findUntrustedSource(node.arguments[0], analysis, depth + 1);
  if (INCOMING_READS.has(method) && isIncomingRequest(callee.object, analysis)) return node;
  // `url.searchParams.get('callback')`, `form.get('url')`, `input.trim()`: the receiver decides.
  if (['get', 'getAll', 'trim', 'toString', 'valueOf'].includes(method)) return findUntrustedSource(callee.object, analysis, depth + 1);
  return undefined;
}

function findUntrustedBinding(node: TSESTree.Identifier, analysis: AnalysisContext, depth: number): TSESTree.Node | undefined {
  const variable = findVariableFor(node, analysis);
  const definition = variable?.defs[0];
  if (!variable || !definition) return undefined;
  if (definition.type === 'Parameter') return PAYLOAD_PARAMETERS.test(node.name) || hasRequestDecorator(definition.name) ? node : undefined;
  if (definition.type !== 'Variable') return undefined;
  // a binding written more than once may hold anything by the time it is used
  if (variable.references.filter((reference) => reference.isWrite()).length > 1) return undefined;
  const declarator = definition.node;
  if (!declarator.init) return undefined;
  // `const { searchParams } = new URL(request.url)`, `const { body } = req`: the part taken decides.
  if (declarator.id.type === 'ObjectPattern') {
    const [first] = getPatternSteps(declarator.id, definition.name).steps;
    const taken = first?.property && !first.property.computed && first.property.key.type === 'Identifier' ? first.property.key.name : undefined;
    if (taken === 'searchParams' && isIncomingUrl(declarator.init, analysis, depth)) return node;
    if (taken !== undefined && INCOMING_PARTS.has(taken) && isIncomingRequest(declarator.init, analysis)) return node;
  }
  return findUntrustedSource(declarator.init, analysis, depth + 1);
}

/** Handler parameters that hold the incoming request's event (SvelteKit, Hono, Koa, Netlify). */
const EVENT_NAMES = /^(?:event|ctx|context|c)$/;

/** The incoming request's own URL: `request.url`, `event.url`, a destructured `url` parameter, `new URL(request.url)`. */
function isIncomingUrl(node: TSESTree.Node, analysis: AnalysisContext, depth: number): boolean {
  if (depth > 12) return false;
  if (node.type === 'MemberExpression') {
    if (getMemberName(node, analysis) !== 'url') return false;
    const object = node.object;
    return isIncomingRequest(object, analysis) || (object.type === 'Identifier' && EVENT_NAMES.test(object.name) && findVariableFor(object, analysis)?.defs[0]?.type === 'Parameter');
  }
  if (node.type === 'NewExpression') {
    return node.callee.type === 'Identifier' && node.callee.name === 'URL' && node.arguments.length === 1 && isIncomingUrl(node.arguments[0]!, analysis, depth + 1);
  }
  if (node.type !== 'Identifier') return false;
  const definition = findVariableFor(node, analysis)?.defs[0];
  // `({ url }) => …`: SvelteKit's load and handlers receive the request URL as `url`
  if (definition?.type === 'Parameter') return node.name === 'url' && definition.name.parent?.type === 'Property';
  if (definition?.type !== 'Variable') return false;
  const declarator = definition.node;
  return declarator.id.type === 'Identifier' && declarator.init !== null && isIncomingUrl(declarator.init, analysis, depth + 1);
}

/** NestJS and routing-controllers parameter decorators that hand over what the request's sender wrote. */
const REQUEST_DECORATORS = new Set(['Body', 'Query', 'Param', 'Params', 'Headers', 'Req', 'Request', 'QueryParam', 'QueryParams', 'BodyParam', 'HeaderParam']);

/** `@Body() dto`, `@Query('callback') callback`: the parameter's decorator says it is request input. */
function hasRequestDecorator(name: TSESTree.Node): boolean {
  const parameter = name.parent?.type === 'TSParameterProperty' ? name.parent : name;
  const decorators = (parameter as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  return decorators.some((decorator) => {
    const expression = decorator.expression.type === 'CallExpression' ? decorator.expression.callee : decorator.expression;
    return expression.type === 'Identifier' && REQUEST_DECORATORS.has(expression.name);
  });
}

/** `req`, `request`, `ctx.request`, `event.request`, `c.req`: an incoming request handed to a handler. */
function isIncomingRequest(node: TSESTree.Node, analysis: AnalysisContext): boolean {
  if (node.type === 'MemberExpression') {
    const name = getMemberName(node, analysis);
    return name !== undefined && INCOMING_NAMES.test(name) && node.object.type === 'Identifier' && isParameterOrFromParameter(node.object, analysis);
  }
  return node.type === 'Identifier' && INCOMING_NAMES.test(node.name) && isParameterOrFromParameter(node, analysis);
}

/** A parameter (`(req, res)`, `({ request })`), or a `const` destructured from one (`const { request } = event`). */
function isParameterOrFromParameter(node: TSESTree.Identifier, analysis: AnalysisContext): boolean {
  const definition = findVariableFor(node, analysis)?.defs[0];
  if (definition?.type === 'Parameter') return true;
  if (definition?.type !== 'Variable') return false;
  const init = definition.node.init;
  return init?.type === 'Identifier' && findVariableFor(init, analysis)?.defs[0]?.type === 'Parameter';
}

// ——— keys ———

const PILOTSTATUS_WORD = /(^|_)(PILOT_?STATUS|PILOT|PS|MONITOR_?STATUS)(_|$)/;

function describe(evidence: KeyEvidence, where: string, analysis: AnalysisContext): SentPilotKey {
  const names = evidence.envName ? [evidence.envName, ...evidence.names] : evidence.names;
  const strong =
    evidence.kind === 'literal' || evidence.kind === 'type' || analysis.settings.keyNames !== DEFAULT_SETTINGS.keyNames || names.some((name) => PILOTSTATUS_WORD.test(toUpperSnake(name)));
  return { evidence, where, strong, identity: evidence.envName ?? evidence.names.find((name) => isKeyLikeName(name)) };
}

/** Names that say "a credential" without saying whose (`apiKey`, the `x-api-key` header). */
const GENERIC_KEY_NAME = /^(?:X_)?(?:API_?KEY|KEY|TOKEN|SECRET|SECRET_?KEY|ACCESS_?TOKEN|AUTH_?TOKEN|API_?TOKEN|KEY_?ID|API_?KEY_?ID)$/;

/** A `ps_` literal held by a key-named binding of some other service (`ACME_API_KEY = 'ps_…'`): that service's key. */
function isOtherVendorKey(evidence: KeyEvidence, analysis: AnalysisContext): boolean {
  if (evidence.kind !== 'literal') return false;
  const keyNames = evidence.names.filter((name) => isKeyLikeName(name) && !GENERIC_KEY_NAME.test(toUpperSnake(name)));
  return keyNames.length > 0 && !keyNames.some((name) => new RegExp(analysis.settings.keyNames, 'i').test(toUpperSnake(name)));
}

/** A key in the URL: in a hole or written into the text (the host part never holds one). */
function findUrlKey(url: Value, analysis: AnalysisContext): KeyEvidence | undefined {
  for (const option of getOptions(url)) {
    if (option.kind !== 'string') continue;
    // Only the parts: the URL's own binding name (`webhookUrl`) says nothing about a key.
    const evidence = findKeyEvidence({ ...option, trail: [] }, analysis);
    if (evidence) return evidence;
  }
  return undefined;
}

/** A key anywhere in a body or query value: object fields, array items, `JSON.stringify(…)`, `new URLSearchParams(…)`. */
function findKeyDeep(value: Value, analysis: AnalysisContext, depth: number): KeyEvidence | undefined {
  if (depth > 6) return undefined;
  for (const option of getOptions(value)) {
    let evidence: KeyEvidence | undefined;
    if (option.kind === 'object') {
      for (const property of option.properties.values()) {
        evidence = findKeyDeep(property, analysis, depth + 1);
        if (evidence) break;
      }
    } else if (option.kind === 'array') {
      for (const element of option.elements) {
        evidence = findKeyDeep(element, analysis, depth + 1);
        if (evidence) break;
      }
    } else if (option.kind === 'unknown' && option.origin?.kind === 'expression' && isSerialisation(option.origin.node)) {
      const argument = (option.origin.node as TSESTree.CallExpression).arguments[0];
      if (argument && argument.type !== 'SpreadElement') evidence = findKeyDeep(resolveValue(argument, analysis), analysis, depth + 1);
    } else if (option.kind === 'string') {
      evidence = findKeyEvidence(option, analysis);
      for (const segment of option.segments) {
        if (evidence) break;
        if (typeof segment !== 'string' && segment.source) evidence = findKeyDeep(segment.source, analysis, depth + 1);
      }
    } else if (option.kind === 'unknown') {
      evidence = findKeyEvidence(option, analysis);
    }
    if (evidence) return evidence;
  }
  return undefined;
}

/** `JSON.stringify(x)`, `new URLSearchParams(x)`, `qs.stringify(x)`: the argument is what is sent. */
function isSerialisation(node: TSESTree.Node): boolean {
  if (node.type === 'NewExpression') return node.callee.type === 'Identifier' && node.callee.name === 'URLSearchParams';
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return false;
  return node.callee.property.name === 'stringify';
}
