/**
 * `new Client(key)` of a class the analysis can read: the object its fields make, as the field
 * initialisers and that construction's constructor leave them (its parameters bound to this call's
 * arguments; parameter properties are fields; a subclass adds its fields to its superclass's).
 * Printing an instance prints its fields (`#private` ones are not printed, and are left out);
 * `client.headers` reads one. Writes in other methods are left to `this.x` reads inside the class.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, type ClassNode } from '../ast.js';
import { callsWithin, getClassIndex } from '../file-index.js';
import { resolveValue } from '../static-value.js';
import type { Env, TaintEngine } from './engine.js';
import { type Taint, makeObject, union } from './lattice.js';

/** Superclasses followed from one construction. */
const MAX_SUPERCLASSES = 3;

export function evaluateInstance(engine: TaintEngine, node: TSESTree.NewExpression, env: Env): Taint | undefined {
  const value = resolveValue(node, engine.context);
  if (value.kind !== 'instance') return undefined;
  return instanceTaint(engine, value.classNode, engine.evaluateArguments(node.arguments, env), env, 0);
}

function instanceTaint(engine: TaintEngine, classNode: ClassNode, args: readonly (Taint | undefined)[], env: Env, depth: number): Taint | undefined {
  const index = getClassIndex(classNode);
  if (!index) return undefined;
  const fields = new Map<string, Taint>();
  const add = (name: string, taint: Taint | undefined) => {
    if (taint && name !== '' && !name.startsWith('#')) fields.set(name, union(fields.get(name), taint)!);
  };
  const constructorFunction = index.constructorFunction;
  const inner: Env = constructorFunction ? { args: new Map(env.args).set(constructorFunction, args), depth: env.depth + 1 } : env;
  // the superclass's fields: an implicit constructor passes the arguments on, an explicit one its `super(…)`'s
  const superClass = classNode.superClass ? resolveValue(classNode.superClass, engine.context) : undefined;
  if (superClass?.kind === 'class' && depth < MAX_SUPERCLASSES) {
    const superCall = constructorFunction?.body ? callsWithin(constructorFunction.body).find((call) => call.callee.type === 'Super') : undefined;
    const superArgs = constructorFunction ? (superCall ? engine.evaluateArguments(superCall.arguments, inner) : []) : args;
    const inherited = instanceTaint(engine, superClass.classNode, superArgs, env, depth + 1);
    for (const [name, field] of inherited?.shape === 'object' ? (inherited.fields ?? []) : []) add(name, field);
  }
  for (const [name, members] of index.members) {
    for (const member of members) {
      if (member.kind === 'field' && member.node.value && !member.node.static && !isFunctionNode(member.node.value)) add(name, engine.evaluate(member.node.value, inner));
      if (member.kind === 'parameter-property') add(name, args[member.index]);
    }
  }
  if (constructorFunction) {
    const [start, end] = constructorFunction.range;
    for (const [name, writes] of index.thisWrites) {
      for (const write of writes) if (start <= write.range[0] && write.range[1] <= end) add(name, engine.evaluate(write.right, inner));
    }
  }
  return makeObject(fields, undefined, false);
}
