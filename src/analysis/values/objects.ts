/**
 * Members and objects: property and member names, env objects, member reads, class fields and
 * `this` members, object literals with spread.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findEnclosingClass, getStaticKeyName } from '../ast.js';
import { getClassIndex } from '../file-index.js';
import { resolveFunctionReturn } from './functions.js';
import { bindArguments, resolve } from './resolver.js';
import { type Value, type AnalysisContext, type State, EMPTY_STATE, unknown, withTrail, alternatives, getKnownString } from './value.js';

// ——— members and objects ———

export function getStaticPropertyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition, context: AnalysisContext, state: State = EMPTY_STATE): string | undefined {
  // Written-out keys as `getStaticKeyName` reads them; only a computed key is resolved.
  if (!property.computed) return getStaticKeyName(property);
  return getKnownString(resolve(property.key, context, state));
}

export function getMemberName(node: TSESTree.MemberExpression, context: AnalysisContext, state: State = EMPTY_STATE): string | undefined {
  if (!node.computed) {
    if (node.property.type === 'Identifier') return node.property.name;
    if (node.property.type === 'PrivateIdentifier') return `#${node.property.name}`;
    return undefined;
  }
  const key = resolve(node.property, context, state);
  if (key.kind === 'primitive' && typeof key.value === 'number') return String(key.value);
  return getKnownString(key);
}

/** `process.env`, `import.meta.env`, `Bun.env`, `Netlify.env`: the objects whose properties are env vars. */
export function isEnvObject(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier' || node.property.name !== 'env') return false;
  const object = node.object;
  if (object.type === 'Identifier') return object.name === 'process' || object.name === 'Bun';
  if (object.type === 'MetaProperty') return object.meta.name === 'import' && object.property.name === 'meta';
  return false;
}

export function resolveMember(node: TSESTree.MemberExpression, context: AnalysisContext, state: State): Value {
  const name = getMemberName(node, context, state);
  if (isEnvObject(node.object)) {
    return name ? unknown(node, { kind: 'env', name, node }, [name]) : unknown(node);
  }
  if (name === undefined) return unknown(node);
  if (node.object.type === 'ThisExpression') return withTrail(resolveThisMember(node, name, context, state), name);
  const object = resolve(node.object, context, state);
  return withTrail(getProperty(object, name, node, context), name);
}

/** `value.name`, distributing over alternatives. Unknown objects keep the name, for env-like configs. */
export function getProperty(value: Value, name: string, node: TSESTree.Node, context: AnalysisContext): Value {
  switch (value.kind) {
    case 'object': {
      const property = value.properties.get(name);
      if (property) return property;
      return value.open ? unknown(node, undefined, [name]) : { kind: 'primitive', value: undefined, trail: [], node };
    }
    case 'alternatives':
      return alternatives(value.options.map((option) => getProperty(option, name, node, context)), node);
    case 'array':
      if (/^\d+$/.test(name)) return value.elements[Number(name)] ?? unknown(node);
      return unknown(node);
    case 'string':
      if (name === 'length') {
        const known = getKnownString(value);
        return known === undefined ? unknown(node) : { kind: 'primitive', value: known.length, trail: [], node };
      }
      return unknown(node);
    case 'instance':
      return resolveInstanceMember(value, name, node, context);
    case 'unknown':
      // Validated config objects (`env.PILOTSTATUS_API_KEY` from `loadEnv()`) read env vars by name.
      if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name) && value.origin?.kind !== 'import') {
        return unknown(node, { kind: 'env', name, node }, [name]);
      }
      if (value.origin?.kind === 'import' && value.origin.importedName === '*') {
        return unknown(node, { ...value.origin, importedName: name, node }, [name]);
      }
      return unknown(node, undefined, [name]);
    default:
      return unknown(node, undefined, [name]);
  }
}

/** `this.key` inside a class: the field initialiser and the constructor's assignments. */
function resolveThisMember(node: TSESTree.MemberExpression, name: string, context: AnalysisContext, state: State): Value {
  const classNode = findEnclosingClass(node);
  if (!classNode) return unknown(node);
  const receiver = state.receiver?.classNode === classNode ? state.receiver : undefined;
  return getClassMemberValue(classNode, name, node, context, state, receiver?.args);
}

function getClassMemberValue(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
  node: TSESTree.Node,
  context: AnalysisContext,
  state: State,
  args: readonly TSESTree.Node[] | undefined,
): Value {
  const values: Value[] = [];
  const constructor = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'constructor',
  );
  // the constructor's parameters, destructured ones too (`constructor({ apiKey, baseUrl })`)
  const bindings = constructor && args && constructor.value.type === 'FunctionExpression' ? bindArguments(constructor.value, args, context, state).bindings : state.bindings;
  const innerState = { ...state, bindings };
  for (const member of classNode.body.body) {
    if (member.type === 'PropertyDefinition' && member.value && getStaticPropertyName(member, context, state) === name) {
      values.push(resolve(member.value, context, innerState));
    }
  }
  if (constructor) {
    for (const param of constructor.value.params) {
      if (param.type === 'TSParameterProperty') {
        const target = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
        if (target.type === 'Identifier' && target.name === name) values.push(resolve(target, context, innerState));
      }
    }
    // the constructor's own writes, from the file index (no walk per question)
    const [start, end] = constructor.value.range;
    const classIndex = getClassIndex(classNode);
    for (const write of [...(classIndex?.thisWrites.get(name) ?? []), ...(classIndex?.thisWrites.get('') ?? [])]) {
      if (write.range[0] < start || write.range[1] > end) continue;
      if (write.left.type === 'MemberExpression' && (!write.left.computed || getMemberName(write.left, context, state) === name)) values.push(resolve(write.right, context, innerState));
    }
  }
  const method = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'get' && getStaticPropertyName(member, context, state) === name,
  );
  if (method && method.value.type === 'FunctionExpression') values.push(resolveFunctionReturn(method.value, [], context, innerState));
  if (values.length === 0) return unknown(node);
  return alternatives(values, node);
}

function resolveInstanceMember(value: Extract<Value, { kind: 'instance' }>, name: string, node: TSESTree.Node, context: AnalysisContext): Value {
  return getClassMemberValue(value.classNode, name, node, context, EMPTY_STATE, value.args);
}

export function resolveObject(node: TSESTree.ObjectExpression, context: AnalysisContext, state: State): Value {
  const properties = new Map<string, Value>();
  let open = false;
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      const spread = resolve(property.argument, context, state);
      const merged = mergeSpread(spread);
      if (!merged) {
        open = true;
        continue;
      }
      if (merged.open) open = true;
      for (const [key, value] of merged.properties) {
        const existing = properties.get(key);
        properties.set(key, merged.conditional.has(key) && existing ? alternatives([existing, value], property) : value);
      }
      continue;
    }
    // Methods (`send(path) {…}`) are function values like `send: (path) => {…}`.
    if (property.kind !== 'init') continue;
    const key = getStaticPropertyName(property, context, state);
    if (key === undefined) {
      open = true;
      continue;
    }
    properties.set(key, withTrail(resolve(property.value, context, state), key));
  }
  return { kind: 'object', properties, open, trail: [], node };
}

/** A spread's properties; alternatives (`...(cond ? a : {})`) merge, the keys present in only some marked conditional. */
export function mergeSpread(value: Value): { properties: Map<string, Value>; open: boolean; conditional: Set<string> } | undefined {
  if (value.kind === 'object') return { properties: new Map(value.properties), open: value.open, conditional: new Set() };
  if (value.kind === 'primitive' && (value.value == null || value.value === false)) return { properties: new Map(), open: false, conditional: new Set() };
  if (value.kind !== 'alternatives') return undefined;
  const properties = new Map<string, Value>();
  const counts = new Map<string, number>();
  let open = false;
  let objects = 0;
  for (const option of value.options) {
    const merged = mergeSpread(option);
    if (!merged) {
      open = true;
      continue;
    }
    objects++;
    if (merged.open) open = true;
    for (const [key, property] of merged.properties) {
      const existing = properties.get(key);
      properties.set(key, existing ? alternatives([existing, property], property.node) : property);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const conditional = new Set([...counts].filter(([, count]) => count < objects).map(([key]) => key));
  return { properties, open, conditional };
}
