/**
 * Is this value a PilotStatus key, and what says so? A `ps_` literal, an env var whose name says
 * key, a binding or property whose name says key, or (with types) a key brand. The evidence is
 * described in redacted, printable form for messages.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findKeys, type Redacted } from '../core/key.js';
import { isKeyIdName, isPilotStatusKeyName } from '../core/names.js';
import { getOptions, type AnalysisContext, type Origin, type Value } from './static-value.js';
import { describeTypeNames, isStringBased } from './type-info.js';

export interface KeyEvidence {
  kind: 'literal' | 'env' | 'name' | 'type';
  /** Printable description: `` `process.env.PILOTSTATUS_API_KEY` ``, the redacted literal, `` `apiKey` ``. */
  label: Redacted;
  /** The env var that provides the key, when it is one. */
  envName: string | undefined;
  /** Names the value travelled through (bindings, properties, env var). */
  names: readonly string[];
  isKeyId: boolean;
}

/** Key brand type names: the package's own and user-declared ones. */
export const KEY_TYPE_NAME = /^(?:PilotStatus|Pilot)?(?:Tenant|Number)?(?:Scoped)?(?:Api)?Key(?:Id)?$|^(?:PilotStatus|Tenant|Number)\w*Key$/;

/** A key brand's name: `KEY_TYPE_NAME`, but not a bare `Key` or `KeyId` (`type Key = keyof Env` is everywhere). */
export function isKeyBrandName(name: string): boolean {
  return name !== 'Key' && name !== 'KeyId' && KEY_TYPE_NAME.test(name);
}
/** `isKeyBrandName` as a pattern, for the program-wide text test. */
const BRAND_NAME_TO_ASK = new RegExp(`^(?!Key(?:Id)?$)(?:${KEY_TYPE_NAME.source})`);

/** With types: whether some type alias of the program may be a key brand (without types, none is asked). */
export function mayDeclareKeyBrand(context: AnalysisContext): boolean {
  return context.typeInfo?.declaresAliasNamed(BRAND_NAME_TO_ASK) ?? false;
}

export function findKeyEvidence(value: Value, context: AnalysisContext, node?: TSESTree.Node): KeyEvidence | undefined {
  for (const option of getOptions(value)) {
    const evidence = findOptionEvidence(option, context);
    if (evidence) return evidence;
  }
  if (node && context.typeInfo) return findTypeEvidence(node, context);
  return undefined;
}

function findOptionEvidence(value: Value, context: AnalysisContext): KeyEvidence | undefined {
  if (value.kind === 'string') {
    for (const segment of value.segments) {
      if (typeof segment === 'string') {
        const [match] = findKeys(segment, { keyPattern: context.settings.keyPattern });
        if (match) return { kind: 'literal', label: match.redacted, envName: undefined, names: value.trail, isKeyId: false };
      } else {
        const evidence = fromOrigin(segment.origin, [...value.trail, ...segment.trail], context);
        if (evidence) return evidence;
      }
    }
    return fromNames(value.trail, context);
  }
  if (value.kind === 'unknown') return fromOrigin(value.origin, value.trail, context);
  return undefined;
}

function fromOrigin(origin: Origin | undefined, trail: readonly string[], context: AnalysisContext): KeyEvidence | undefined {
  if (origin?.kind === 'env' && isPilotStatusKeyName(origin.name, context.settings)) {
    return { kind: 'env', label: `\`${describeEnvRead(origin)}\`` as Redacted, envName: origin.name, names: [...trail, origin.name], isKeyId: isKeyIdName(origin.name) };
  }
  return fromNames(trail, context);
}

function fromNames(trail: readonly string[], context: AnalysisContext): KeyEvidence | undefined {
  const name = trail.find((candidate) => isPilotStatusKeyName(candidate, context.settings));
  if (!name) return undefined;
  return { kind: 'name', label: `\`${name}\`` as Redacted, envName: undefined, names: trail, isKeyId: isKeyIdName(name) };
}

export function describeEnvRead(origin: Extract<Origin, { kind: 'env' }>): string {
  const node = origin.node;
  if (node.type === 'CallExpression') return `Deno.env.get('${origin.name}')`;
  if (node.type === 'MemberExpression' && node.object.type === 'MemberExpression' && node.object.object.type === 'MetaProperty') return `import.meta.env.${origin.name}`;
  if (node.type === 'MemberExpression' && node.object.type === 'MemberExpression' && node.object.object.type === 'Identifier' && node.object.object.name === 'process') return `process.env.${origin.name}`;
  return origin.name;
}

function findTypeEvidence(node: TSESTree.Node, context: AnalysisContext): KeyEvidence | undefined {
  const typeInfo = context.typeInfo!;
  if (!mayDeclareKeyBrand(context)) return undefined;
  const type = typeInfo.getType(node);
  if (!type) return undefined;
  const checker = typeInfo.getChecker();
  const brand = describeTypeNames(type, checker).find(isKeyBrandName);
  // a brand is a string; `interface ApiKey { id; name }` describes a key, it holds none
  if (!brand || !isStringBased(type, checker)) return undefined;
  return { kind: 'type', label: `a value of type \`${brand}\`` as Redacted, envName: undefined, names: [brand], isKeyId: /Id$/.test(brand) };
}
