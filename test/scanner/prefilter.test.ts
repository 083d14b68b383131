/**
 * The scanner lints only the source files the rules' pre-filter lets through (a trigger word in the
 * file or in a module it imports). These tests show that loses no finding: on a tree where findings
 * come from files with and without trigger words of their own, the scan reports exactly what a full
 * ESLint run with the plugin reports over every file, while linting fewer files.
 */
import { relative } from 'node:path';
import { ESLint } from 'eslint';
import plugin from '../../src/index.js';
import { fakeKey } from '../support/fake-key.js';
import { scanJson, writeTree } from './tree.js';

const key = fakeKey(901);

const files: Record<string, string> = {
  'package.json': '{ "name": "prefilter-fixture", "private": true }',
  // trigger words of its own
  'src/pilot.ts': `export const BASE = 'https://pilotstatus.com.br/v1';\nexport const KEY = process.env.PILOTSTATUS_API_KEY ?? '';\n`,
  // none of its own: relevant through the import only (a missing key header, a logged key)
  'src/send.ts': `import { BASE, KEY } from './pilot';\nexport const send = () => fetch(\`\${BASE}/messages/send\`, { method: 'POST', headers: { accept: 'application/json' } });\nexport const debug = () => console.log('key', KEY);\n`,
  // two levels away
  'src/deep.ts': `import { send } from './send';\nimport { BASE } from './pilot';\nexport const status = (id: string) => fetch(\`\${BASE}/messages/\${id}\`);\nexport { send };\n`,
  // a key literal
  'src/literal.ts': `export const fallback = '${key}';\n`,
  // non-ASCII text (read as Latin-1 by the pre-filter), and an importer met before the module it imports
  'src/a-notify.ts': `// notificação enviada ao cliente\nimport { ZBASE } from './z-config';\nexport const notify = () => fetch(\`\${ZBASE}/messages/send\`, { method: 'POST' });\n`,
  'src/z-config.ts': `// configuração: endereço da API\nexport const ZBASE = 'https://pilotstatus.com.br/v1';\n`,
  'src/ü-plain.ts': `// só texto, nada a ver\nexport const greet = (name: string) => \`olá, \${name}\`;\n`,
  // nothing to find: never linted
  'src/math.ts': `export const add = (a: number, b: number) => a + b;\n`,
  'src/strings.ts': `import { add } from './math';\nexport const label = (n: number) => \`total: \${add(n, 1)}\`;\n`,
};

describe('the lint pre-filter', () => {
  it('loses no finding: scan findings equal a full ESLint run over every file', async () => {
    const root = writeTree(files);
    const { report } = await scanJson(root, ['--format', 'json', '--no-type-check', '.'], [key]);

    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const fromEslint = results
      .flatMap((result) => result.messages.filter((message) => message.ruleId?.startsWith('pilotstatus/')).map((message) => `${relative(root, result.filePath)}:${message.line} ${message.ruleId}`))
      .sort();
    const fromScan = report.findings
      .filter((finding) => finding.file.startsWith('src/'))
      .map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)
      .filter((entry, index, all) => all.indexOf(entry) === index)
      .sort();

    expect(fromEslint).toEqual(
      expect.arrayContaining([
        'src/send.ts:2 pilotstatus/require-key-header',
        'src/send.ts:3 pilotstatus/no-key-logging',
        'src/deep.ts:3 pilotstatus/require-key-header',
        'src/literal.ts:1 pilotstatus/no-hardcoded-key',
        'src/a-notify.ts:3 pilotstatus/require-key-header',
      ]),
    );
    expect(fromScan).toEqual(fromEslint);
    // the three files without any trigger in reach were not linted
    expect(report.stats.linted).toBe(6);
  });
});
