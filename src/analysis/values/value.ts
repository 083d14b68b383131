/**
 * The Value model: what an expression evaluates to (strings as segments with holes, alternatives,
 * objects, functions, instances…), the analysis context, binding state, and the pure operations on
 * values (constructors, alternatives, concatenation, known text). No resolution here.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { HOLE } from '../../core/api-model.js';
import type { PilotStatusSettings } from '../../core/settings.js';
import type { FunctionNode } from '../ast.js';
import type { ModuleUnit } from '../module-graph.js';
import type { TypeInfo } from '../type-info.js';

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

export interface AnalysisContext {
  /** The file being linted. */
  unit: ModuleUnit;
  settings: PilotStatusSettings;
  typeInfo: TypeInfo | undefined;
  /**
   * Whether a string literal type can decide a finding in this file; false where the only words that
   * say key are the file's own key headers (`hasOnlyOwnKeyWords` in `context.ts`). Asked only before
   * the checker would be.
   */
  literalTypesMatter?: () => boolean;
}

/** Resolution state: bindings fixed by the caller (parameters, the value of a `let` so far) and a budget. */
export interface State {
  bindings: ReadonlyMap<Scope.Variable, Value>;
  depth: number;
  /** Functions being evaluated, against recursion. */
  active: ReadonlySet<TSESTree.Node>;
  /** The instance `this` stands for in methods of its class, when one call's receiver is known. */
  receiver?: Extract<Value, { kind: 'instance' }>;
}

const MAX_ALTERNATIVES = 12;
export const EMPTY_STATE: State = { bindings: new Map(), depth: 0, active: new Set() };

/** Opaque caller bindings: the parameters of a function bound to the arguments of one call. */
export type Bindings = State;
export const NO_BINDINGS: Bindings = EMPTY_STATE;

export function unknown(node: TSESTree.Node, origin?: Origin, trail: readonly string[] = []): Value {
  return { kind: 'unknown', origin, trail, node };
}

export function stringValue(segments: readonly Segment[], node: TSESTree.Node, trail: readonly string[] = []): Value {
  return { kind: 'string', segments: mergeSegments(segments), trail, node };
}

export function withTrail(value: Value, name: string): Value {
  if (value.trail[0] === name) return value;
  return { ...value, trail: [name, ...value.trail] };
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

export function getTruthiness(value: Value): boolean | undefined {
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
