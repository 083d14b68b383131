import type { TSESTree } from '@typescript-eslint/utils';
import { LOOK_ALIKE_KEY_HEADERS } from '../src/core/api-model.js';
import { createRule } from '../src/create-rule.js';
import { getAnalysisContext, isRelevantFile } from '../src/analysis/context.js';
import { findApiTarget, findRequest, hasKeyHeader } from '../src/analysis/request-model.js';

export type Options = [];
export type MessageId = 'missingKeyHeader' | 'lookAlikeHeader' | 'bearerInsteadOfKeyHeader';

export default createRule<Options, MessageId>({
  name: 'require-key-header',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the `x-api-key` or `x-api-key-id` header on every PilotStatus `/v1` request',
      recommended: true,
      typeInformation: 'optional',
    },
    messages: {
      missingKeyHeader: 'This request to `{{endpoint}}` sends neither `x-api-key` nor `x-api-key-id`; the API answers 401. Add `x-api-key` with the key from the server environment.',
      lookAlikeHeader: 'This request to `{{endpoint}}` sends the key in `{{header}}`, which the API ignores (401). Rename the header to `x-api-key` (or `x-api-key-id` for a key id).',
      bearerInsteadOfKeyHeader: 'This request to `{{endpoint}}` authenticates only with `Authorization`, which the API ignores (401). Send the key in `x-api-key` instead.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (!isRelevantFile(context, 'require-key-header')) return {};
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const analysis = getAnalysisContext(context);
        const request = findRequest(node, analysis);
        if (!request || !request.headers.complete || hasKeyHeader(request.headers)) return;
        const target = findApiTarget(request.url, analysis);
        if (!target) return;
        const { endpoint, endpoints } = target;
        // Only /v1 endpoints require the key header; pairing routes carry a token in the path instead.
        if (endpoint.kind !== 'v1' || endpoints.some((candidate) => candidate.pairing || candidate.kind === 'compat-layer')) return;
        const data = { endpoint: `${request.method ? `${request.method} ` : ''}${endpoint.path.replace(/\u0000/g, '{…}')}` };
        const lookAlike = request.headers.entries.find((entry) => LOOK_ALIKE_KEY_HEADERS.has(entry.lowerName));
        if (lookAlike) {
          context.report({ node, messageId: 'lookAlikeHeader', data: { ...data, header: lookAlike.name } });
          return;
        }
        const authorization = request.headers.entries.some((entry) => entry.lowerName === 'authorization');
        context.report({ node, messageId: authorization ? 'bearerInsteadOfKeyHeader' : 'missingKeyHeader', data });
      },
    };
  },
});
