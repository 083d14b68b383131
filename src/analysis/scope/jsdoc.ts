/**
 * `@pilotstatusScope tenant|number` JSDoc tags: read from the declarations a key passes through and
 * from the sites it is written at, in this file, in imported modules, or (with types) in declarations.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { KeyScope } from '../../core/names.js';
import { findEnclosingClass } from '../ast.js';
import { getContentProvider } from '../content.js';
import type { ModuleUnit } from '../module-graph.js';
import { findUnitOf, findVariableFor, getMemberName } from '../static-value.js';
import type { KeyScopeInference, ScopeContext } from './inference.js';
import { getClassMemberName } from './targets.js';

// ——— JSDoc tags ———

const SCOPE_TAG = /@pilotstatusScope\s+(tenant|number)\b/i;

function readScopeTag(comment: string | undefined): KeyScopeInference | undefined {
  const match = comment ? SCOPE_TAG.exec(comment) : null;
  if (!match) return undefined;
  const scope = match[1]!.toLowerCase() as KeyScope;
  return { scope, evidence: { kind: 'jsdoc', tag: `@pilotstatusScope ${scope}` } };
}

/** The block comment that ends right before `start` (whitespace between), if any. */
function findLeadingBlockComment(text: string, start: number): string | undefined {
  let end = start;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (text.slice(end - 2, end) !== '*/') return undefined;
  const open = text.lastIndexOf('/*', end - 2);
  return open < 0 ? undefined : text.slice(open, end);
}

const textCache = new Map<string, string | undefined>();

function getUnitText(unit: ModuleUnit, context: ScopeContext): string | undefined {
  if (unit === context.analysis.unit) return context.sourceText;
  const key = `${getContentProvider().id}\u0000${unit.filename}`;
  if (!textCache.has(key)) {
    const text = getContentProvider().readText(unit.filename);
    if (textCache.size > 200) textCache.clear();
    textCache.set(key, text);
  }
  return textCache.get(key);
}

/** The JSDoc of an ESTree declaration: the statement for a declarator, the member for a field or property. */
function findDeclarationTag(declaration: TSESTree.Node, context: ScopeContext): KeyScopeInference | undefined {
  const text = getUnitText(findUnitOf(declaration, context.analysis.unit), context);
  if (text === undefined) return undefined;
  let node: TSESTree.Node = declaration;
  if (node.type === 'VariableDeclarator' && node.parent?.type === 'VariableDeclaration') {
    const own = readScopeTag(findLeadingBlockComment(text, node.range[0]));
    if (own) return own;
    node = node.parent;
    if (node.parent?.type === 'ExportNamedDeclaration') node = node.parent;
  }
  return readScopeTag(findLeadingBlockComment(text, node.range[0]));
}

/** A value leaf in an initializer: `const x = <leaf>`, `{ x: <leaf> }`, `#x = <leaf>`, `this.x = <leaf>`. */
export function findLeafJsDocScope(leaf: TSESTree.Node, context: ScopeContext): KeyScopeInference | undefined {
  let current: TSESTree.Node = leaf;
  for (let steps = 0; steps < 6 && current.parent; steps++) {
    const parent: TSESTree.Node = current.parent;
    switch (parent.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'LogicalExpression':
      case 'AwaitExpression':
      case 'ChainExpression':
        current = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === current) return undefined;
        current = parent;
        continue;
      case 'VariableDeclarator':
        return parent.init === current ? findDeclarationTag(parent, context) : undefined;
      case 'Property':
      case 'PropertyDefinition':
        return parent.value === current ? findDeclarationTag(parent, context) : undefined;
      case 'AssignmentExpression':
        return parent.right === current && parent.parent?.type === 'ExpressionStatement' ? findDeclarationTag(parent.parent, context) : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A site (`hqKey`, `this.config.hqKey`): the declarations its name refers to. */
export function findSiteJsDocScope(site: TSESTree.Node, context: ScopeContext): KeyScopeInference | undefined {
  const typeInfo = context.analysis.typeInfo;
  const nameNode = site.type === 'MemberExpression' ? site.property : site;
  if (typeInfo && (nameNode.type === 'Identifier' || nameNode.type === 'PrivateIdentifier')) {
    for (const declaration of typeInfo.getDeclarations(nameNode)) {
      const found = findTsDeclarationTag(declaration);
      if (found) return found;
    }
  }
  if (site.type === 'Identifier') {
    const definition = findVariableFor(site, context.analysis)?.defs[0];
    if (definition?.type === 'Variable') return findDeclarationTag(definition.node, context);
    if (definition?.type === 'Parameter') {
      const name = definition.name;
      const param = name.parent?.type === 'TSParameterProperty' || name.parent?.type === 'AssignmentPattern' ? name.parent : name;
      return findDeclarationTag(param, context);
    }
  }
  if (site.type === 'MemberExpression' && site.object.type === 'ThisExpression') {
    const name = getMemberName(site, context.analysis);
    const classNode = findEnclosingClass(site);
    const member = classNode?.body.body.find((candidate) => candidate.type === 'PropertyDefinition' && getClassMemberName(candidate) === name);
    if (member) return findDeclarationTag(member, context);
  }
  return undefined;
}

/** JSDoc of a TypeScript declaration, reading the leading trivia of it and its keyword-only parents. */
function findTsDeclarationTag(declaration: ts.Node): KeyScopeInference | undefined {
  try {
    const text = declaration.getSourceFile().text;
    let node: ts.Node = declaration;
    for (let level = 0; level < 3; level++) {
      const found = readScopeTag(text.slice(node.getFullStart(), node.getStart()));
      if (found) return found;
      const parent: ts.Node | undefined = node.parent;
      if (!parent?.parent) return undefined;
      if (!/^[\s\w]*$/.test(text.slice(parent.getStart(), node.getStart()))) return undefined;
      node = parent;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
