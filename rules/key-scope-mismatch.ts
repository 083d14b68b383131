import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { getAnalysisContext, isRelevantFile } from '../src/analysis/context.js';
import { describeEndpoint, describeScopeEvidence, findSentKeys, type ScopeContext, type SentKey } from '../src/analysis/key-scope.js';

export type Options = [{ checkConsistency?: boolean; wrapperDepth?: number }];
export type MessageId = 'tenantKeyOnNumberEndpoint' | 'numberKeyOnTenantEndpoint' | 'keyOnBothScopes';

const TENANT_KEY_ADVICE = "Send the number's own key (Dashboard → API Keys) to this endpoint.";
const NUMBER_KEY_ADVICE = 'Use the tenant-scoped key (Dashboard → Profile → API tab) for number management.';

export default createRule<Options, MessageId>({
  name: 'key-scope-mismatch',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow tenant-scoped keys on per-number endpoints and number-scoped keys on tenant endpoints',
      recommended: true,
      typeInformation: 'optional',
    },
    messages: {
      tenantKeyOnNumberEndpoint: `{{key}} is a tenant-scoped key ({{evidence}}), but \`{{endpoint}}\` is a per-number endpoint: PilotStatus rejects it with 403 \`TENANT_SCOPE_NOT_ALLOWED\`. ${TENANT_KEY_ADVICE}`,
      numberKeyOnTenantEndpoint: `{{key}} is a number-scoped key ({{evidence}}), but \`{{endpoint}}\` accepts only the tenant-scoped key: PilotStatus rejects it with 403 \`NUMBER_SCOPE_NOT_ALLOWED\`. ${NUMBER_KEY_ADVICE}`,
      keyOnBothScopes: `{{key}} is sent to the tenant endpoint \`{{endpoint}}\` here and to the per-number endpoint \`{{otherEndpoint}}\` on line {{otherLine}}; one key cannot be right for both. A key of unstated scope is usually a number's default key, which gets 403 \`NUMBER_SCOPE_NOT_ALLOWED\` here. ${NUMBER_KEY_ADVICE}`,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkConsistency: {
            type: 'boolean',
            description: 'Also report a key of unknown scope that this file sends both to tenant and to per-number endpoints (reported on the tenant side).',
          },
          wrapperDepth: {
            type: 'integer',
            minimum: 0,
            maximum: 5,
            description: 'How many levels of wrapper functions (helpers, client methods, transports) to follow from a call to the request it makes.',
          },
        },
      },
    ],
    defaultOptions: [{ checkConsistency: true, wrapperDepth: 3 }],
  },
  create(context, [{ checkConsistency = true, wrapperDepth = 3 }]) {
    if (!isRelevantFile(context, 'key-scope-mismatch')) return {};
    let scopeContext: ScopeContext | undefined;
    const getScopeContext = () => (scopeContext ??= { analysis: getAnalysisContext(context), sourceText: context.sourceCode.text });
    const reported = new Set<TSESTree.Node>();
    /** Keys of unknown scope, by identity, for the consistency check. */
    const undecided = new Map<string, SentKey[]>();

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const sentKeys = findSentKeys(node, getScopeContext(), { wrapperDepth });
        for (const sent of sentKeys) {
          const { inference, endpoint } = sent;
          if (!inference) {
            if (checkConsistency && sent.identity && !sent.typedEither) {
              const uses = undecided.get(sent.identity) ?? [];
              uses.push(sent);
              undecided.set(sent.identity, uses);
            }
            continue;
          }
          if (inference.scope === endpoint.scope || reported.has(node)) continue;
          reported.add(node);
          context.report({
            node,
            messageId: inference.scope === 'tenant' ? 'tenantKeyOnNumberEndpoint' : 'numberKeyOnTenantEndpoint',
            data: { key: sent.label, evidence: describeScopeEvidence(inference), endpoint: describeEndpoint(sent) },
          });
        }
      },
      'Program:exit'() {
        for (const uses of undecided.values()) {
          const numberSide = uses.find((use) => use.endpoint.scope === 'number');
          if (!numberSide) continue;
          for (const use of uses) {
            if (use.endpoint.scope !== 'tenant' || reported.has(use.node)) continue;
            reported.add(use.node);
            context.report({
              node: use.node,
              messageId: 'keyOnBothScopes',
              data: {
                key: use.label,
                endpoint: describeEndpoint(use),
                otherEndpoint: describeEndpoint(numberSide),
                otherLine: numberSide.node.loc.start.line,
              },
            });
          }
        }
      },
    };
  },
});
