/**
 * The lint path: JS/TS source goes through ESLint's Linter with the plugin's configs. These tests
 * exercise whichever rules the plugin has when they run (`plugin.rules`), and the text safety net.
 */
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { fakeKey } from '../support/fake-key.js';
import { scanJson, summarize, writeTree } from './tree.js';

const live = fakeKey(301);
const test = fakeKey(302, { environment: 'test' });
const keys = [live, test];
const has = (rule: string) => rule in plugin.rules;

describe('lint path', () => {
  it('reports a key literal in TypeScript once (the rule, or the text net when the rule is absent)', async () => {
    const root = writeTree({ 'src/send.server.ts': `export const KEY = '${live}';\n` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['src/send.server.ts:1 no-hardcoded-key']);
    expect(report.stats.linted).toBe(1);
    expect(report.errors).toEqual([]);
  });

  it('respects eslint-disable comments, for the rule and for the text net alike', async () => {
    const root = writeTree({
      'src/a.ts': `// eslint-disable-next-line pilotstatus/no-hardcoded-key\nexport const KEY = '${live}';\n`,
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(report.findings).toEqual([]);
  });

  it('still reports a key in a comment of a source file', async () => {
    const root = writeTree({ 'src/b.js': `// old key: ${test}\nexport const x = 1;\n` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['src/b.js:1 no-hardcoded-key']);
  });

  it('runs the request rules of the plugin on source', async () => {
    const root = writeTree({
      'server/notify.mjs': [
        'export async function notify(to) {',
        "  return fetch('https://pilotstatus.com.br/v1/messages/send', {",
        "    method: 'POST',",
        '    headers: { authorization: `Bearer ${process.env.PILOTSTATUS_API_KEY}` },',
        '    body: JSON.stringify({ recipient: to }),',
        '  });',
        '}',
        '',
      ].join('\n'),
    });
    const { report } = await scanJson(root, ['.'], keys);
    const expected = [
      ...(has('no-bearer-auth') ? ['server/notify.mjs:4 no-bearer-auth'] : []),
      ...(has('require-key-header') ? ['server/notify.mjs:2 require-key-header'] : []),
    ];
    expect(summarize(report)).toEqual(expected.sort());
    for (const finding of report.findings) expect(finding.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('lints the script blocks of a Vue component at the right lines, and keys in its template', async () => {
    const root = writeTree({
      'src/components/Chat.vue': [
        '<template>',
        `  <chat-widget api-key="${test}" />`,
        '</template>',
        '<script setup lang="ts">',
        `const key = '${live}';`,
        '</script>',
        '',
      ].join('\n'),
    });
    const { report } = await scanJson(root, ['.'], keys);
    const hardcoded = report.findings.filter((finding) => finding.ruleId === 'pilotstatus/no-hardcoded-key').map((finding) => finding.line);
    expect(hardcoded.sort()).toEqual([2, 5]);
    expect(report.findings.find((finding) => finding.line === 5)?.column).toBe(14);
    expect(report.errors).toEqual([]);
  });

  it("tells an Astro component's frontmatter (server) from its script tags (browser)", async () => {
    const root = writeTree({
      'package.json': '{ "name": "astro-site", "dependencies": { "astro": "^5.0.0" } }',
      'src/pages/contact.astro': [
        '---',
        'const key = import.meta.env.PILOTSTATUS_API_KEY;',
        "const res = await fetch('https://api.pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });",
        '---',
        '<form id="contact"></form>',
        '<script>',
        "  const key = import.meta.env.PILOTSTATUS_API_KEY;",
        "  fetch('https://api.pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });",
        '</script>',
        '',
      ].join('\n'),
    });
    const { report } = await scanJson(root, ['--no-type-check', '.'], keys);
    const clientKey = report.findings.filter((finding) => finding.ruleId === 'pilotstatus/no-client-key').map((finding) => finding.line);
    // the frontmatter's key read (line 2) runs on the server; the script tag's (line 7) ships
    expect(clientKey.length).toBeGreaterThan(0);
    expect(clientKey.every((line) => line >= 7)).toBe(true);
    expect(report.errors).toEqual([]);
  });

  it('parses JSX in .js and .jsx files', async () => {
    const root = writeTree({
      'src/App.js': 'export const App = () => <div className="x">hi</div>;\n',
      'src/Card.jsx': `export const Card = () => <Widget apiKey="${live}" />;\n`,
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(report.errors).toEqual([]);
    expect(report.findings.some((finding) => finding.file === 'src/Card.jsx' && finding.ruleId === 'pilotstatus/no-hardcoded-key')).toBe(true);
  });

  it('lints files a tsconfig covers and the others alike, with no errors', async () => {
    const root = writeTree({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true }, include: ['src'] }),
      'src/covered.ts': `export const a: string = '${live}';\n`,
      'scripts/uncovered.ts': `export const b: string = '${test}';\n`,
    });
    const typed = await scanJson(root, ['.'], keys);
    expect(typed.report.errors).toEqual([]);
    expect(summarize(typed.report)).toEqual(['scripts/uncovered.ts:1 no-hardcoded-key', 'src/covered.ts:1 no-hardcoded-key']);
    const untyped = await scanJson(root, ['--no-type-check', '.'], keys);
    expect(summarize(untyped.report)).toEqual(summarize(typed.report));
  });

  it('builds the TypeScript program only for files where types can decide a finding, and follows tsconfig paths without one', async () => {
    const send = (base: string) => `export const send = (to: string) => fetch(\`\${${base}}/messages/send\`, { method: 'POST', body: JSON.stringify({ to }) });\n`;
    const root = writeTree({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true, paths: { '#lib/*': ['./src/lib/*'] } }, include: ['src'] }),
      'src/lib/config.ts': "export const gatewayBase = 'https://pilotstatus.com.br/v1' as const;\n",
      // tsconfig `paths`: the module graph follows them without a program
      'src/aliased.ts': `import { gatewayBase } from '#lib/config.js';\n${send('gatewayBase')}`,
      'src/plain.ts': `const base = 'https://pilotstatus.com.br/v1';\n${send('base')}`,
      'src/branded.ts': "type TenantApiKey = string & { readonly __scope: 'tenant' };\nexport const show = (key: TenantApiKey) => console.log(key);\n",
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(report.errors).toEqual([]);
    expect(summarize(report)).toEqual(['src/aliased.ts:2 require-key-header', 'src/branded.ts:2 no-key-logging', 'src/plain.ts:2 require-key-header']);
    // only the brand type needs the checker: the syntax decides the others
    expect(report.stats.typeChecked).toBe(1);
    const untyped = await scanJson(root, ['--no-type-check', '.'], keys);
    expect(untyped.report.stats.typeChecked).toBe(0);
    expect(summarize(untyped.report)).toEqual(['src/aliased.ts:2 require-key-header', 'src/plain.ts:2 require-key-header']);
  });

  it('sends minified source and --text-only trees to the text detectors', async () => {
    const long = `var k="${live}";` + 'x=1;'.repeat(2000);
    const root = writeTree({ 'src/vendor.js': `${long}\n`, 'src/ok.ts': `export const k = '${test}';\n` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(report.stats.linted).toBe(1);
    expect(summarize(report)).toEqual(['src/ok.ts:1 no-hardcoded-key', 'src/vendor.js:1 no-hardcoded-key']);
    const textOnly = await scanJson(root, ['--text-only', '.'], keys);
    expect(textOnly.report.stats.linted).toBe(0);
    expect(summarize(textOnly.report)).toEqual(['src/ok.ts:1 no-hardcoded-key', 'src/vendor.js:1 no-hardcoded-key']);
  });

  it('passes settings from the config to the rules and uses them in the text path', async () => {
    const root = writeTree({
      'pilotstatus.config.json': JSON.stringify({ apiHosts: ['api.example-gateway.test'] }),
      'run.sh': `curl https://api.example-gateway.test/v1/messages/x -H "Authorization: Bearer $K"\n`,
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['run.sh:1 no-bearer-auth']);
  });
});
