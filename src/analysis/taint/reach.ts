/**
 * Source-first pruning (issue 12, item 2): where a key can be at all, found before any sink is
 * evaluated.
 *
 * When the only words in reach that say "key" are the linted file's own key headers and `api-keys`
 * paths (`hasOnlyOwnKeyWords`: no key literal, key name, brand, key type, SDK or PilotStatus request in
 * the file or its imports, no imported module naming a key header, and with types no other program
 * file saying key either), every source the engine can find starts at one of those literals: a value
 * written under a key header, a request that sends one (its response, its error), the regenerate
 * response. One syntactic, flow-insensitive pass marks every node such a value may reach: the
 * expressions around it; the variables, `this` fields (and so the class's instances), functions and
 * parameters it is stored in, returned from or passed to; the `catch` parameters of the `try` blocks
 * around it (through callbacks too) and the callbacks of calls made on it. A sink argument outside the
 * marked set holds no key, and is not evaluated (nor its types asked).
 *
 * The pass over-approximates (names, not values: a `.data` read of a response still counts), so it
 * only ever skips arguments no source reaches.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { findEnclosingClass, findEnclosingFunction, getLiteralMemberName, isFunctionNode, type FunctionNode } from '../ast.js';
import { hasOnlyOwnKeyWords } from '../context.js';
import { getFileIndex } from '../file-index.js';
import { collectPatternNames } from '../module-graph.js';
import { findUnitOf, findVariableFor, type AnalysisContext } from '../static-value.js';
import { getLastName, isObjectAssign } from './callees.js';

/** Methods through which a value passed in is kept by the receiver (as the engine's mutations and request hooks read them). */
const MUTATING_METHODS = new Set(['set', 'append', 'push', 'unshift', 'add', 'use']);

export interface KeyReach {
  /** False only when no key source of the file can reach `node`. */
  mayCarry(node: TSESTree.Node): boolean;
  /**
   * False only when a call of this name can lead to no function that makes a key: no module but this
   * one says key, and no function or method of this file has the name.
   */
  mayCallKeyFunction(name: string): boolean;
}

const EVERYWHERE: KeyReach = { mayCarry: () => true, mayCallKeyFunction: () => true };
const reaches = new WeakMap<TSESTree.Program, KeyReach>();

/** Where a key can be in the linted file; everywhere unless `hasOnlyOwnKeyWords` holds. */
export function getKeyReach(context: AnalysisContext): KeyReach {
  const ast = context.unit.ast;
  let reach = reaches.get(ast);
  if (!reach) {
    reach = hasOnlyOwnKeyWords(context) ? markFromKeyWords(context) : EVERYWHERE;
    reaches.set(ast, reach);
  }
  return reach;
}

function markFromKeyWords(context: AnalysisContext): KeyReach {
  const index = getFileIndex(context.unit.ast);
  const marked = new Set<TSESTree.Node>();
  const queue: TSESTree.Node[] = [];
  const variables = new Set<Scope.Variable>();
  const thisNames = new Set<string>();
  const methods = new Set<string>();

  const carry = (node: TSESTree.Node): void => {
    if (marked.has(node)) return;
    marked.add(node);
    queue.push(node);
  };
  const carryVariable = (variable: Scope.Variable | undefined): void => {
    if (!variable || variables.has(variable)) return;
    variables.add(variable);
    for (const reference of variable.references) if (reference.isRead()) carry(reference.identifier);
  };
  const carryPattern = (pattern: TSESTree.Node): void => {
    for (const name of collectPatternNames(pattern)) carryVariable(findVariableFor(name, context));
  };
  /** `this.name` holds a carrier (in the class around `at`): so do those reads, and the class's instances. */
  const carryThis = (name: string, at: TSESTree.Node): void => {
    const classNode = findEnclosingClass(at);
    if (classNode) carry(classNode);
    if (thisNames.has(name)) return;
    thisNames.add(name);
    // a computed `this[x]` may be any of them
    const members = name === '' ? [...index.thisMembers.values()].flat() : [...(index.thisMembers.get(name) ?? []), ...(index.thisMembers.get('') ?? [])];
    for (const member of members) carry(member);
    for (const whole of index.wholeThis) carry(whole);
  };
  /** The variable or `this` field a write to `target` (or a call on it) changes. */
  const carryRoot = (target: TSESTree.Node): void => {
    let current = target;
    for (;;) {
      if (current.type === 'MemberExpression') {
        if (current.object.type === 'ThisExpression') return carryThis(getLiteralMemberName(current) ?? '', current);
        current = current.object;
      } else if (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'ChainExpression') {
        current = current.expression;
      } else break;
    }
    if (current.type === 'Identifier') carryVariable(findVariableFor(current, context));
    else if (current.type === 'ObjectPattern' || current.type === 'ArrayPattern') carryPattern(current);
  };
  /** A function that returns a carrier: its calls carry. */
  const carryFunction = (fn: FunctionNode): void => {
    carry(fn);
    const parent = fn.parent;
    if (parent?.type === 'MethodDefinition' || (parent?.type === 'Property' && parent.parent.type === 'ObjectExpression')) {
      const name = parent.key.type === 'Identifier' ? parent.key.name : parent.key.type === 'Literal' ? String(parent.key.value) : '';
      if (parent.type === 'MethodDefinition') carryThis(name, parent);
      if (!methods.has(name)) {
        methods.add(name);
        for (const call of index.callsByName.get(name) ?? []) carry(call);
      }
    }
  };
  /**
   * A thrown or failing carrier reaches the `catch` parameters of the `try` blocks around it (through
   * callbacks too: the engine asks every call inside a `try` block, `items.map(() => request())` included).
   */
  const carryToCatches = (node: TSESTree.Node): void => {
    for (let child = node, current = node.parent; current; child = current, current = current.parent) {
      if (current.type === 'TryStatement' && current.block === child && current.handler?.param) carryPattern(current.handler.param);
    }
  };

  const climb = (node: TSESTree.Node): void => {
    const parent = node.parent;
    if (!parent) return;
    switch (parent.type) {
      case 'TemplateLiteral':
      case 'BinaryExpression':
      case 'LogicalExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'AwaitExpression':
      case 'ChainExpression':
      case 'SpreadElement':
      case 'ArrayExpression':
      case 'ObjectExpression':
      case 'TaggedTemplateExpression':
      case 'MemberExpression':
      case 'ImportExpression':
        return carry(parent);
      case 'ConditionalExpression':
        if (parent.test !== node) carry(parent);
        return;
      case 'SequenceExpression':
        if (parent.expressions.at(-1) === node) carry(parent);
        return;
      case 'Property':
        if (parent.parent.type === 'ObjectExpression') carry(parent);
        return;
      case 'CallExpression':
      case 'NewExpression':
        carry(parent);
        if (parent.callee !== node) carryParameters(parent, node);
        if (parent.callee === node) {
          // `request.then(res => …)`, `.catch(err => …)`: the callbacks receive what the call is made on
          for (const argument of parent.arguments) if (isFunctionNode(argument)) for (const param of argument.params) carryPattern(param);
        } else if (parent.callee.type === 'MemberExpression') {
          // `headers.set(name, value)`, `list.push(value)`, an interceptor's `use(fn)`, `Object.assign(target, value)`:
          // the receiver (or target) holds it now
          if (isObjectAssign(parent.callee)) carryRoot(parent.arguments[0] ?? parent.callee);
          else if (MUTATING_METHODS.has(getLiteralMemberName(parent.callee) ?? '')) carryRoot(parent.callee.object);
        }
        return carryToCatches(parent);
      case 'VariableDeclarator':
        if (parent.init === node) carryPattern(parent.id);
        return;
      case 'AssignmentExpression':
        // `target = value`, and `headers[KEY_HEADER] = …` (the name is the carrier): the target holds a key
        if (parent.right === node) carry(parent);
        carryRoot(parent.left);
        return;
      case 'AssignmentPattern':
        if (parent.right !== node) return;
        carryPattern(parent.left);
        // `constructor(private headers = { … })`: a field too
        if (parent.parent.type === 'TSParameterProperty' && parent.left.type === 'Identifier') carryThis(parent.left.name, parent);
        return;
      case 'ForOfStatement':
      case 'ForInStatement':
        if (parent.right === node) carryRoot(parent.left.type === 'VariableDeclaration' ? parent.left.declarations[0].id : parent.left);
        return;
      case 'ReturnStatement':
      case 'YieldExpression': {
        const fn = findEnclosingFunction(parent);
        if (fn) carryFunction(fn);
        return;
      }
      case 'ArrowFunctionExpression':
        if (parent.body === node) carryFunction(parent);
        return;
      case 'PropertyDefinition':
        if (parent.value === node) carryThis(parent.key.type === 'Identifier' ? parent.key.name : '', parent);
        return;
      case 'ThrowStatement':
        return carryToCatches(parent);
      case 'ClassDeclaration':
      case 'ClassExpression':
        // `class Admin extends Relay`: an instance of the subclass holds the fields too
        if (parent.superClass === node) carry(parent);
        return;
      case 'MethodDefinition':
      case 'VariableDeclaration':
      case 'ExpressionStatement':
      default:
        return;
    }
  };

  /**
   * A carrier passed to a function or constructor of this file (by its name, as the engine binds
   * arguments): the parameter at its position holds it (a field the constructor stores it in too).
   */
  let functionsByName: Map<string, FunctionNode[]> | undefined;
  const carryParameters = (call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): void => {
    const name = getLastName(call.callee);
    if (!name) return;
    functionsByName ??= indexFunctionsByName(index.functionsByBodyStart.values());
    const position = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    for (const fn of functionsByName.get(name) ?? []) {
      const last = fn.params.at(-1);
      const atPosition = fn.params[position] ?? (last?.type === 'RestElement' ? last : undefined);
      const params = argument.type === 'SpreadElement' || position < 0 ? fn.params : atPosition ? [atPosition] : [];
      for (const param of params) {
        if (param.type === 'TSParameterProperty') {
          const target = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
          if (target.type === 'Identifier') carryThis(target.name, param);
          carryPattern(target);
        } else {
          carryPattern(param.type === 'RestElement' ? param.argument : param);
        }
      }
    }
  };

  for (const literal of index.keyWordLiterals) carry(literal);
  for (let node = queue.pop(); node; node = queue.pop()) {
    // a function declaration returning a carrier, a class whose fields hold one: the name's uses carry
    // (a class declaration binds its name twice, outside and inside its body: both)
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) {
      for (const variable of findUnitOf(node, context.unit).scopeManager.getDeclaredVariables(node)) carryVariable(variable);
    }
    climb(node);
  }
  return {
    mayCarry: (node) => marked.has(node),
    mayCallKeyFunction: (name) => (functionsByName ??= indexFunctionsByName(index.functionsByBodyStart.values())).has(name),
  };
}

/** Functions, methods and constructors (under their class's name) by the name calls give them. */
function indexFunctionsByName(functions: Iterable<FunctionNode>): Map<string, FunctionNode[]> {
  const byName = new Map<string, FunctionNode[]>();
  const add = (name: string | undefined, fn: FunctionNode) => {
    if (!name) return;
    const list = byName.get(name);
    if (list) list.push(fn);
    else byName.set(name, [fn]);
  };
  for (const fn of functions) {
    const parent = fn.parent;
    if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') add(fn.id?.name, fn);
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') add(parent.id.name, fn);
    if (parent?.type === 'MethodDefinition' && parent.kind === 'constructor') add(parent.parent.parent.id?.name, fn);
    else if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') && parent.key.type === 'Identifier') add(parent.key.name, fn);
  }
  return byName;
}
