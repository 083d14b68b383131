/**
 * Key scope inference on one value: the public types, `inferKeyScope` (fallback chains decided by
 * their preferred option, other alternatives must agree), name evidence along the trail, and type
 * evidence (key brands, user brands, aliases named like a scoped key).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { findScopeFromName, isKeyLikeName, type KeyScope } from '../../core/names.js';
import { describeEnvRead } from '../key-value.js';
import { findUnitOf, getKnownString, type AnalysisContext, type Value } from '../static-value.js';
import { findLeafJsDocScope, findSiteJsDocScope } from './jsdoc.js';

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

export function isEmptyValue(value: Value): boolean {
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

export function leafOrigin(value: Value): Extract<Value, { kind: 'unknown' }>['origin'] {
  if (value.kind === 'unknown') return value.origin;
  if (value.kind === 'string' && value.segments.length === 1 && typeof value.segments[0] !== 'string') return value.segments[0]!.origin;
  return undefined;
}

/** Names a leaf value carries, innermost first: its env var, then the bindings and properties it passed. */
export function leafNames(value: Value): string[] {
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

export function isInLintedFile(node: TSESTree.Node, context: ScopeContext): boolean {
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
