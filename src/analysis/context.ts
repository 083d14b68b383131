/**
 * One analysis context per linted file, shared by every rule of the plugin: the file's unit, the
 * validated settings and the lazy type information.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import { findKeys, type KeyMatch } from '../core/key.js';
import { resolveSettings } from '../core/settings.js';
import { getOwnUnit } from './module-graph.js';
import { findUnitOf, registerUnit, type AnalysisContext } from './static-value.js';
import { findClosureEvidence, keyWordsOnlyHere, meetsPrecondition, programNamesKeyElsewhere, type FileEvidence } from './relevance.js';
import { mayDeclareKeyBrand } from './key-value.js';
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
    const created: AnalysisContext = { unit, settings, typeInfo: createTypeInfo(context), literalTypesMatter: () => !hasOnlyOwnKeyWords(created) };
    analysis = created;
    contexts.set(ast, analysis);
  }
  return analysis;
}

/** True when `node` is in the linted file (values resolved across modules carry nodes of other files). */
export function isInLintedFile(node: TSESTree.Node, analysis: AnalysisContext): boolean {
  return findUnitOf(node, analysis.unit) === analysis.unit;
}

const evidenceByFile = new WeakMap<TSESTree.Program, FileEvidence>();

/**
 * The pre-filter every rule asks first: does this file (with the modules it imports) hold the
 * evidence `rule` needs to report anything (`RULE_PRECONDITIONS` in `relevance.ts`)? Found once per
 * file from the text; a file that fails costs the rule one bit test.
 */
export function isRelevantFile(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, rule: string): boolean {
  const ast = context.sourceCode.ast;
  let evidence = evidenceByFile.get(ast);
  if (evidence === undefined) {
    // Text and settings only: the file's unit (its resolved imports) is built only for relevant files.
    const settings = resolveSettings((context.settings as Record<string, unknown> | undefined)?.pilotstatus);
    evidence = findClosureEvidence(context.physicalFilename ?? context.filename, context.sourceCode.text, settings);
    evidenceByFile.set(ast, evidence);
  }
  return meetsPrecondition(rule, evidence);
}

const ownKeyWordsOnly = new WeakMap<TSESTree.Program, boolean>();

/**
 * Whether the only words that say key in reach of the linted file are its own key headers and
 * `api-keys` paths (`keyWordsOnlyHere`), and, with types, no other file of the program says key or
 * PilotStatus and no type alias may be a key brand. Then every key source is at one of those words
 * (`taint/reach.ts` starts there), and no literal type, brand or declared type can add one.
 */
export function hasOnlyOwnKeyWords(analysis: AnalysisContext): boolean {
  const ast = analysis.unit.ast;
  let answer = ownKeyWordsOnly.get(ast);
  if (answer === undefined) {
    const evidence = findLintedFileEvidence(ast);
    const typeInfo = analysis.typeInfo;
    answer = evidence !== undefined && keyWordsOnlyHere(analysis.unit.filename, analysis.unit.imports.map((entry) => entry.source), evidence, analysis.settings) &&
      (!typeInfo || !(programNamesKeyElsewhere(typeInfo, analysis.settings, analysis.unit.filename) || mayDeclareKeyBrand(analysis)));
    // asked only after `isRelevantFile` found the evidence: an answer without it is not kept
    if (evidence !== undefined) ownKeyWordsOnly.set(ast, answer);
  }
  return answer;
}

/** The evidence `isRelevantFile` found in the linted file's own text (undefined before it was asked). */
export function findLintedFileEvidence(ast: TSESTree.Program): FileEvidence | undefined {
  return evidenceByFile.get(ast);
}

const keyMatches = new WeakMap<TSESTree.Program, KeyMatch[]>();

/** The keys in the linted file's text, found once per file for every rule that asks. */
export function getKeyMatches(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): KeyMatch[] {
  const ast = context.sourceCode.ast;
  let matches = keyMatches.get(ast);
  if (!matches) {
    matches = findKeys(context.sourceCode.text, { keyPattern: getAnalysisContext(context).settings.keyPattern });
    keyMatches.set(ast, matches);
  }
  return matches;
}
