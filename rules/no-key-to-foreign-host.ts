import type { TSESTree } from '@typescript-eslint/utils';
import { createRule, DEFAULT_WRAPPER_DEPTH, wrapperDepthSchema, type WrapperDepthOptions } from '../src/create-rule.js';
import { KEEP_KEY_TO_PILOTSTATUS } from '../src/core/messages.js';
import { getAnalysisContext, isInLintedFile, isRelevantFile } from '../src/analysis/context.js';
import { findForeignSend, findSentPilotKeys, isPilotStatusRequest, type ForeignSend } from '../src/analysis/foreign-host.js';
import { judgeReachedRequests } from '../src/analysis/reached-requests.js';
import { findRequest, isRequestCandidate } from '../src/analysis/request-model.js';

export type Options = WrapperDepthOptions;
export type MessageId = 'keyToForeignHost' | 'keyToUntrustedUrl';

export default createRule<Options, MessageId>({
  name: 'no-key-to-foreign-host',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending a PilotStatus key to a host that is not a PilotStatus API host',
      recommended: true,
      typeInformation: 'optional',
    },
    messages: {
      keyToForeignHost: `{{key}} is sent in {{where}} to \`{{host}}\`, which is not a PilotStatus API host. ${KEEP_KEY_TO_PILOTSTATUS}`,
      keyToUntrustedUrl: `{{key}} is sent in {{where}} to a URL taken from {{source}}: whoever sends that input chooses who receives the key. ${KEEP_KEY_TO_PILOTSTATUS}`,
    },
    schema: wrapperDepthSchema('`post(url, body)` helpers that add the key'),
    defaultOptions: [{ wrapperDepth: DEFAULT_WRAPPER_DEPTH }],
  },
  create(context, [{ wrapperDepth = DEFAULT_WRAPPER_DEPTH }]) {
    if (!isRelevantFile(context, 'no-key-to-foreign-host')) return {};
    const sourceCode = context.sourceCode;
    /** Keys (env var or name) this file sends to PilotStatus: what makes a generic key name a PilotStatus key. */
    const sentToPilotStatus = new Set<string>();
    /** Findings whose key name is generic (`WHATSAPP_TOKEN`), decided at the end of the file. */
    const pending: Array<{ node: TSESTree.CallExpression; send: ForeignSend }> = [];

    const report = (node: TSESTree.CallExpression, send: ForeignSend, keys: ForeignSend['keys']) => {
      const [key] = keys;
      if (!key) return;
      const data = { key: key.evidence.label, where: key.where };
      const { destination } = send;
      if (destination.kind === 'vendor') {
        context.report({ node, messageId: 'keyToForeignHost', data: { ...data, host: destination.host } });
      } else {
        context.report({ node, messageId: 'keyToUntrustedUrl', data: { ...data, source: describeSource(destination.node) } });
      }
    };
    const describeSource = (node: TSESTree.Node) => {
      const analysis = getAnalysisContext(context);
      if (!isInLintedFile(node, analysis)) return 'the input of an incoming request';
      const text = sourceCode.getText(node).replace(/\s+/g, ' ');
      return `input the request's sender controls (\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\`)`;
    };

    return {
      CallExpression(node: TSESTree.CallExpression) {
        // A wrapper call decides the destination only through its arguments.
        const wrapped = node.arguments.length > 0;
        if (!wrapped && !isRequestCandidate(node)) return;
        const analysis = getAnalysisContext(context);
        const direct = findRequest(node, analysis);
        if (direct && isPilotStatusRequest(direct, analysis)) {
          for (const key of findSentPilotKeys(direct, analysis)) if (key.identity) sentToPilotStatus.add(key.identity);
          return;
        }
        const [found] = judgeReachedRequests(node, analysis, wrapped ? wrapperDepth : 0, (request) => findForeignSend(request, analysis));
        if (!found) return;
        const send = found.result;
        const strong = send.keys.filter((key) => key.strong);
        if (strong.length > 0) report(node, send, strong);
        else pending.push({ node, send });
      },
      'Program:exit'() {
        for (const { node, send } of pending) {
          const corroborated = send.keys.filter((key) => key.identity !== undefined && sentToPilotStatus.has(key.identity));
          report(node, send, corroborated);
        }
      },
    };
  },
});
