import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ASTUtils } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { MASK_BEFORE_LOGGING } from '../src/core/messages.js';
import { getAnalysisContext, isRelevantFile } from '../src/analysis/context.js';
import { findLogSink, findRejectSink, findThrowSink, isSinkCandidate, describeCallee, type LogSink } from '../src/analysis/log-sinks.js';
import { createTypeInfo, type TypeInfo } from '../src/analysis/type-info.js';
import { findRequest } from '../src/analysis/request-model.js';
import { findConcreteLeaf, getTaintEngine, isCoveredByRedaction, isStandardLibraryCall, type Taint, type TaintEngine } from '../src/analysis/taint.js';

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
        // Source-first: a call none of whose arguments a key can reach reports nothing, whatever it is;
        // nor does `JSON.stringify(…)`, whatever they hold (its result is judged where it goes).
        const engine = getTaintEngine(analysis);
        if (!node.arguments.some((argument) => engine.mayCarryKey(argument)) || isStandardLibraryCall(node, analysis)) return;
        // The code alone first: what the receiver was created from.
        const sink = findLogSink(node, analysis, false);
        if (sink) {
          check(sink, node);
          return;
        }
        // Whatever else the call is (a sink only the types reveal, a project's own log helper), it can
        // be reported only when an argument carries a key: that is decided first, and usually says no.
        // an HTTP request (`axios.post(url, data, { headers })`) sends the key; it neither logs nor wraps
        // a logger (the request model is shared with the other rules, its arguments' taint is not)
        if (findRequest(node, analysis)) return;
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
  let maskName: TSESTree.Identifier | undefined;
  const mask = analysis.settings.maskFunctions.find((name) => {
    const variable = ASTUtils.findVariable(scope, name);
    const definition = variable?.defs.find((entry) => entry.type === 'FunctionName' || entry.type === 'ImportBinding' || entry.type === 'Variable');
    maskName = definition?.name.type === 'Identifier' ? definition.name : undefined;
    return definition !== undefined;
  });
  if (!mask) return [];
  // The wrapped code must still type-check: `maskKey(process.env.KEY)` fails when `maskKey` takes a `string`.
  if (maskName && !maskAccepts(createTypeInfo(context), maskName, target)) return [];
  const expression = context.sourceCode.getText(target);
  return [{ messageId: 'maskValue', data: { expression, mask }, fix: (fixer) => fixer.replaceText(target, `${mask}(${expression})`) }];
}

/**
 * With type information, whether the mask function's first parameter accepts the target's type (so
 * the suggestion cannot break a build that passed). Without it, or on a TypeScript too old to answer
 * (`isTypeAssignableTo` is public API from 5.x on), the suggestion is offered as before.
 */
function maskAccepts(types: TypeInfo | undefined, maskName: TSESTree.Identifier, target: TSESTree.Node): boolean {
  if (!types) return true;
  const checker = types.getChecker() as ReturnType<TypeInfo['getChecker']> & { isTypeAssignableTo?: (source: unknown, target: unknown) => boolean };
  const maskType = types.getType(maskName);
  const targetType = types.getType(target);
  const location = types.getTsNode(target);
  if (!checker.isTypeAssignableTo || !maskType || !targetType || !location) return true;
  const signatures = maskType.getCallSignatures();
  if (signatures.length === 0) return true;
  return signatures.some((signature) => {
    const parameter = signature.getParameters()[0];
    return parameter !== undefined && checker.isTypeAssignableTo(targetType, checker.getTypeOfSymbolAtLocation(parameter, location));
  });
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
