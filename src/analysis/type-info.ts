/**
 * Optional, lazy access to the TypeScript checker. Never throws: espree-parsed `.js` files and
 * typescript-eslint runs without a program simply have no type information. The checker is created
 * on first use, and callers ask only after a cheap syntactic check found a candidate node.
 *
 * No runtime import of `typescript` (an optional peer): flags are written out as numbers.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/** ts.SymbolFlags.Alias */
const SYMBOL_FLAG_ALIAS = 2097152;

export interface TypeInfo {
  /** The checker; created on the first call. */
  getChecker(): ts.TypeChecker;
  getTsNode(node: TSESTree.Node): ts.Node | undefined;
  /** The type of an ESTree node of the linted file. */
  getType(node: TSESTree.Node): ts.Type | undefined;
  /** The declarations of the symbol an identifier refers to, with aliases (imports) followed. */
  getDeclarations(node: TSESTree.Node): ts.Declaration[];
}

interface ParserServicesLike {
  program?: ts.Program | null;
  esTreeNodeToTSNodeMap?: { get(node: TSESTree.Node): ts.Node | undefined };
}

interface ContextLike {
  sourceCode: { parserServices?: unknown };
}

const cache = new WeakMap<object, TypeInfo | null>();

/** Type information for this lint run, or undefined when the file was not parsed with a program. */
export function createTypeInfo(context: ContextLike): TypeInfo | undefined {
  const services = context.sourceCode.parserServices as ParserServicesLike | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  const cached = cache.get(services);
  if (cached !== undefined) return cached ?? undefined;
  const program = services.program;
  const map = services.esTreeNodeToTSNodeMap;
  let checker: ts.TypeChecker | undefined;
  const getChecker = () => (checker ??= program.getTypeChecker());
  const getTsNode = (node: TSESTree.Node) => {
    try {
      return map.get(node);
    } catch {
      return undefined;
    }
  };
  const info: TypeInfo = {
    getChecker,
    getTsNode,
    getType(node) {
      const tsNode = getTsNode(node);
      if (!tsNode) return undefined;
      try {
        return getChecker().getTypeAtLocation(tsNode);
      } catch {
        return undefined;
      }
    },
    getDeclarations(node) {
      const tsNode = getTsNode(node);
      if (!tsNode) return [];
      try {
        const typeChecker = getChecker();
        let symbol = typeChecker.getSymbolAtLocation(tsNode);
        if (symbol && symbol.flags & SYMBOL_FLAG_ALIAS) symbol = typeChecker.getAliasedSymbol(symbol);
        return symbol?.declarations ?? [];
      } catch {
        return [];
      }
    },
  };
  cache.set(services, info);
  return info;
}

/** The literal value of a string-literal type (or a union of one literal), else undefined. */
export function getStringLiteralOfType(type: ts.Type | undefined): string | undefined {
  if (!type) return undefined;
  if (type.isStringLiteral()) return type.value;
  if (type.isUnion()) {
    const literals = type.types.filter((part) => part.isStringLiteral()) as ts.StringLiteralType[];
    if (literals.length === 1 && literals.length === type.types.length) return literals[0]!.value;
  }
  return undefined;
}

/** Names of the type and of its alias, its constituents and intersections (`TenantApiKey`, `__scope`…). */
export function describeTypeNames(type: ts.Type, checker: ts.TypeChecker, depth = 0): string[] {
  if (depth > 3) return [];
  const names: string[] = [];
  const alias = type.aliasSymbol?.getName();
  if (alias) names.push(alias);
  const symbolName = type.getSymbol()?.getName();
  if (symbolName && symbolName !== '__type' && symbolName !== '__object') names.push(symbolName);
  if (type.isUnionOrIntersection()) {
    for (const part of type.types) names.push(...describeTypeNames(part, checker, depth + 1));
  }
  return names;
}
