import type { TSESTree } from '@typescript-eslint/utils';
import { findKeys, isPlaceholder } from '../src/core/key.js';
import { KEY_ID_HEADER } from '../src/core/api-model.js';
import { createRule } from '../src/create-rule.js';
import { WHERE_KEYS_BELONG } from '../src/core/messages.js';
import { getAnalysisContext, getKeyMatches, isRelevantFile } from '../src/analysis/context.js';
import { getKnownString, resolveValue } from '../src/analysis/static-value.js';

export type Options = [];
export type MessageId = 'hardcodedKey' | 'hardcodedKeyId' | 'assembledKey';


export default createRule<Options, MessageId>({
  name: 'no-hardcoded-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow PilotStatus API keys and key ids written into source code',
      recommended: true,
      typeInformation: 'optional',
    },
    messages: {
      hardcodedKey: `This looks like a PilotStatus API key ({{key}}) written into the source. ${WHERE_KEYS_BELONG}`,
      hardcodedKeyId: `A literal key id is sent in \`x-api-key-id\`; a key id authenticates on its own. ${WHERE_KEYS_BELONG}`,
      assembledKey: `This expression assembles a PilotStatus API key ({{key}}) from literal pieces. ${WHERE_KEYS_BELONG}`,
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (!isRelevantFile(context, 'no-hardcoded-key')) return {};
    const sourceCode = context.sourceCode;
    return {
      // One pass over the whole text covers string and template literals, JSX text and attributes,
      // regex literals, object keys and comments alike, at the exact columns of the key.
      Program() {
        for (const match of getKeyMatches(context)) {
          context.report({
            loc: { start: sourceCode.getLocFromIndex(match.start), end: sourceCode.getLocFromIndex(match.end) },
            messageId: 'hardcodedKey',
            data: { key: match.redacted },
          });
        }
      },
      // 'ps_live_' + 'Ab3…': no literal holds the key, the concatenation does.
      'BinaryExpression[operator="+"]'(node: TSESTree.BinaryExpression) {
        if (node.parent.type === 'BinaryExpression' && node.parent.operator === '+') return;
        const raw = sourceCode.getText(node);
        // cheap checks first: a key needs literal text among the pieces, and none of them may hold it whole
        if (!/['"`]/.test(raw) || findKeys(raw).length > 0) return;
        const analysis = getAnalysisContext(context);
        const keyPattern = analysis.settings.keyPattern;
        const text = getKnownString(resolveValue(node, analysis));
        const [match] = text ? findKeys(text, { keyPattern }) : [];
        if (!match) return;
        // `'Bearer ' + apiKey` only uses a key written whole somewhere else (and reported there)
        const holdsWholeKey = (part: TSESTree.Node): boolean => {
          if (part.type === 'BinaryExpression' && part.operator === '+') return holdsWholeKey(part.left) || holdsWholeKey(part.right);
          const partText = getKnownString(resolveValue(part, analysis));
          return partText !== undefined && findKeys(partText, { keyPattern }).some((found) => found.hash === match.hash);
        };
        if (holdsWholeKey(node)) return;
        context.report({ node, messageId: 'assembledKey', data: { key: match.redacted } });
      },
      Property(node: TSESTree.Property) {
        if (node.value.type !== 'Literal' || typeof node.value.value !== 'string') return;
        const keyName = node.key.type === 'Literal' ? String(node.key.value) : node.key.type === 'Identifier' ? node.key.name : '';
        if (keyName.toLowerCase() !== KEY_ID_HEADER) return;
        const value = node.value.value.trim();
        if (value === '' || isPlaceholderKeyId(value)) return;
        context.report({ node: node.value, messageId: 'hardcodedKeyId' });
      },
    };
  },
});

function isPlaceholderKeyId(value: string): boolean {
  return /[<>{}*…]|x{3,}|your|example|placeholder|changeme|\.\.\./i.test(value) || isPlaceholder(value) || value.length < 8;
}
