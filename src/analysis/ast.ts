/**
 * AST questions with one answer each, shared by the whole analysis: the walk, the class a `this`
 * belongs to, a member's or property's static name, what counts as a function. Nothing here resolves
 * values (see `static-value.ts`) or reads other files.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** Calls `visit` for every node under `root` (not into nested functions unless `intoFunctions`). */
export function walk(root: TSESTree.Node | null | undefined, visit: (node: TSESTree.Node) => void, intoFunctions = false): void {
  if (!root) return;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    // the type's child keys (a node type the table lacks: every key but the back and position ones)
    for (const key of visitorKeys[node.type] ?? Object.keys(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const item = child[index] as TSESTree.Node | null;
          if (item && typeof item === 'object' && typeof item.type === 'string') pushChild(stack, item, intoFunctions);
        }
      } else if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
        pushChild(stack, child as TSESTree.Node, intoFunctions);
      }
    }
  }
}

function pushChild(stack: TSESTree.Node[], node: TSESTree.Node, intoFunctions: boolean): void {
  if (!intoFunctions && isFunctionNode(node)) return;
  stack.push(node);
}

/**
 * The class whose instance `this` is at `node`: arrow functions keep the `this` around them; a
 * method, accessor, constructor or field function belongs to its class; any other function has its
 * own `this`.
 */
export function findEnclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return current;
    if ((current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') && current.parent?.type !== 'MethodDefinition' && current.parent?.type !== 'PropertyDefinition') return undefined;
  }
  return undefined;
}

/** The nearest function around `node`. */
export function findEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

/** The name of a class member or object property written without computation (`#x` for private names). */
export function getStaticKeyName(member: TSESTree.PropertyDefinition | TSESTree.MethodDefinition | TSESTree.Property): string | undefined {
  if (member.computed) return member.key.type === 'Literal' ? String(member.key.value) : undefined;
  if (member.key.type === 'Identifier') return member.key.name;
  if (member.key.type === 'PrivateIdentifier') return `#${member.key.name}`;
  if (member.key.type === 'Literal') return String(member.key.value);
  return undefined;
}

/** `a.b`, `a.#b`, `a['b']`: the member name when it is written out (no value resolution). */
export function getLiteralMemberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) {
    if (node.property.type === 'Identifier') return node.property.name;
    if (node.property.type === 'PrivateIdentifier') return `#${node.property.name}`;
    return undefined;
  }
  if (node.property.type === 'Literal' && (typeof node.property.value === 'string' || typeof node.property.value === 'number')) return String(node.property.value);
  if (node.property.type === 'TemplateLiteral' && node.property.expressions.length === 0) return node.property.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}
