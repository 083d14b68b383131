/**
 * Cross-file analysis without type information: relative imports are resolved in the current snapshot
 * (`content.ts`), parsed once (typescript-estree, no program) and cached by path and version stamp. The linted file itself
 * is a unit built from ESLint's own AST and scope manager, so both kinds are asked the same way.
 *
 * This is how `import { apiBase } from './pilotstatus.server'` resolves in a syntactic lint run, and how
 * the client-code classifier walks a browser entry's import graph.
 */
import { getContentProvider } from './content.js';
import { extname } from 'node:path';
import { analyze, type ScopeManager } from '@typescript-eslint/scope-manager';
import { resolveModuleFile } from './module-resolution.js';
import { parse } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/utils';

export { resolveModuleFile } from './module-resolution.js';

export interface ModuleUnit {
  filename: string;
  ast: TSESTree.Program;
  scopeManager: ScopeManager;
  /** Exported name → the local node that defines it (declarator id, function, class, or re-export). */
  exports: Map<string, ExportEntry>;
  /** Relative import specifiers of this module, resolved to files where possible. */
  imports: ImportEntry[];
}

export type ExportEntry =
  | { kind: 'local'; localName: string; node: TSESTree.Node }
  | { kind: 'expression'; node: TSESTree.Expression }
  | { kind: 'reexport'; source: string; importedName: string };

export interface ImportEntry {
  source: string;
  /** Absolute file, when the specifier is relative and the file exists. */
  resolvedFile: string | undefined;
  node: TSESTree.Node;
  /** Only type imports (`import type`): erased at build time, they carry no code to the client. */
  typeOnly: boolean;
}

/** Files larger than this are bundles, not modules worth following. */
const MAX_FOLLOWED_FILE_BYTES = 512 * 1024;

interface CacheEntry {
  /** The content provider's version stamp of the file. */
  stamp: string;
  unit: ModuleUnit | undefined;
}
const unitCache = new Map<string, CacheEntry>();
const ownUnits = new WeakMap<TSESTree.Program, ModuleUnit>();

/** The unit of the file being linted, from ESLint's own AST and scope manager. */
export function getOwnUnit(filename: string, ast: TSESTree.Program, scopeManager: ScopeManager): ModuleUnit {
  let unit = ownUnits.get(ast);
  if (!unit) {
    unit = createUnit(filename, ast, scopeManager);
    ownUnits.set(ast, unit);
  }
  return unit;
}

/** Parses (once per modification) the module at `filename`; undefined when it cannot be read or parsed. */
export function loadUnit(filename: string): ModuleUnit | undefined {
  const content = getContentProvider();
  const stamp = content.stamp(filename);
  const size = stamp === undefined ? undefined : content.size(filename);
  if (stamp === undefined || size === undefined || size > MAX_FOLLOWED_FILE_BYTES) return undefined;
  const cacheKey = `${content.id}\u0000${filename}`;
  const cached = unitCache.get(cacheKey);
  if (cached && cached.stamp === stamp) return cached.unit;
  let unit: ModuleUnit | undefined;
  try {
    const text = content.readText(filename);
    if (text === undefined) return undefined;
    const extension = extname(filename);
    const ast = parse(text, {
      range: true,
      loc: true,
      comment: false,
      jsx: extension === '.tsx' || extension === '.jsx' || extension === '.js' || extension === '.mjs',
      filePath: filename,
    });
    setParents(ast);
    const scopeManager = analyze(ast, { sourceType: 'module', jsxPragma: null });
    unit = createUnit(filename, ast, scopeManager);
  } catch {
    unit = undefined;
  }
  if (unitCache.size > 5_000) unitCache.clear();
  unitCache.set(cacheKey, { stamp, unit });
  return unit;
}

function createUnit(filename: string, ast: TSESTree.Program, scopeManager: ScopeManager): ModuleUnit {
  const exports = new Map<string, ExportEntry>();
  const imports: ImportEntry[] = [];
  const addImport = (sourceNode: TSESTree.Node, source: string, typeOnly: boolean) =>
    imports.push({ source, resolvedFile: resolveModuleFile(filename, source), node: sourceNode, typeOnly });
  for (const statement of ast.body) {
    switch (statement.type) {
      case 'ImportDeclaration':
        addImport(statement, statement.source.value, statement.importKind === 'type');
        break;
      case 'ExportNamedDeclaration': {
        if (statement.source) {
          addImport(statement, statement.source.value, statement.exportKind === 'type');
          for (const specifier of statement.specifiers) {
            exports.set(getModuleExportName(specifier.exported), {
              kind: 'reexport',
              source: statement.source.value,
              importedName: getModuleExportName(specifier.local),
            });
          }
          break;
        }
        const declaration = statement.declaration;
        if (declaration?.type === 'VariableDeclaration') {
          for (const declarator of declaration.declarations) {
            for (const name of collectPatternNames(declarator.id)) exports.set(name.name, { kind: 'local', localName: name.name, node: name });
          }
        } else if (declaration && 'id' in declaration && declaration.id && declaration.id.type === 'Identifier') {
          exports.set(declaration.id.name, { kind: 'local', localName: declaration.id.name, node: declaration.id });
        }
        for (const specifier of statement.specifiers) {
          const localName = getModuleExportName(specifier.local);
          exports.set(getModuleExportName(specifier.exported), { kind: 'local', localName, node: specifier.local });
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration;
        if (declaration.type === 'Identifier') {
          exports.set('default', { kind: 'local', localName: declaration.name, node: declaration });
        } else if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
          exports.set('default', { kind: 'local', localName: declaration.id.name, node: declaration.id });
        } else {
          exports.set('default', { kind: 'expression', node: declaration as TSESTree.Expression });
        }
        break;
      }
      case 'ExportAllDeclaration':
        addImport(statement, statement.source.value, statement.exportKind === 'type');
        if (statement.exported) {
          exports.set(getModuleExportName(statement.exported), { kind: 'reexport', source: statement.source.value, importedName: '*' });
        } else {
          exports.set(`*${statement.source.value}`, { kind: 'reexport', source: statement.source.value, importedName: '*all' });
        }
        break;
      case 'ExpressionStatement':
        addCommonJsExport(statement.expression, exports);
        break;
      default:
        break;
    }
  }
  return { filename, ast, scopeManager, exports, imports };
}

/** `module.exports = …`, `module.exports.X = …`, `exports.X = …` (CommonJS modules). */
function addCommonJsExport(expression: TSESTree.Expression, exports: Map<string, ExportEntry>): void {
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=' || expression.left.type !== 'MemberExpression') return;
  const left = expression.left;
  const isModuleExports = (node: TSESTree.Node) =>
    node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === 'module' && node.property.type === 'Identifier' && node.property.name === 'exports';
  if (isModuleExports(left)) {
    exports.set('default', { kind: 'expression', node: expression.right });
    if (expression.right.type === 'ObjectExpression') {
      for (const property of expression.right.properties) {
        if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier') {
          exports.set(property.key.name, { kind: 'expression', node: property.value as TSESTree.Expression });
        }
      }
    }
    return;
  }
  const target = left.object;
  if (!left.computed && left.property.type === 'Identifier' && ((target.type === 'Identifier' && target.name === 'exports') || isModuleExports(target))) {
    exports.set(left.property.name, { kind: 'expression', node: expression.right });
  }
}

function getModuleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

export function collectPatternNames(pattern: TSESTree.Node): TSESTree.Identifier[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) =>
        property.type === 'RestElement' ? collectPatternNames(property.argument) : collectPatternNames(property.value),
      );
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? collectPatternNames(element) : []));
    case 'AssignmentPattern':
      return collectPatternNames(pattern.left);
    case 'RestElement':
      return collectPatternNames(pattern.argument);
    default:
      return [];
  }
}

/** typescript-estree leaves `parent` unset; the resolver walks up, so set it once per parsed module. */
function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const keys = visitorKeys[node.type] ?? [];
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) {
          if (item && typeof item === 'object' && 'type' in item) {
            (item as unknown as { parent: TSESTree.Node }).parent = node;
            stack.push(item as TSESTree.Node);
          }
        }
      } else if (child && typeof child === 'object' && 'type' in child) {
        (child as unknown as { parent: TSESTree.Node }).parent = node;
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** Finds the export `name` of the module at `filename`, following re-exports (bounded). */
export function findExport(
  filename: string,
  name: string,
  depth = 0,
): { unit: ModuleUnit; entry: Exclude<ExportEntry, { kind: 'reexport' }> } | undefined {
  if (depth > 6) return undefined;
  const unit = loadUnit(filename);
  if (!unit) return undefined;
  const entry = unit.exports.get(name);
  if (entry && entry.kind !== 'reexport') return { unit, entry };
  if (entry?.kind === 'reexport') {
    const target = resolveModuleFile(filename, entry.source);
    return target ? findExport(target, entry.importedName, depth + 1) : undefined;
  }
  for (const [key, star] of unit.exports) {
    if (!key.startsWith('*') || star.kind !== 'reexport') continue;
    const target = resolveModuleFile(filename, star.source);
    const found = target ? findExport(target, name, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}
