/**
 * Call targets for key scope: which function a call runs (bound functions, class methods, instances,
 * and with types a declaration elsewhere).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { isKeyLikeName } from '../../core/names.js';
import { findEnclosingClass } from '../ast.js';
import { getFileIndex } from '../file-index.js';
import { loadUnit } from '../module-graph.js';
import { isCallIntoRequestFreeModule } from '../request-model.js';
import { getMemberName, getOptions, registerUnit, resolveValue, type AnalysisContext, type Bindings, type FunctionNode, type Value } from '../static-value.js';

export interface Target {
  fn: FunctionNode;
  receiver?: Extract<Value, { kind: 'instance' }>;
}

// ——— call targets: which function a call runs ———

export function findCallTargets(call: TSESTree.CallExpression, analysis: AnalysisContext, bindings: Bindings, inside: boolean): Target[] {
  const callee = call.callee;
  const targets: Target[] = [];
  if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return targets;
  if (isCallIntoRequestFreeModule(callee, analysis)) return targets;
  for (const option of getOptions(resolveValue(callee, analysis, bindings))) {
    if (option.kind === 'function') targets.push({ fn: option.functionNode });
  }
  if (targets.length === 0 && callee.type === 'MemberExpression') {
    const name = getMemberName(callee, analysis, bindings);
    if (name !== undefined) {
      if (callee.object.type === 'ThisExpression') {
        const classNode = findEnclosingClass(call);
        const method = classNode && findMethod(classNode, name, analysis);
        if (method) targets.push({ fn: method });
      } else {
        for (const option of getOptions(resolveValue(callee.object, analysis, bindings))) {
          if (option.kind === 'instance') {
            const method = findMethod(option.classNode, name, analysis);
            if (method) targets.push({ fn: method, receiver: option });
          } else if (option.kind === 'class') {
            const method = findMethod(option.classNode, name, analysis, true);
            if (method) targets.push({ fn: method });
          }
        }
      }
    }
  }
  // Injected or typed receivers (`this.gateway.perform(…)`): the checker knows the declaration.
  if (targets.length === 0 && !inside && analysis.typeInfo && isTypedTargetCandidate(call)) targets.push(...findTargetsWithTypes(call, analysis));
  return targets;
}

export function getClassMemberName(member: TSESTree.ClassElement): string | undefined {
  if (!('key' in member) || member.computed) return undefined;
  if (member.key.type === 'Identifier') return member.key.name;
  if (member.key.type === 'PrivateIdentifier') return `#${member.key.name}`;
  if (member.key.type === 'Literal') return String(member.key.value);
  return undefined;
}

function findMethod(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, analysis: AnalysisContext, isStatic = false, depth = 0): FunctionNode | undefined {
  for (const member of classNode.body.body) {
    if (member.type === 'MethodDefinition' && member.kind === 'method' && member.static === isStatic && getClassMemberName(member) === name) return member.value as FunctionNode;
    if (member.type === 'PropertyDefinition' && member.static === isStatic && getClassMemberName(member) === name && member.value && (member.value.type === 'ArrowFunctionExpression' || member.value.type === 'FunctionExpression')) return member.value;
  }
  if (!classNode.superClass || depth > 3) return undefined;
  for (const option of getOptions(resolveValue(classNode.superClass, analysis))) {
    if (option.kind === 'class') {
      const found = findMethod(option.classNode, name, analysis, isStatic, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Worth asking the checker: an argument looks like an API path or a key. */
function isTypedTargetCandidate(call: TSESTree.CallExpression): boolean {
  const looksLikePath = (text: string) => text.startsWith('/') || text.includes('/v1');
  const looksRelevant = (node: TSESTree.Node): boolean => {
    if (node.type === 'Literal') return typeof node.value === 'string' && looksLikePath(node.value);
    if (node.type === 'TemplateLiteral') return looksLikePath(node.quasis[0]?.value.cooked ?? '');
    if (node.type === 'Identifier') return isKeyLikeName(node.name);
    if (node.type === 'MemberExpression') return !node.computed && (node.property.type === 'Identifier' || node.property.type === 'PrivateIdentifier') && isKeyLikeName(node.property.name);
    if (node.type === 'ObjectExpression') return node.properties.some((property) => property.type === 'Property' && looksRelevant(property.value));
    return false;
  };
  return call.arguments.some(looksRelevant);
}

function findTargetsWithTypes(call: TSESTree.CallExpression, analysis: AnalysisContext): Target[] {
  const typeInfo = analysis.typeInfo!;
  const callee = call.callee;
  const nameNode = callee.type === 'MemberExpression' ? callee.property : callee;
  const targets: Target[] = [];
  for (const declaration of typeInfo.getDeclarations(nameNode)) {
    const withBody = declaration as ts.Node & { body?: ts.Node; initializer?: ts.Node & { body?: ts.Node } };
    const body = withBody.body ?? withBody.initializer?.body;
    if (!body) continue;
    try {
      const fn = findFunctionByBody(body.getSourceFile().fileName, body.getStart(), body.getEnd(), analysis);
      if (fn) targets.push({ fn });
    } catch {
      // a declaration the checker cannot place: no target
    }
  }
  return targets;
}

function findFunctionByBody(fileName: string, start: number, end: number, analysis: AnalysisContext): FunctionNode | undefined {
  const unit = fileName === analysis.unit.filename ? analysis.unit : loadUnit(fileName);
  if (!unit) return undefined;
  registerUnit(unit);
  const fn = getFileIndex(unit.ast).functionsByBodyStart.get(start);
  return fn && fn.body.range[1] === end ? fn : undefined;
}
