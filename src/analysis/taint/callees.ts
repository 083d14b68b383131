/**
 * Across functions and modules: the function a call runs (local, imported, a class method, or a
 * declaration the checker finds in another module), the taint of import bindings and exports, and the
 * small syntax helpers that name a callee.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { findEnclosingClass, getStaticKeyName, isFunctionNode, type ClassNode } from '../ast.js';
import { getClassIndex, getFileIndex } from '../file-index.js';
import { findExport, loadUnit, resolveModuleFile } from '../module-graph.js';
import { findUnitOf, findVariableFor, getMemberName, getOptions, registerUnit, resolveValue, type FunctionNode } from '../static-value.js';
import { ROOT, type TaintEngine } from './engine.js';
import type { Taint } from './lattice.js';
import { isOpaqueExpression, leafEvidence } from './sources.js';

/**
 * `acceptModule`: asked before a declaration in another module is parsed to be followed (a cheap text
 * test). `useTypes: false` leaves the checker out (only what the code and the module graph show).
 */
export function findCalleeUncached(engine: TaintEngine, call: TSESTree.CallExpression, acceptModule?: (file: string) => boolean, useTypes = true): FunctionNode | undefined {
  const callee = call.callee;
  if (callee.type === 'MemberExpression') {
    const method = getMemberName(callee, engine.context);
    if (method && callee.object.type === 'ThisExpression') {
      const classNode = findEnclosingClass(callee);
      const found = classNode && findMethod(classNode, method);
      if (found) return found;
    }
    if (method && callee.object.type !== 'ThisExpression') {
      const receiver = resolveValue(callee.object, engine.context);
      for (const option of getOptions(receiver)) {
        if (option.kind === 'instance') {
          const found = findMethod(option.classNode, method);
          if (found) return found;
        }
        if (option.kind === 'object' && !option.properties.has(method)) {
          const literal = option.node.type === 'ObjectExpression' ? option.node : undefined;
          const property = literal?.properties.find((candidate): candidate is TSESTree.Property => candidate.type === 'Property' && candidate.method && getStaticKeyName(candidate) === method);
          if (property && isFunctionNode(property.value)) return property.value;
        }
      }
    }
  }
  const value = resolveValue(callee, engine.context);
  for (const option of getOptions(value)) if (option.kind === 'function') return option.functionNode;
  const typeInfo = engine.context.typeInfo;
  if (!typeInfo || !useTypes) return undefined;
  const target = callee.type === 'MemberExpression' ? callee.property : callee;
  for (const declaration of typeInfo.getDeclarations(target)) {
    if (acceptModule) {
      const fileName = declaration.getSourceFile().fileName;
      if (fileName !== engine.context.unit.filename && !acceptModule(fileName)) continue;
    }
    const node = findEstreeDeclaration(engine, declaration);
    const fn = node ? functionOfDeclaration(node) : undefined;
    if (fn) return fn;
  }
  return undefined;
}

/** The ESTree name node of a TypeScript declaration in a source file of the program. */
function findEstreeDeclaration(engine: TaintEngine, declaration: ts.Declaration): TSESTree.Node | undefined {
  try {
    const sourceFile = declaration.getSourceFile();
    if (sourceFile.isDeclarationFile) return undefined;
    const nameNode = (declaration as { name?: ts.Node }).name;
    const position = (nameNode ?? declaration).getStart(sourceFile);
    const unit = sourceFile.fileName === engine.context.unit.filename ? engine.context.unit : loadUnit(sourceFile.fileName);
    if (!unit) return undefined;
    registerUnit(unit);
    return getFileIndex(unit.ast).identifiersByOffset.get(position);
  } catch {
    return undefined;
  }
}

// ——— syntax helpers ———

export function isIdentifier(node: TSESTree.Node, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}

export function isObjectAssign(callee: TSESTree.Node): boolean {
  return callee.type === 'MemberExpression' && isIdentifier(callee.object, 'Object') && isIdentifier(callee.property, 'assign');
}

export function getLastName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && (node.property.type === 'Identifier' || node.property.type === 'PrivateIdentifier')) return node.property.name;
  return undefined;
}

function findMethod(classNode: ClassNode, name: string): FunctionNode | undefined {
  for (const member of getClassIndex(classNode)?.members.get(name) ?? []) {
    if (member.kind === 'method' && member.node.value.type === 'FunctionExpression') return member.node.value;
    if (member.kind === 'field' && member.node.value && isFunctionNode(member.node.value)) return member.node.value;
  }
  return undefined;
}

/** The function a declaration's name node belongs to. */
function functionOfDeclaration(name: TSESTree.Node): FunctionNode | undefined {
  const parent = name.parent;
  if (!parent) return undefined;
  if (parent.type === 'FunctionDeclaration' && parent.id === name) return parent;
  if (parent.type === 'MethodDefinition' && parent.key === name) return parent.value.type === 'FunctionExpression' ? parent.value : undefined;
  if ((parent.type === 'VariableDeclarator' && parent.id === name && parent.init && isFunctionNode(parent.init)) ) return parent.init;
  if ((parent.type === 'PropertyDefinition' || parent.type === 'Property') && parent.key === name && parent.value && isFunctionNode(parent.value)) return parent.value;
  return undefined;
}

// ——— imports and exports ———

export function evaluateImport(engine: TaintEngine, clause: TSESTree.ImportClause, declaration: TSESTree.ImportDeclaration, use: TSESTree.Identifier): Taint | undefined {
  if (clause.type === 'ImportNamespaceSpecifier') return undefined;
  const importedName = clause.type === 'ImportDefaultSpecifier' ? 'default' : clause.imported.type === 'Identifier' ? clause.imported.name : clause.imported.value;
  const unit = findUnitOf(clause, engine.context.unit);
  const file = resolveModuleFile(unit.filename, declaration.source.value);
  if (file) return evaluateExport(engine, file, importedName);
  // With type information: the declaration the checker finds (path aliases, package subpaths).
  const typeInfo = engine.context.typeInfo;
  if (!typeInfo) return undefined;
  for (const tsDeclaration of typeInfo.getDeclarations(use)) {
    const target = findEstreeDeclaration(engine, tsDeclaration);
    if (target?.type === 'Identifier') {
      const variable = findVariableFor(target, engine.context);
      if (variable?.defs[0]?.type === 'Variable') return engine.evaluateVariable(variable, ROOT);
    }
  }
  return undefined;
}

export function evaluateExport(engine: TaintEngine, file: string, name: string): Taint | undefined {
  const found = findExport(file, name);
  if (!found) return undefined;
  registerUnit(found.unit);
  const entry = found.entry;
  if (entry.kind === 'expression') return engine.evaluate(entry.node, ROOT);
  if (entry.node.type !== 'Identifier') return undefined;
  const variable = findVariableFor(entry.node, engine.context);
  if (!variable || variable.defs.length === 0) return undefined;
  if (variable.defs[0]!.type === 'Variable') {
    const taint = engine.evaluateVariable(variable, ROOT);
    if (taint) return taint;
    const declarator = variable.defs[0]!.node;
    return !declarator.init || isOpaqueExpression(engine, declarator.init) ? leafEvidence(engine, variable.defs[0]!.name) : undefined;
  }
  if (variable.defs[0]!.type === 'ImportBinding') {
    return evaluateImport(engine, variable.defs[0]!.node as TSESTree.ImportClause, variable.defs[0]!.parent as TSESTree.ImportDeclaration, entry.node);
  }
  return undefined;
}
