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
  /**
   * Whether any file of the program declares a type alias whose name matches `pattern`, other than
   * an alias of an object type literal (`type ApiKey = { KEY: string }` names no string brand). A
   * text search, no checker: when it says no, no brand can carry such a name, and no value's type
   * need be asked for it.
   */
  declaresAliasNamed(pattern: RegExp): boolean;
  /**
   * `read` of the text of every file of the program (TypeScript's lib files aside), by file name,
   * computed once per program and `key`: a question the checker would answer node by node is first
   * asked of the whole program's words.
   */
  readProgramTexts<T>(key: string, read: (text: string, fileName: string) => T): ReadonlyMap<string, T>;
}

const programTextAnswers = new WeakMap<ts.Program, Map<string, ReadonlyMap<string, unknown>>>();

/**
 * `type Name =` or `type Name<T> =`, and whether an object literal type follows. No leading `\b` (it
 * makes V8 try every position): the character before is checked by hand.
 */
const TYPE_ALIAS = /type[ \t]+([A-Za-z_$][\w$]{0,200})[ \t]*(?:<[^=<>\n]{0,200}>[ \t]*)?=[ \t]*(\{)?/g;
const declaredTypeNames = new WeakMap<ts.Program, Set<string>>();

/** The names of the type aliases of the program that alias no object literal type. */
function getDeclaredTypeNames(program: ts.Program): Set<string> {
  let names = declaredTypeNames.get(program);
  if (!names) {
    names = new Set();
    for (const file of program.getSourceFiles()) {
      // TypeScript's own lib files declare no key brands (and are most of the text)
      if (program.isSourceFileDefaultLibrary(file)) continue;
      const text = file.text;
      TYPE_ALIAS.lastIndex = 0;
      for (let match = TYPE_ALIAS.exec(text); match; match = TYPE_ALIAS.exec(text)) {
        if (match[2] === undefined && (match.index === 0 || !/[\w$]/.test(text[match.index - 1]!))) names.add(match[1]!);
      }
    }
    declaredTypeNames.set(program, names);
  }
  return names;
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
  const typeNameAnswers = new Map<string, boolean>();
  const info: TypeInfo = {
    declaresAliasNamed(pattern) {
      let answer = typeNameAnswers.get(pattern.source);
      if (answer === undefined) {
        answer = false;
        for (const name of getDeclaredTypeNames(program)) if (pattern.test(name)) answer = true;
        typeNameAnswers.set(pattern.source, answer);
      }
      return answer;
    },
    readProgramTexts<T>(key: string, read: (text: string, fileName: string) => T) {
      let answers = programTextAnswers.get(program);
      if (!answers) programTextAnswers.set(program, (answers = new Map<string, ReadonlyMap<string, unknown>>()));
      let answer = answers.get(key) as ReadonlyMap<string, T> | undefined;
      if (answer === undefined) {
        answer = new Map(program.getSourceFiles().filter((file) => !program.isSourceFileDefaultLibrary(file)).map((file) => [file.fileName, read(file.text, file.fileName)] as const));
        answers.set(key, answer);
      }
      return answer;
    },
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
    const literals = type.types.filter((part): part is ts.StringLiteralType => part.isStringLiteral());
    if (literals.length === 1 && literals.length === type.types.length) return literals[0]!.value;
  }
  return undefined;
}

/** Names of the type and of its alias, its constituents and intersections (`TenantApiKey`, `__scope`…). */
/**
 * Whether values of `type` are strings at run time: a string, a string literal or template, a branded
 * string (`string & { … }`), or a union of those, `null` and `undefined` aside. A key brand is one; an
 * interface or object type named `ApiKey` (a key's metadata: id, name, scope) is not. (No `TypeFlags`
 * numbers: TypeScript 6 renumbered them.)
 */
export function isStringBased(type: ts.Type, checker: ts.TypeChecker, depth = 0): boolean {
  const asker = checker as ts.TypeChecker & { isTypeAssignableTo?: (source: ts.Type, target: ts.Type) => boolean };
  const nonNull = checker.getNonNullableType(type);
  // (`any` is assignable to both string and number; a string or a string brand only to string)
  if (asker.isTypeAssignableTo) return asker.isTypeAssignableTo(nonNull, checker.getStringType()) && !asker.isTypeAssignableTo(nonNull, checker.getNumberType());
  // a TypeScript without the public assignability question: the shapes, structurally
  if (depth > 4) return false;
  if (nonNull.isStringLiteral() || nonNull === checker.getStringType()) return true;
  if (nonNull.isIntersection()) return nonNull.types.some((part) => isStringBased(part, checker, depth + 1));
  return nonNull.isUnion() && nonNull.types.every((part) => isStringBased(part, checker, depth + 1));
}

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
