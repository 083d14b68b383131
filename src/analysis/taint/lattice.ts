/**
 * The taint lattice: the `Taint` shapes (key, object, array, opaque, param) with their sources, and
 * the pure operations on them (union, property and element reads, stringify, JSON, leaves, redaction
 * coverage, call signatures). No engine state here.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Redacted } from '../../core/key.js';
import type { FunctionNode } from '../static-value.js';

/** `declared`: a field that the declared type of an object says holds a key (`PilotConfig.apiKey`). */
export type SourceKind = 'literal' | 'env' | 'name' | 'type' | 'declared' | 'header' | 'regenerate' | 'http-error' | 'http-response' | 'parameter';

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

/** Fields of a response or body that never hold the key. */
const NON_KEY_FIELD = /^(?:status|statusCode|statusText|ok|length|size|type|redirected|bodyUsed|url|headers|message|error|errors|code|scope|prefix|preview|masked|last4|hint|\w*(?:At|Date|Time|Count))$/;
/** Properties of an HTTP client error (or axios response) that embed the request, key header included. */
const ERROR_REQUEST_FIELDS = new Set(['config', 'request', 'options']);
/** Properties of such a request object that are request objects again (got's `request.options`, Node's `_currentRequest`). */
const NESTED_REQUEST_FIELDS = ['config', 'request', 'options', '_currentRequest', '_options'];
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
export function findParamLeaf(taint: Taint | undefined, fn: FunctionNode, depth = 0): ParamRef | undefined {
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

// ——— taint operations ———

export function makeObject(fields: Map<string, Taint>, rest: Taint | undefined, array: boolean): Taint | undefined {
  if (fields.size === 0 && !rest) return undefined;
  const first = fields.values().next().value ?? rest!;
  const source = findConcreteLeaf(first)?.source ?? first.source;
  return { shape: 'object', source, fields, ...(rest ? { rest } : {}), ...(array ? { array } : {}) };
}

export function arrayOf(values: readonly (Taint | undefined)[]): Taint | undefined {
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
export function readProperty(value: Taint | undefined, name: string): Taint | undefined {
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
      if (name === 'toJSON') return { shape: 'opaque', source: value.source };
      return ERROR_REQUEST_FIELDS.has(name) ? requestObjectTaint(value.source) : undefined;
    case 'param':
      if (value.param!.conversion !== 'none') return undefined;
      if (name === 'length') return undefined;
      return { ...value, param: { ...value.param!, path: [...value.param!.path, name] } };
    default:
      return undefined;
  }
}

/**
 * The request config / options / request object inside an HTTP client error: its `headers` hold the
 * key header (so `headers['content-type']` stays clean), as do the serialised head (`_header`) and
 * the request objects nested in it; `url`, `method`, `timeout` and the rest do not.
 */
export function requestObjectTaint(source: TaintSource): Taint {
  let taint = requestObjects.get(source);
  if (!taint) requestObjects.set(source, (taint = buildRequestObject(source, 2)));
  return taint;
}

/** One request object per error source: it is read once per property access, and taints are immutable. */
const requestObjects = new WeakMap<TaintSource, Taint>();

function buildRequestObject(source: TaintSource, depth: number): Taint {
  const key: Taint = { shape: 'string', source };
  const headers = makeObject(new Map([['x-api-key', key], ['x-api-key-id', key]]), undefined, false)!;
  const fields = new Map<string, Taint>([['headers', headers], ['_header', key]]);
  if (depth > 0) for (const name of NESTED_REQUEST_FIELDS) fields.set(name, buildRequestObject(source, depth - 1));
  return makeObject(fields, undefined, false)!;
}

export function elementOf(value: Taint | undefined): Taint | undefined {
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
export function stringify(value: Taint | undefined): Taint | undefined {
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

export function stringOf(value: Taint): Taint | undefined {
  return value.shape === 'param' ? value : stringify(value) ?? { shape: 'string', source: value.source };
}

/** The taint of `JSON.stringify(value)` (axios errors serialise their config through `toJSON`). */
export function toJson(value: Taint | undefined): Taint | undefined {
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

export function findParamLeafAny(taint: Taint | undefined, depth = 0): ParamRef | undefined {
  if (!taint || depth > 6) return undefined;
  if (taint.shape === 'param') return taint.param;
  if (taint.shape !== 'object') return undefined;
  for (const field of taint.fields?.values() ?? []) {
    const found = findParamLeafAny(field, depth + 1);
    if (found) return found;
  }
  return findParamLeafAny(taint.rest, depth + 1);
}

export function signatureOf(taint: Taint | undefined, depth = 0): string {
  if (!taint) return '-';
  const head = `${taint.shape}@${taint.source.node.range[0]}:${taint.source.kind}`;
  if (taint.shape === 'param') return `${head}#${taint.param!.fn.range[0]}.${taint.param!.index}.${taint.param!.path.join('.')}.${taint.param!.conversion}`;
  if (taint.shape !== 'object' || depth > 2) return head;
  const fields = [...(taint.fields ?? [])].map(([key, field]) => `${key}=${signatureOf(field, depth + 1)}`).join(',');
  return `${head}{${fields}${taint.rest ? `,...${signatureOf(taint.rest, depth + 1)}` : ''}}`;
}
