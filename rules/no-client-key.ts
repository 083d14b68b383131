import type { TSESTree } from '@typescript-eslint/utils';
import { findKeys } from '../src/core/key.js';
import { findBrowserEnvPrefix, isPilotStatusKeyName } from '../src/core/names.js';
import { createRule } from '../src/create-rule.js';
import { CALL_FROM_SERVER } from '../src/core/messages.js';
import { classifyClientCode, isInServerOnlyFunction } from '../src/analysis/client-code.js';
import { getAnalysisContext, getKeyMatches, isInLintedFile, isRelevantFile } from '../src/analysis/context.js';
import { findKeyEvidence } from '../src/analysis/key-value.js';
import { findApiTarget, findRequest, findSdkConstruction, hasKeyHeader } from '../src/analysis/request-model.js';
import { getMemberName, isEnvObject, resolveValue } from '../src/analysis/static-value.js';

export type Options = [];
export type MessageId = 'keyInClientCode' | 'browserExposedKeyVariable' | 'bundlerInlinesKey' | 'clientRequestWithKey' | 'clientSdkWithKey';


export default createRule<Options, MessageId>({
  name: 'no-client-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow PilotStatus API keys in code that ships to browsers or mobile devices',
      recommended: true,
      typeInformation: 'optional',
    },
    messages: {
      keyInClientCode: `A PilotStatus API key ({{key}}) in client code ships to every visitor ({{reason}}). ${CALL_FROM_SERVER}`,
      browserExposedKeyVariable: `\`{{variable}}\` is inlined into the client bundle by the \`{{prefix}}\` prefix, so the PilotStatus key it holds ships to every visitor. Drop the prefix and read the key only in server code.`,
      bundlerInlinesKey: `This bundler setting inlines the PilotStatus key from {{source}} into client code. Remove it and call PilotStatus from the server.`,
      clientSdkWithKey: `The PilotStatus SDK is constructed in client code ({{reason}}), so its \`apiKey\` ships to every visitor. ${CALL_FROM_SERVER}`,
      clientRequestWithKey: `This PilotStatus request runs in client code ({{reason}}), so its \`{{header}}\` header ships the key to every visitor. ${CALL_FROM_SERVER}`,
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (!isRelevantFile(context, 'no-client-key')) return {};
    const sourceCode = context.sourceCode;
    const filename = context.physicalFilename ?? context.filename;
    const isBundlerConfig = /(^|[\\/])(next|vite|webpack|rollup|nuxt|astro|svelte)\.config\.[cm]?[jt]s$/.test(filename);
    let classification: ReturnType<typeof classifyClientCode> | undefined;
    const getClassification = () => (classification ??= classifyClientCode(getAnalysisContext(context).unit, sourceCode.text, getAnalysisContext(context).settings));

    const reportBrowserEnvRead = (node: TSESTree.Node, variable: string) => {
      const prefix = findBrowserEnvPrefix(variable);
      if (!prefix) return;
      const { settings } = getAnalysisContext(context);
      if (!isPilotStatusKeyName(variable.slice(prefix.length), settings) && !isPilotStatusKeyName(variable, settings)) return;
      context.report({ node, messageId: 'browserExposedKeyVariable', data: { variable, prefix } });
    };

    return {
      Program() {
        const matches = getKeyMatches(context);
        if (matches.length === 0 || !getClassification().isClient) return;
        for (const match of matches) {
          const holder = sourceCode.getNodeByRangeIndex(match.start);
          if (holder && isInServerOnlyFunction(holder)) continue;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(match.start), end: sourceCode.getLocFromIndex(match.end) },
            messageId: 'keyInClientCode',
            data: { key: match.redacted, reason: getClassification().reason },
          });
        }
      },
      // process.env.NEXT_PUBLIC_PILOTSTATUS_KEY, import.meta.env.VITE_PILOTSTATUS_KEY
      MemberExpression(node: TSESTree.MemberExpression) {
        if (!isEnvObject(node.object)) return;
        const variable = getMemberName(node, getAnalysisContext(context));
        if (variable) reportBrowserEnvRead(node, variable);
      },
      // const { VITE_PILOTSTATUS_KEY } = import.meta.env
      'VariableDeclarator > ObjectPattern'(node: TSESTree.ObjectPattern) {
        const declarator = node.parent as TSESTree.VariableDeclarator;
        if (!declarator.init || !isEnvObject(declarator.init)) return;
        for (const property of node.properties) {
          if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier') reportBrowserEnvRead(property.key, property.key.name);
        }
      },
      // SvelteKit / Astro: import { PUBLIC_PILOTSTATUS_KEY } from '$env/static/public'
      ImportDeclaration(node: TSESTree.ImportDeclaration) {
        if (node.source.value !== '$env/static/public') return;
        for (const specifier of node.specifiers) {
          if (specifier.type === 'ImportSpecifier') reportBrowserEnvRead(specifier, specifier.local.name);
        }
      },
      // next.config.js `env: { … }`, Vite/webpack `define: { … }` carrying a server key
      'Property > ObjectExpression'(node: TSESTree.ObjectExpression) {
        if (!isBundlerConfig) return;
        const property = node.parent as TSESTree.Property;
        const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : '';
        if (name !== 'env' && name !== 'define') return;
        const analysis = getAnalysisContext(context);
        for (const inner of node.properties) {
          if (inner.type !== 'Property') continue;
          const evidence = findKeyEvidence(resolveValue(inner.value, analysis), analysis);
          if (evidence) context.report({ node: inner, messageId: 'bundlerInlinesKey', data: { source: evidence.label } });
        }
      },
      // new PilotStatusClient({ apiKey }) in a browser bundle
      NewExpression(node: TSESTree.NewExpression) {
        if (node.arguments.length === 0 || !getClassification().isClient) return;
        const analysis = getAnalysisContext(context);
        if (isInServerOnlyFunction(node)) return;
        const construction = findSdkConstruction(node, analysis);
        if (!construction?.apiKey) return;
        const target = construction.apiKeyNode && isInLintedFile(construction.apiKeyNode, analysis) ? construction.apiKeyNode : node;
        if (findKeys(sourceCode.getText(target)).length > 0) return;
        context.report({ node: target, messageId: 'clientSdkWithKey', data: { reason: getClassification().reason } });
      },
      CallExpression(node: TSESTree.CallExpression) {
        if (!getClassification().isClient || isInServerOnlyFunction(node)) return;
        const analysis = getAnalysisContext(context);
        const request = findRequest(node, analysis);
        if (!request || !hasKeyHeader(request.headers)) return;
        if (!findApiTarget(request.url, analysis)) return;
        const header = request.headers.entries.find((entry) => entry.lowerName === 'x-api-key' || entry.lowerName === 'x-api-key-id')!;
        if (!isInLintedFile(header.node, analysis)) return;
        // A key literal in this file is already reported where it is written.
        const headerText = sourceCode.getText(header.node);
        if (findKeys(headerText).length > 0) return;
        context.report({ node: header.node, messageId: 'clientRequestWithKey', data: { reason: getClassification().reason, header: header.name } });
      },
    };
  },
});
