/**
 * Values across modules: import bindings, export entries, `require`, dynamic `import()`, and
 * declarations found through the type checker.
 */
import { type TSESTree, ASTUtils } from '@typescript-eslint/utils';
import { getFileIndex } from '../file-index.js';
import { findClientByModule } from '../http-clients.js';
import { findExport, loadUnit, resolveModuleFile, type ModuleUnit } from '../module-graph.js';
import { registerUnit, findUnitOf, resolve } from './resolver.js';
import { type Origin, type Value, type AnalysisContext, EMPTY_STATE, unknown, withTrail } from './value.js';
import { getScope, findVariableFor, resolveVariable } from './variables.js';

export function resolveImportBinding(clause: TSESTree.ImportClause, declaration: TSESTree.ImportDeclaration, context: AnalysisContext): Value {
  const source = declaration.source.value;
  const importedName =
    clause.type === 'ImportDefaultSpecifier' ? 'default'
      : clause.type === 'ImportNamespaceSpecifier' ? '*'
        : clause.imported.type === 'Identifier' ? clause.imported.name : clause.imported.value;
  const origin: Origin = { kind: 'import', source, importedName, node: clause };
  const unit = findUnitOf(clause, context.unit);
  const file = resolveModuleFile(unit.filename, source);
  // an HTTP client (the SDK too) is known by its name: its provenance is the answer (the checker would
  // find only its `.d.ts`, after being created and inferring its way there)
  if (!file) return (findClientByModule(source) ? undefined : resolveThroughChecker(clause.local, context)) ?? unknown(clause, origin);
  if (importedName === '*') {
    const target = loadUnit(file);
    if (!target) return unknown(clause, origin);
    registerUnit(target);
    const properties = new Map<string, Value>();
    for (const name of target.exports.keys()) {
      if (name.startsWith('*')) continue;
      const found = findExport(file, name);
      if (found) properties.set(name, resolveExportEntry(found.unit, found.entry, context));
    }
    return { kind: 'object', properties, open: true, trail: [], node: clause };
  }
  const found = findExport(file, importedName);
  if (!found) return unknown(clause, origin);
  registerUnit(found.unit);
  const value = resolveExportEntry(found.unit, found.entry, context);
  return value.kind === 'unknown' && !value.origin ? unknown(clause, origin) : value;
}

function resolveExportEntry(unit: ModuleUnit, entry: { kind: 'local'; localName: string; node: TSESTree.Node } | { kind: 'expression'; node: TSESTree.Expression }, context: AnalysisContext): Value {
  registerUnit(unit);
  if (entry.kind === 'expression') return resolve(entry.node, context, EMPTY_STATE);
  if (entry.node.type === 'Identifier') {
    const scope = getScope(unit, entry.node);
    const variable = ASTUtils.findVariable(scope, entry.localName);
    if (variable && variable.defs.length > 0) return withTrail(resolveVariable(variable, entry.node, context, EMPTY_STATE), entry.localName);
  }
  return unknown(entry.node);
}

/**
 * With type information, the checker knows where an import really points (tsconfig `paths`,
 * package self-references, re-export chains): map its declaration back onto a parsed module.
 */
function resolveThroughChecker(identifier: TSESTree.Identifier, context: AnalysisContext): Value | undefined {
  if (!context.typeInfo || findUnitOf(identifier, context.unit) !== context.unit) return undefined;
  const [declaration] = context.typeInfo.getDeclarations(identifier);
  if (!declaration) return undefined;
  const sourceFile = declaration.getSourceFile();
  if (sourceFile.isDeclarationFile) return undefined;
  const unit = sourceFile.fileName === context.unit.filename ? context.unit : loadUnit(sourceFile.fileName);
  if (!unit) return undefined;
  registerUnit(unit);
  const nameNode = (declaration as { name?: { getStart(): number } }).name;
  const offset = nameNode ? nameNode.getStart() : declaration.getStart();
  const found = getFileIndex(unit.ast).identifiersByOffset.get(offset);
  const target = found?.type === 'Identifier' ? found : undefined;
  if (!target) return undefined;
  const variable = ASTUtils.findVariable(getScope(unit, target), target.name);
  if (!variable || variable.defs.length === 0) return undefined;
  return withTrail(resolveVariable(variable, target, context, EMPTY_STATE), target.name);
}

/** CommonJS `require('x')`: a package keeps its provenance, a local module resolves to its `module.exports`. */
export function resolveRequire(node: TSESTree.CallExpression, source: string, context: AnalysisContext): Value | undefined {
  const callee = node.callee as TSESTree.Identifier;
  if (findVariableFor(callee, context)) return undefined; // a local function named require
  const origin: Origin = { kind: 'import', source, importedName: 'default', node };
  const unit = findUnitOf(node, context.unit);
  const file = resolveModuleFile(unit.filename, source);
  if (!file) return unknown(node, origin);
  const target = loadUnit(file);
  if (!target) return unknown(node, origin);
  registerUnit(target);
  const whole = target.exports.get('default');
  if (whole && whole.kind !== 'reexport') return resolveExportEntry(target, whole, context);
  const properties = new Map<string, Value>();
  for (const [name, entry] of target.exports) {
    if (entry.kind !== 'reexport' && !name.startsWith('*')) properties.set(name, resolveExportEntry(target, entry, context));
  }
  return { kind: 'object', properties, open: true, trail: [], node };
}

/** Dynamic `import('./x')` or `import('@pilot-status/sdk')`: a namespace whose origin is the module. */
export function resolveDynamicImport(node: TSESTree.ImportExpression): Value {
  const source = node.source.type === 'Literal' && typeof node.source.value === 'string' ? node.source.value : undefined;
  if (!source) return unknown(node);
  return unknown(node, { kind: 'import', source, importedName: '*', node });
}
