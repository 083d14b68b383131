/**
 * The per-file index: one walk of a module's AST, shared by every rule and every question asked of
 * the file (the way ESLint's scope manager is built once and read by all rules). Questions such as
 * "which assignments write `this.apiKey` in this class?", "what does this function return?" or
 * "which calls happen inside this `try` block?" are answered by lookups here, never by walking a
 * class or function body again per question.
 *
 * Built lazily on the first question about a unit, kept as long as the unit's AST lives.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findEnclosingClass, getLiteralMemberName, getStaticKeyName, isFunctionNode, walk, type ClassNode, type FunctionNode } from './ast.js';

export interface ClassIndex {
  node: ClassNode;
  constructorFunction: TSESTree.FunctionExpression | undefined;
  /** Fields, methods, accessors and parameter properties by name (`#x` for private names). */
  members: ReadonlyMap<string, readonly ClassMemberEntry[]>;
  /** Every `this.x = …` whose `this` is an instance of this class, by name ('' for computed names). */
  thisWrites: ReadonlyMap<string, readonly TSESTree.AssignmentExpression[]>;
}

export type ClassMemberEntry =
  | { kind: 'field'; node: TSESTree.PropertyDefinition }
  | { kind: 'method' | 'get' | 'set'; node: TSESTree.MethodDefinition }
  | { kind: 'parameter-property'; node: TSESTree.TSParameterProperty; index: number; target: TSESTree.Identifier };

export interface FileIndex {
  classes: ReadonlyMap<ClassNode, ClassIndex>;
  /** The `return` arguments of each function body (not those of nested functions); an arrow's expression body counts. */
  returns: ReadonlyMap<FunctionNode, readonly TSESTree.Expression[]>;
  /** Every call and `throw` of the file in source order, for range queries (`callsWithin`). */
  calls: readonly TSESTree.CallExpression[];
  throws: readonly TSESTree.ThrowStatement[];
  /** Every assignment to a member (`a.b = …`, `a[b] = …`) in source order. */
  memberAssignments: readonly TSESTree.AssignmentExpression[];
  /** Calls by the last name of their callee (`log`, `info`, `request`…). */
  callsByName: ReadonlyMap<string, readonly TSESTree.CallExpression[]>;
  /** Identifiers (and private names) by start offset: maps a TypeScript declaration back onto ESTree. */
  identifiersByOffset: ReadonlyMap<number, TSESTree.Identifier | TSESTree.PrivateIdentifier>;
  /** Functions by the start offset of their body: maps a TypeScript declaration back onto ESTree. */
  functionsByBodyStart: ReadonlyMap<number, FunctionNode>;
  /** Names written as identifiers, property keys or member names anywhere in the file. */
  names: ReadonlySet<string>;
  /** String and template literals that name a key header or an `api-keys` path (`taint/reach.ts` starts there). */
  keyWordLiterals: readonly (TSESTree.Literal | TSESTree.TemplateLiteral)[];
  /** `this.x` members by name, and every `this` not read a member from (`log(this)`, `{ ...this }`). */
  thisMembers: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
  wholeThis: readonly TSESTree.ThisExpression[];
}

/** Any vendor's key words in a string: the key headers and the key management path. */
const KEY_WORD_TEXT = /x-api-key|api-keys/i;

const indexes = new WeakMap<TSESTree.Program, FileIndex>();

/** The index of the module whose AST is `ast`, built on first use. */
export function getFileIndex(ast: TSESTree.Program): FileIndex {
  let index = indexes.get(ast);
  if (!index) {
    index = buildIndex(ast);
    indexes.set(ast, index);
  }
  return index;
}

/** The index entry of `classNode` (every class of an indexed file has one). */
export function getClassIndex(classNode: ClassNode): ClassIndex | undefined {
  return getFileIndex(getProgram(classNode)).classes.get(classNode);
}

/** The expressions `fn` returns. */
export function getReturns(fn: FunctionNode): readonly TSESTree.Expression[] {
  return getFileIndex(getProgram(fn)).returns.get(fn) ?? [];
}

/** Calls inside `node` (nested functions included), in source order. */
export function callsWithin(node: TSESTree.Node): readonly TSESTree.CallExpression[] {
  return sliceByRange(getFileIndex(getProgram(node)).calls, node.range);
}

/** Assignments to a member inside `node` (nested functions included). */
export function memberAssignmentsWithin(node: TSESTree.Node): readonly TSESTree.AssignmentExpression[] {
  return sliceByRange(getFileIndex(getProgram(node)).memberAssignments, node.range);
}

/** `throw` statements inside `node` (nested functions included). */
export function throwsWithin(node: TSESTree.Node): readonly TSESTree.ThrowStatement[] {
  return sliceByRange(getFileIndex(getProgram(node)).throws, node.range);
}

/** The root of the AST `node` belongs to. */
export function getProgram(node: TSESTree.Node): TSESTree.Program {
  let current: TSESTree.Node = node;
  while (current.parent) current = current.parent;
  return current;
}

function sliceByRange<T extends TSESTree.Node>(sorted: readonly T[], [start, end]: TSESTree.Range): readonly T[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.range[0] < start) low = middle + 1;
    else high = middle;
  }
  let last = low;
  while (last < sorted.length && sorted[last]!.range[0] < end) last++;
  return sorted.slice(low, last);
}

interface MutableClassIndex extends ClassIndex {
  members: Map<string, ClassMemberEntry[]>;
  thisWrites: Map<string, TSESTree.AssignmentExpression[]>;
}

function buildIndex(ast: TSESTree.Program): FileIndex {
  const classes = new Map<ClassNode, MutableClassIndex>();
  const returns = new Map<FunctionNode, TSESTree.Expression[]>();
  const calls: TSESTree.CallExpression[] = [];
  const throws: TSESTree.ThrowStatement[] = [];
  const memberAssignments: TSESTree.AssignmentExpression[] = [];
  const callsByName = new Map<string, TSESTree.CallExpression[]>();
  const identifiersByOffset = new Map<number, TSESTree.Identifier | TSESTree.PrivateIdentifier>();
  const names = new Set<string>();
  const functionsByBodyStart = new Map<number, FunctionNode>();
  const keyWordLiterals: (TSESTree.Literal | TSESTree.TemplateLiteral)[] = [];
  const thisMembers = new Map<string, TSESTree.MemberExpression[]>();
  const wholeThis: TSESTree.ThisExpression[] = [];
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const classIndexOf = (node: ClassNode): MutableClassIndex => {
    let entry = classes.get(node);
    if (!entry) {
      entry = { node, constructorFunction: undefined, members: new Map(), thisWrites: new Map() };
      classes.set(node, entry);
    }
    return entry;
  };

  walk(ast, (node) => {
    switch (node.type) {
      case 'Identifier':
      case 'PrivateIdentifier':
        if (!identifiersByOffset.has(node.range[0])) identifiersByOffset.set(node.range[0], node);
        names.add(node.type === 'PrivateIdentifier' ? `#${node.name}` : node.name);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        indexClassMembers(classIndexOf(node));
        break;
      case 'ReturnStatement': {
        const fn = findOwnFunction(node);
        if (fn && node.argument) push(returns, fn, node.argument);
        break;
      }
      case 'ArrowFunctionExpression':
        functionsByBodyStart.set(node.body.range[0], node);
        if (node.body.type !== 'BlockStatement') push(returns, node, node.body);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        if (node.body) functionsByBodyStart.set(node.body.range[0], node);
        break;
      case 'CallExpression': {
        calls.push(node);
        const name = getLastName(node.callee);
        if (name) push(callsByName, name, node);
        break;
      }
      case 'ThrowStatement':
        throws.push(node);
        break;
      case 'Literal':
        if (typeof node.value === 'string' && KEY_WORD_TEXT.test(node.value)) keyWordLiterals.push(node);
        break;
      case 'TemplateLiteral':
        if (node.quasis.some((quasi) => KEY_WORD_TEXT.test(quasi.value.raw))) keyWordLiterals.push(node);
        break;
      case 'MemberExpression':
        if (node.object.type === 'ThisExpression') push(thisMembers, getLiteralMemberName(node) ?? '', node);
        break;
      case 'ThisExpression':
        if (node.parent.type !== 'MemberExpression' || node.parent.object !== node) wholeThis.push(node);
        break;
      case 'AssignmentExpression':
        if (node.left.type === 'MemberExpression') memberAssignments.push(node);
        if (node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression') {
          // A computed name the syntax cannot spell (`this[KEY] = …`) is kept under '' and resolved when asked.
          const name = getLiteralMemberName(node.left) ?? (node.left.computed ? '' : undefined);
          const classNode = name === undefined ? undefined : findEnclosingClass(node);
          if (classNode) push(classIndexOf(classNode).thisWrites, name!, node);
        }
        break;
      default:
        break;
    }
  }, true);
  // The walk pops children in source order, so these lists are sorted by start offset already;
  // sort anyway: range queries depend on it.
  calls.sort((a, b) => a.range[0] - b.range[0]);
  throws.sort((a, b) => a.range[0] - b.range[0]);
  memberAssignments.sort((a, b) => a.range[0] - b.range[0]);
  return { classes, returns, calls, throws, memberAssignments, callsByName, identifiersByOffset, functionsByBodyStart, names, keyWordLiterals, thisMembers, wholeThis };
}

function indexClassMembers(entry: MutableClassIndex): void {
  const add = (name: string | undefined, member: ClassMemberEntry) => {
    if (name === undefined) return;
    const list = entry.members.get(name);
    if (list) list.push(member);
    else entry.members.set(name, [member]);
  };
  for (const member of entry.node.body.body) {
    if (member.type === 'PropertyDefinition') add(getStaticKeyName(member), { kind: 'field', node: member });
    else if (member.type === 'MethodDefinition') {
      if (member.kind === 'constructor') {
        entry.constructorFunction = member.value.type === 'FunctionExpression' ? member.value : undefined;
        member.value.params.forEach((param, index) => {
          if (param.type !== 'TSParameterProperty') return;
          const target = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
          if (target.type === 'Identifier') add(target.name, { kind: 'parameter-property', node: param, index, target });
        });
      } else {
        add(getStaticKeyName(member), { kind: member.kind, node: member });
      }
    }
  }
}

/** The function whose own `return` this is (the nearest enclosing function). */
function findOwnFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

function getLastName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return node.property.type === 'Identifier' ? node.property.name : undefined;
  if (node.type === 'ChainExpression') return getLastName(node.expression);
  return undefined;
}
