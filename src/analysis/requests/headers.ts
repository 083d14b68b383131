/**
 * Headers and URLs of a request: config properties, header entries merged from every source,
 * header writes on instances, and joining a base URL with a path.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { KEY_HEADER, KEY_ID_HEADER } from '../../core/api-model.js';
import { alternatives, concatValues, getOptions, getPatternText, stringValue, type Value } from '../static-value.js';
import type { HeaderEntry, HeadersModel } from './model.js';

// ——— headers ———

/** The named body and query options of request configs. */
export function findPayload(configs: Array<Value | undefined>, names: readonly string[]): Value[] {
  const found: Value[] = [];
  for (const config of configs) {
    const value = config && getConfigProperty(config, names);
    if (value) found.push(value);
  }
  return found;
}

export function getConfigProperty(config: Value, names: readonly string[]): Value | undefined {
  const found: Value[] = [];
  for (const option of getOptions(config)) {
    if (option.kind !== 'object') continue;
    for (const name of names) {
      const property = option.properties.get(name);
      if (property) found.push(property);
    }
  }
  return found.length === 0 ? undefined : alternatives(found, found[0]!.node);
}

export function entriesOf(object: Extract<Value, { kind: 'object' }>, fallbackNode: TSESTree.Node): HeaderEntry[] {
  return [...object.properties].map(([name, value]) => {
    const valueNode = findWrittenValue(object.node, name);
    // where the header is written (`'x-api-key': apiKey`), not where its value was declared (a parameter)
    const written = valueNode?.parent?.type === 'Property' ? valueNode.parent : undefined;
    return { name, lowerName: name.toLowerCase(), value, node: written ?? (value.node.parent?.type === 'Property' ? value.node.parent : value.node ?? fallbackNode), valueNode };
  });
}

/** The value expression of the property `name` written in the object literal `node`. */
function findWrittenValue(node: TSESTree.Node, name: string): TSESTree.Node | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  for (let index = node.properties.length - 1; index >= 0; index--) {
    const property = node.properties[index]!;
    // a later spread may override the property: the written value is then not certain
    if (property.type === 'SpreadElement') return undefined;
    if (property.kind !== 'init') continue;
    const key = property.key;
    const keyName = !property.computed && key.type === 'Identifier' ? key.name : key.type === 'Literal' ? String(key.value) : undefined;
    if (keyName === name) return property.value;
  }
  return undefined;
}

export function mergeHeaders(sources: Array<Value | undefined>, configKnown: boolean): HeadersModel {
  const entries: HeaderEntry[] = [];
  let complete = configKnown;
  for (const source of sources) {
    if (!source) continue;
    for (const option of getOptions(source)) {
      if (option.kind === 'object') {
        entries.push(...entriesOf(option, option.node));
        if (option.open) complete = false;
        // axios instance headers may be grouped: { common: {...}, post: {...} }
        for (const group of ['common', 'get', 'post', 'put', 'patch', 'delete']) {
          const nested = option.properties.get(group);
          if (nested?.kind === 'object') entries.push(...entriesOf(nested, nested.node));
        }
      } else {
        complete = false;
      }
    }
  }
  return { entries, complete };
}

/** Header entries by lower-cased name. */
export function findHeader(headers: HeadersModel, lowerName: string): HeaderEntry | undefined {
  return headers.entries.find((entry) => entry.lowerName === lowerName);
}

export function hasKeyHeader(headers: HeadersModel): boolean {
  return headers.entries.some((entry) => entry.lowerName === KEY_HEADER || entry.lowerName === KEY_ID_HEADER);
}

export function joinBase(base: Value, path: Value, node: TSESTree.Node): Value {
  const results: Value[] = [];
  for (const pathOption of getOptions(path)) {
    const pathText = getPatternText(pathOption);
    if (pathText !== undefined && /^[a-z]+:\/\//i.test(pathText)) {
      results.push(pathOption);
      continue;
    }
    for (const baseOption of getOptions(base)) {
      const baseText = getPatternText(baseOption);
      const joiner = baseText?.endsWith('/') || pathText?.startsWith('/') ? '' : '/';
      const doubleSlash = baseText?.endsWith('/') && pathText?.startsWith('/');
      const trimmedPath = doubleSlash && pathOption.kind === 'string' ? stringValue([(pathOption.segments[0] as string).slice(1), ...pathOption.segments.slice(1)], node, pathOption.trail) : pathOption;
      results.push(concatValues([baseOption, stringValue([joiner], node), trimmedPath], node));
    }
  }
  return alternatives(results, node);
}
