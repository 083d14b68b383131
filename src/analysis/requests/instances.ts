/**
 * HTTP client instances and the instances they extend: `ky.create(…)`, `api.extend(…)` on an instance
 * made in another module, `got.extend(…).extend(…)`. An extension keeps what it extends (base URL,
 * headers, hooks) and adds its own, so a request of it is modelled on the whole chain.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findClientByGlobal, findClientByModule, getClient, INSTANCE_FACTORIES, type ClientName } from '../http-clients.js';
import { getMemberName, resolveValue, type AnalysisContext, type Bindings, type Value } from '../static-value.js';
import { getConfigProperty } from './headers.js';
import type { InstanceConfig } from './model.js';

/** Instances extending instances, followed this deep (a chain longer than this is not modelled). */
const MAX_CHAIN = 4;

/**
 * The client and configuration chain of the instance `creation` makes (`axios.create(…)`,
 * `api.extend(…)`), under the bindings it was made with; undefined when it is no client instance.
 */
export function resolveInstance(creation: TSESTree.Node, context: AnalysisContext, bindings: Bindings, depth = 0): { client: ClientName; instance: InstanceConfig } | undefined {
  if (depth > MAX_CHAIN || creation.type !== 'CallExpression' || creation.callee.type !== 'MemberExpression') return undefined;
  const factory = getMemberName(creation.callee, context);
  if (!factory || !INSTANCE_FACTORIES.has(factory)) return undefined;
  const receiver = resolveValue(creation.callee.object, context);
  const origin = receiver.kind === 'unknown' ? receiver.origin : undefined;
  let client: ClientName | undefined;
  let parent: InstanceConfig | undefined;
  if (origin?.kind === 'import') client = findClientByModule(origin.source)?.name;
  else if (origin?.kind === 'global') client = findClientByGlobal(origin.name)?.name;
  else if (origin?.kind === 'expression') {
    const extended = resolveInstance(origin.node, context, origin.state ?? bindings, depth + 1);
    client = extended?.client;
    parent = extended?.instance;
  }
  if (!client || !getClient(client).instanceFactories.includes(factory)) return undefined;
  const config = creation.arguments[0] ? resolveValue(creation.arguments[0], context, bindings) : undefined;
  return { client, instance: { config, node: creation, ...(parent ? { parent } : {}) } };
}

/** A property of an instance's configuration: its own, else that of the instance it extends. */
export function getInstanceProperty(instance: InstanceConfig | undefined, names: readonly string[]): Value | undefined {
  for (let link = instance; link; link = link.parent) {
    const value = link.config ? getConfigProperty(link.config, names) : undefined;
    if (value) return value;
  }
  return undefined;
}

/** The `headers` options along the chain, the extended instance's first (an extension's override them). */
export function getInstanceHeaderOptions(instance: InstanceConfig | undefined): Array<Value | undefined> {
  const options: Array<Value | undefined> = [];
  for (let link = instance; link; link = link.parent) options.unshift(link.config ? getConfigProperty(link.config, ['headers']) : undefined);
  return options;
}

/** The instances of the chain, the outermost first. */
export function instanceChain(instance: InstanceConfig | undefined): InstanceConfig[] {
  const chain: InstanceConfig[] = [];
  for (let link = instance; link; link = link.parent) chain.push(link);
  return chain;
}
