/**
 * One analysis context per linted file, shared by every rule of the plugin: the file's unit, the
 * validated settings and the lazy type information.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import { resolveSettings } from '../core/settings.js';
import { getOwnUnit } from './module-graph.js';
import { findUnitOf, registerUnit, type AnalysisContext } from './static-value.js';
import { createTypeInfo } from './type-info.js';

const contexts = new WeakMap<TSESTree.Program, AnalysisContext>();

export function getAnalysisContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): AnalysisContext {
  const sourceCode = context.sourceCode;
  const ast = sourceCode.ast;
  let analysis = contexts.get(ast);
  if (!analysis) {
    const unit = getOwnUnit(context.physicalFilename ?? context.filename, ast, sourceCode.scopeManager as unknown as ScopeManager);
    registerUnit(unit);
    const settings = resolveSettings((context.settings as Record<string, unknown> | undefined)?.pilotstatus);
    analysis = { unit, settings, typeInfo: createTypeInfo(context) };
    contexts.set(ast, analysis);
  }
  return analysis;
}

/** True when `node` is in the linted file (values resolved across modules carry nodes of other files). */
export function isInLintedFile(node: TSESTree.Node, analysis: AnalysisContext): boolean {
  return findUnitOf(node, analysis.unit) === analysis.unit;
}
