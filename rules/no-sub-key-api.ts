import type { TSESTree } from '@typescript-eslint/utils';
import { createRule, DEFAULT_WRAPPER_DEPTH, wrapperDepthSchema, type WrapperDepthOptions } from '../src/create-rule.js';
import { NO_SUB_KEYS } from '../src/core/messages.js';
import { getAnalysisContext, isRelevantFile } from '../src/analysis/context.js';
import { judgeReachedRequests } from '../src/analysis/reached-requests.js';
import { isRequestCandidate } from '../src/analysis/request-model.js';
import { findSubKeyCall } from '../src/analysis/sub-key-api.js';

export type Options = WrapperDepthOptions;
export type MessageId = 'subKeyApi' | 'childKey';

export default createRule<Options, MessageId>({
  name: 'no-sub-key-api',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow calls to PilotStatus key-management endpoints other than `POST /v1/api-keys/regenerate`',
      recommended: true,
      typeInformation: 'optional',
    },
    messages: {
      subKeyApi: `\`{{endpoint}}\` does not exist. ${NO_SUB_KEYS}`,
      childKey: `\`{{endpoint}}\` with a \`parentKeyId\` asks for a child key, which does not exist. ${NO_SUB_KEYS}`,
    },
    schema: wrapperDepthSchema('`request(method, path, key)`, client methods'),
    defaultOptions: [{ wrapperDepth: DEFAULT_WRAPPER_DEPTH }],
  },
  create(context, [{ wrapperDepth = DEFAULT_WRAPPER_DEPTH }]) {
    if (!isRelevantFile(context, 'no-sub-key-api')) return {};
    // A wrapper call is reported only where its arguments write the path, so this file must name it.
    const followWrappers = /api-keys/i.test(context.sourceCode.text);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const wrapped = followWrappers && node.arguments.length > 0;
        if (!wrapped && !isRequestCandidate(node)) return;
        const analysis = getAnalysisContext(context);
        const [found] = judgeReachedRequests(node, analysis, wrapped ? wrapperDepth : 0, (request) => findSubKeyCall(request, analysis));
        if (!found) return;
        const { endpoint, childKey } = found.result;
        context.report({ node, messageId: childKey ? 'childKey' : 'subKeyApi', data: { endpoint } });
      },
    };
  },
});
