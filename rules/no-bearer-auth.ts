import { INSTANCE_FACTORIES } from '../src/analysis/http-clients.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { NO_BEARER_AUTH } from '../src/core/messages.js';
import { getAnalysisContext, isInLintedFile, isRelevantFile } from '../src/analysis/context.js';
import { findApiTarget, findInstanceCreation, findModuleInstanceWrites, findRequest, findTargetBaseUrl, type HeaderEntry } from '../src/analysis/request-model.js';
import { getOptions, type Value } from '../src/analysis/static-value.js';
import { createTypeInfo, type TypeInfo } from '../src/analysis/type-info.js';

export type Options = [];
export type MessageId = 'bearerAuth' | 'useApiKeyHeader' | 'removeBearerHeader';

export default createRule<Options, MessageId>({
  name: 'no-bearer-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Authorization: Bearer` on PilotStatus requests',
      recommended: true,
      typeInformation: 'optional',
    },
    hasSuggestions: true,
    messages: {
      bearerAuth: NO_BEARER_AUTH,
      useApiKeyHeader: 'Send the same key as `x-api-key` (header renamed, `Bearer ` prefix removed, the value still turned into a string as before).',
      removeBearerHeader: 'Remove the `Authorization` header; this object already sends `x-api-key`.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (!isRelevantFile(context, 'no-bearer-auth')) return {};
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();
    const report = (node: TSESTree.Node) => {
      // A shared headers object or instance in another module is reported where it is written.
      if (reported.has(node) || !isInLintedFile(node, getAnalysisContext(context))) return;
      reported.add(node);
      if (node.type === 'Property' && hasSiblingKeyHeader(node)) {
        context.report({ node, messageId: 'bearerAuth', suggest: [{ messageId: 'removeBearerHeader', fix: (fixer) => removeProperty(fixer, node, sourceCode) }] });
        return;
      }
      const fix = node.type === 'Property' ? createHeaderFix(node, sourceCode, createTypeInfo(context)) : undefined;
      // a chained `.set('Authorization', …)` is reported from `.set`, not from the start of the chain
      const loc = node.type === 'CallExpression' && node.callee.type === 'MemberExpression' ? { start: node.callee.property.loc.start, end: node.loc.end } : node.loc;
      context.report({ node, loc, messageId: 'bearerAuth', suggest: fix ? [{ messageId: 'useApiKeyHeader', fix }] : [] });
    };
    const checkRequest = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const analysis = getAnalysisContext(context);
      const request = node.type === 'CallExpression' ? findInstanceCreation(node, analysis) ?? findRequest(node, analysis) : undefined;
      if (!request) return;
      const bearer = request.headers.entries.filter((entry) => entry.lowerName === 'authorization' && isBearerValue(entry.value));
      if (bearer.length === 0) return;
      const target = findApiTarget(request.url, analysis);
      if (!target || target.endpoint.kind === 'compat-layer') return;
      for (const entry of bearer) {
        const written = entryNode(entry);
        if (isInLintedFile(written, analysis)) report(written);
        // A headers object imported from another module is reported where it is used; an instance's
        // own headers where the instance is created (`findInstanceCreation`); what its hooks and
        // configuration set where that is written, in the module that writes it (`Program:exit`).
        else if (!isInInstanceCreation(written) && !entry.fromInstanceHook) report(node);
      }
    };
    return {
      CallExpression: checkRequest,
      // axios configuration written in this module on a PilotStatus instance, whichever module created
      // it: `api.defaults.headers.common.Authorization = …`, an interceptor's `config.headers.set('Authorization', …)`
      'Program:exit'(program: TSESTree.Program) {
        const analysis = getAnalysisContext(context);
        for (const write of findModuleInstanceWrites(program, analysis)) {
          const bearer = write.headers.entries.filter((entry) => entry.lowerName === 'authorization' && isBearerValue(entry.value));
          if (bearer.length === 0) continue;
          const target = findApiTarget(findTargetBaseUrl(write.target, analysis), analysis);
          if (!target || target.endpoint.kind === 'compat-layer') continue;
          for (const entry of bearer) report(entry.node);
        }
      },
    };
  },
});

export function isBearerValue(value: Value): boolean {
  return getOptions(value).some((option) => {
    if (option.kind !== 'string') return false;
    const first = option.segments[0];
    return typeof first === 'string' && /^\s*bearer(\s|$)/i.test(first);
  });
}

function entryNode(entry: HeaderEntry): TSESTree.Node {
  return entry.node;
}

/**
 * `Authorization: \`Bearer ${key}\`` → `'x-api-key': \`${key}\``, only when the value is that exact
 * shape. The header value stays a string converted exactly as before (\`Bearer ${key}\` was a string
 * whatever `key` was), so code that type-checked still does: a bare `process.env.KEY` is
 * `string | undefined`, which `HeadersInit` rejects. Adding `?? ''` or `!` would instead hide a
 * missing key behind a type. With type information and a key that is a `string`, it is written bare.
 */
function createHeaderFix(property: TSESTree.Property, sourceCode: Readonly<TSESLint.SourceCode>, types: TypeInfo | undefined): TSESLint.ReportFixFunction | undefined {
  const value = property.value;
  let key: TSESTree.Node | undefined;
  if (value.type === 'TemplateLiteral' && value.expressions.length === 1 && /^\s*bearer\s+$/i.test(value.quasis[0]!.value.raw) && value.quasis[1]!.value.raw === '') {
    key = value.expressions[0]!;
  } else if (value.type === 'BinaryExpression' && value.operator === '+' && value.left.type === 'Literal' && typeof value.left.value === 'string' && /^\s*bearer\s+$/i.test(value.left.value)) {
    key = value.right;
  }
  if (!key) return undefined;
  const keyText = sourceCode.getText(key);
  const valueText = isStringTyped(key, types) ? keyText : `\`\${${keyText}}\``;
  const quote = preferredQuote(property, sourceCode);
  const replacement = `${quote}x-api-key${quote}: ${valueText}`;
  return (fixer) => fixer.replaceText(property, replacement);
}

function isStringTyped(node: TSESTree.Node, types: TypeInfo | undefined): boolean {
  const type = types?.getType(node);
  if (!types || !type || type.isUnion()) return false;
  // Only a plain `string` (or a string literal); a union (`string | undefined`) keeps the template.
  // (Read as text: `typescript` is an optional peer, so its enums are not imported at run time.)
  const text = types.getChecker().typeToString(type);
  return text === 'string' || /^"/.test(text);
}

/** The file's quote style: that of the object's other quoted keys, else of the file's first string. */
function preferredQuote(property: TSESTree.Property, sourceCode: Readonly<TSESLint.SourceCode>): '"' | "'" {
  const siblings = property.parent.type === 'ObjectExpression' ? property.parent.properties : [];
  for (const sibling of siblings) {
    if (sibling.type === 'Property' && sibling.key.type === 'Literal' && typeof sibling.key.value === 'string') return sibling.key.raw.startsWith('"') ? '"' : "'";
  }
  const first = sourceCode.ast.tokens.find((token) => token.type === 'String');
  return first?.value.startsWith('"') ? '"' : "'";
}

function hasSiblingKeyHeader(property: TSESTree.Property): boolean {
  if (property.parent.type !== 'ObjectExpression') return false;
  return property.parent.properties.some((sibling) => {
    if (sibling === property || sibling.type !== 'Property') return false;
    const name = sibling.key.type === 'Identifier' ? sibling.key.name : sibling.key.type === 'Literal' ? String(sibling.key.value) : '';
    return name.toLowerCase() === 'x-api-key' || name.toLowerCase() === 'x-api-key-id';
  });
}

/** Removes the property and the comma that separates it from its neighbour. */
function removeProperty(fixer: TSESLint.RuleFixer, property: TSESTree.Property, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.RuleFix {
  const after = sourceCode.getTokenAfter(property);
  if (after && after.value === ',') return fixer.removeRange([property.range[0], after.range[1]]);
  const before = sourceCode.getTokenBefore(property);
  if (before && before.value === ',') return fixer.removeRange([before.range[0], property.range[1]]);
  return fixer.remove(property);
}

/** Inside `axios.create({ … })` / `got.extend({ … })`: an instance's configuration. */
function isInInstanceCreation(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && current.callee.property.type === 'Identifier' && INSTANCE_FACTORIES.has(current.callee.property.name)) return true;
    if (current.type === 'Program') return false;
  }
  return false;
}
