import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ASTUtils } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { MASK_BEFORE_LOGGING } from '../src/core/messages.js';
import { getAnalysisContext, isRelevantFile } from '../src/analysis/context.js';
import { findLogSink, findRejectSink, findThrowSink, isSinkCandidate, describeCallee, type LogSink } from '../src/analysis/log-sinks.js';
import { findConcreteLeaf, getTaintEngine, isCoveredByRedaction, type Taint, type TaintEngine } from '../src/analysis/taint.js';

export type Options = [];
export type MessageId = 'keyLogged' | 'keyInError' | 'keyLoggedByHelper' | 'maskValue';


export default createRule<Options, MessageId>({
  name: 'no-key-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writing full PilotStatus keys (and headers, configs or responses holding one) to logs, terminals or error messages',
      recommended: true,
      typeInformation: 'optional',
    },
    hasSuggestions: true,
    messages: {
      keyLogged: `The full key from {{source}} reaches \`{{sink}}\`. ${MASK_BEFORE_LOGGING}`,
      keyInError: 'The full key from {{source}} goes into an error message (`{{sink}}`), and error messages get logged. Leave the key out of the message.',
      keyLoggedByHelper: `The full key from {{source}} is passed to \`{{sink}}\`, which logs it with \`{{innerSink}}\`. ${MASK_BEFORE_LOGGING}`,
      maskValue: 'Wrap `{{expression}}` in `{{mask}}(…)`.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (!isRelevantFile(context, 'no-key-logging')) return {};
    const check = (sink: LogSink, reportNode: TSESTree.Node): void => {
      const analysis = getAnalysisContext(context);
      const engine = getTaintEngine(analysis);
      for (const argument of sink.arguments) {
        let taint = engine.taintOfArgument(argument);
        if (sink.family === 'error') taint = withoutErrorObjects(taint);
        if (!taint) continue;
        if (sink.redactPaths && argument.type === 'ObjectExpression' && isCoveredByRedaction(taint, sink.redactPaths)) continue;
        if (sink.redactPaths && argument.type !== 'ObjectExpression' && taint.shape === 'object' && isCoveredByRedaction(taint, sink.redactPaths)) continue;
        const leaf = findConcreteLeaf(taint);
        if (!leaf) continue;
        context.report({
          node: reportNode,
          messageId: sink.family === 'error' ? 'keyInError' : 'keyLogged',
          data: { source: leaf.source.label, sink: sink.name },
          suggest: createMaskSuggestion(context, engine, argument, reportNode),
        });
        return;
      }
    };

    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!isSinkCandidate(node)) return;
        const analysis = getAnalysisContext(context);
        // The code alone first: what the receiver was created from.
        const sink = findLogSink(node, analysis, false);
        if (sink) {
          check(sink, node);
          return;
        }
        // Whatever else the call is (a sink only the types reveal, a project's own log helper), it can
        // be reported only when an argument carries a key: that is decided first, and usually says no.
        const engine = getTaintEngine(analysis);
        if (!node.arguments.some((argument) => findConcreteLeaf(engine.taintOfArgument(argument)))) return;
        const typedSink = analysis.typeInfo ? findLogSink(node, analysis, true) : undefined;
        if (typedSink) {
          check(typedSink, node);
          return;
        }
        // A project's own log helper: `logJson(obj)`, `function log(...args) { console.log(...args) }`.
        const helper = engine.findLogHelper(node);
        if (!helper) return;
        for (const { ref, innerSink } of helper.params.values()) {
          const leaf = findConcreteLeaf(engine.applyHelperParameter(ref, node.arguments));
          if (!leaf) continue;
          context.report({
            node,
            messageId: 'keyLoggedByHelper',
            data: { source: leaf.source.label, sink: describeCallee(node.callee), innerSink },
          });
          return;
        }
      },
      ThrowStatement(node: TSESTree.ThrowStatement) {
        const sink = findThrowSink(node);
        if (sink) check(sink, node);
      },
      'CallExpression > NewExpression'(node: TSESTree.NewExpression) {
        const sink = findRejectSink(node);
        if (sink) check(sink, node);
      },
    };
  },
});

/** An HTTP error object as `cause` of a new error is not part of its message. */
function withoutErrorObjects(taint: Taint | undefined): Taint | undefined {
  if (!taint || taint.shape === 'error') return undefined;
  if (taint.shape !== 'object') return taint;
  const fields = new Map([...(taint.fields ?? [])].filter(([, field]) => field.shape !== 'error'));
  return fields.size === 0 && (!taint.rest || taint.rest.shape === 'error') ? undefined : { ...taint, fields };
}

/**
 * Wrapping in a mask function is offered only when one of `settings.pilotstatus.maskFunctions` is
 * declared or imported in scope and the tainted part is a plain name or member read of the key text.
 */
function createMaskSuggestion(
  context: Readonly<TSESLint.RuleContext<MessageId, Options>>,
  engine: TaintEngine,
  argument: TSESTree.Node,
  reportNode: TSESTree.Node,
): TSESLint.SuggestionReportDescriptor<MessageId>[] {
  const target = findMaskTarget(engine, argument);
  if (!target) return [];
  const analysis = getAnalysisContext(context);
  const scope = context.sourceCode.getScope(reportNode);
  const mask = analysis.settings.maskFunctions.find((name) => {
    const variable = ASTUtils.findVariable(scope, name);
    return variable?.defs.some((definition) => definition.type === 'FunctionName' || definition.type === 'ImportBinding' || definition.type === 'Variable') ?? false;
  });
  if (!mask) return [];
  const expression = context.sourceCode.getText(target);
  return [{ messageId: 'maskValue', data: { expression, mask }, fix: (fixer) => fixer.replaceText(target, `${mask}(${expression})`) }];
}

function findMaskTarget(engine: TaintEngine, node: TSESTree.Node): TSESTree.Node | undefined {
  if (node.type === 'Identifier' || node.type === 'MemberExpression') {
    const taint = engine.taintOf(node);
    return taint?.shape === 'string' && taint.source.kind !== 'literal' ? node : undefined;
  }
  if (node.type === 'TemplateLiteral') {
    for (const expression of node.expressions) {
      const found = findMaskTarget(engine, expression);
      if (found) return found;
    }
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') return findMaskTarget(engine, node.left) ?? findMaskTarget(engine, node.right);
  return undefined;
}
