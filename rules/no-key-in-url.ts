import type { TSESTree } from '@typescript-eslint/utils';
import { findKeys } from '../src/core/key.js';
import { createRule } from '../src/create-rule.js';
import { WHY_NOT_IN_URL } from '../src/core/messages.js';
import { getAnalysisContext, isRelevantFile } from '../src/analysis/context.js';
import { findKeyEvidence } from '../src/analysis/key-value.js';
import { getMemberName, getPatternText, resolveValue, type AnalysisContext } from '../src/analysis/static-value.js';

export type Options = [];
export type MessageId = 'keyInUrl' | 'keyInQueryParameter';


export default createRule<Options, MessageId>({
  name: 'no-key-in-url',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow PilotStatus API keys in URLs (query strings or paths), to any host',
      recommended: true,
      typeInformation: 'optional',
    },
    messages: {
      keyInUrl: `The PilotStatus key from {{source}} is placed into a URL. ${WHY_NOT_IN_URL}`,
      keyInQueryParameter: `The PilotStatus key from {{source}} is sent as the query parameter \`{{parameter}}\`. ${WHY_NOT_IN_URL}`,
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (!isRelevantFile(context, 'no-key-in-url')) return {};
    const reported = new Set<TSESTree.Node>();
    const report = (node: TSESTree.Node, source: string, parameter: string | undefined) => {
      if (reported.has(node)) return;
      reported.add(node);
      if (parameter) context.report({ node, messageId: 'keyInQueryParameter', data: { source, parameter } });
      else context.report({ node, messageId: 'keyInUrl', data: { source } });
    };
    const keySource = (node: TSESTree.Node, analysis: AnalysisContext) => {
      if (node.type === 'Literal' || node.type === 'TemplateLiteral' && node.expressions.length === 0) return undefined;
      return findKeyEvidence(resolveValue(node, analysis), analysis, node)?.label;
    };
    /** Parts of a template or `+` chain, in order. */
    const checkParts = (parts: TSESTree.Node[]) => {
      const analysis = getAnalysisContext(context);
      let before = '';
      for (const part of parts) {
        const isText = part.type === 'TemplateElement' || (part.type === 'Literal' && typeof part.value === 'string');
        if (isText) {
          before += part.type === 'TemplateElement' ? part.value.cooked ?? part.value.raw : String(part.value);
          continue;
        }
        const context = findUrlPosition(before, () => getPatternText(resolveValue(parts[0]!, analysis)) ?? '');
        if (context) {
          const source = keySource(part, analysis);
          if (source) report(part, source, context.parameter);
        }
        before += '\u0000';
      }
    };
    return {
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        if (node.expressions.length === 0 || node.parent.type === 'TaggedTemplateExpression') return;
        const parts: TSESTree.Node[] = [];
        node.quasis.forEach((quasi, index) => {
          parts.push(quasi);
          if (node.expressions[index]) parts.push(node.expressions[index]);
        });
        checkParts(parts);
      },
      'BinaryExpression[operator="+"]'(node: TSESTree.BinaryExpression) {
        if (node.parent.type === 'BinaryExpression' && node.parent.operator === '+') return;
        const parts: TSESTree.Node[] = [];
        const flatten = (expression: TSESTree.Node) => {
          if (expression.type === 'BinaryExpression' && expression.operator === '+') {
            flatten(expression.left);
            flatten(expression.right);
          } else parts.push(expression);
        };
        flatten(node);
        checkParts(parts);
      },
      // url.searchParams.set('api_key', key), params.append('key', key)
      'CallExpression[arguments.length>=2] > MemberExpression.callee'(node: TSESTree.MemberExpression) {
        const analysis = getAnalysisContext(context);
        const method = getMemberName(node, analysis);
        if (method !== 'set' && method !== 'append') return;
        const call = node.parent as TSESTree.CallExpression;
        const receiver = node.object;
        const isSearchParams = (receiver.type === 'MemberExpression' && getMemberName(receiver, analysis) === 'searchParams') || isUrlSearchParams(receiver, analysis);
        if (!isSearchParams) return;
        const source = keySource(call.arguments[1]!, analysis);
        const parameter = call.arguments[0]?.type === 'Literal' ? String(call.arguments[0].value) : 'parameter';
        if (source) report(call, source, parameter);
      },
      // new URLSearchParams({ api_key: key }); axios `params: { key }`; got/ky `searchParams: { key }`
      'Property > ObjectExpression > Property'(node: TSESTree.Property) {
        const holder = node.parent.parent as TSESTree.Property;
        const holderName = holder.key.type === 'Identifier' ? holder.key.name : '';
        if (!['params', 'searchParams', 'query'].includes(holderName)) return;
        reportQueryProperty(node);
      },
      'NewExpression[callee.name="URLSearchParams"] > ObjectExpression > Property'(node: TSESTree.Property) {
        reportQueryProperty(node);
      },
      // a key literal inside URL text: 'https://…?key=ps_…'
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string') checkLiteralText(node, node.value);
      },
      TemplateElement(node: TSESTree.TemplateElement) {
        checkLiteralText(node, node.value.cooked ?? node.value.raw);
      },
    };

    function reportQueryProperty(node: TSESTree.Property) {
      const analysis = getAnalysisContext(context);
      const source = keySource(node.value, analysis);
      const parameter = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? String(node.key.value) : 'parameter';
      if (source) report(node, source, parameter);
    }

    function checkLiteralText(node: TSESTree.Node, text: string) {
      if (!text.includes('ps_')) return;
      for (const match of findKeys(text, { keyPattern: getAnalysisContext(context).settings.keyPattern })) {
        const position = findUrlPosition(text.slice(0, match.start), () => text);
        if (position) report(node, match.redacted, position.parameter);
      }
    }
  },
});

/**
 * Is the text before a value inside a URL? `…?api_key=` / `…&key=` (a query parameter) or a path
 * position in text that starts as a URL (`https://…/`, `/v1/…/`, or a URL-valued first part).
 */
function findUrlPosition(before: string, getUrlHead: () => string): { parameter: string | undefined } | undefined {
  const query = /[?&]([A-Za-z0-9_.\-[\]]{1,100})=$/.exec(before.slice(-120));
  if (query && isUrlToken(lastToken(before))) return { parameter: query[1] };
  if (/\s/.test(before.replace(/\u0000/g, ''))) return undefined;
  if (!before.endsWith('/')) return undefined;
  const head = /^(https?:)?\/\//i.test(before) ? before : getUrlHead();
  return /^(https?:)?\/\/[^/\s]+\//i.test(head) || /^(https?:)?\/\/[^/\s]+$/i.test(head.split('\u0000')[0] ?? '') ? { parameter: undefined } : undefined;
}

function isUrlSearchParams(node: TSESTree.Node, analysis: AnalysisContext): boolean {
  const value = resolveValue(node, analysis);
  const created = value.kind === 'unknown' && value.origin?.kind === 'expression' ? value.origin.node : value.node.type === 'NewExpression' ? value.node : value.node.parent;
  return created?.type === 'NewExpression' && created.callee.type === 'Identifier' && created.callee.name === 'URLSearchParams';
}

/** The text after the last whitespace: the token being built. */
function lastToken(text: string): string {
  let start = text.length;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return text.slice(start);
}

/** A token with a query that starts as a URL or path (`https://…?`, `/v1/x?`, `${base}?`). */
function isUrlToken(token: string): boolean {
  return token.includes('?') && (token.includes('/') || token.startsWith('\u0000'));
}
