/**
 * Meta-tests that keep the package consistent (after eslint-plugin-unicorn's test/package.js and
 * typescript-eslint's tests/rules/index.test.ts):
 *
 * - every `rules/<id>.ts` (but index.ts) is exported by `rules/index.ts` and the plugin, has
 *   `rules/<id>.md` and `test/rules/<id>.test.ts`, and is set in `configs.recommended`;
 * - rule metadata is complete, and `meta.defaultOptions` validates against `meta.schema` (ESLint
 *   itself validates the options when the rule is configured with them);
 * - the plugin's `meta` matches package.json;
 * - the configs as the README shows them — `defineConfig([pilotstatus.configs.recommended])`,
 *   `[...pilotstatus.configs['recommended-type-checked']]`, `extends: ['pilotstatus/recommended']` —
 *   resolve in ESLint 10's `ESLint` class (`overrideConfigFile: true`) and report planted, generated
 *   keys with the right rules; the README's `eslint.config.js` itself is loaded by ESLint from a
 *   project that resolves the built package. A plain `[pilotstatus.configs.recommended]` (a nested
 *   array without `defineConfig`) is rejected by ESLint 10 ("Unexpected array"); a test pins that,
 *   so the README's advice changes if the configs ever become single objects.
 *
 * ESLint 9 is in the peer range (^9.15.0 || ^10.0.0) but is not tested here: npm cannot install
 * eslint@9 next to eslint@10 in one lockfile (one `eslint` package per tree; an alias such as
 * `eslint9@npm:eslint@9` would still resolve `eslint` to 10 for the plugin and the parser). The
 * README says so too.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import pilotstatus from '../src/index.js';
import { rules as indexedRules } from '../rules/index.js';
import { RULE_NAMES } from '../rules/names.js';
import { getRuleDocsUrl } from '../src/rule-docs.js';
import { assertNoKeyIn, fakeKey } from './support/fake-key.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

const ruleIds = readdirSync(join(ROOT, 'rules'))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'index.ts' && name !== 'names.ts')
  .map((name) => name.slice(0, -3))
  .sort();

const configNames = ['recommended', 'recommended-type-checked', 'strict'] as const;

function configuredRules(config: Linter.Config | readonly Linter.Config[]): Linter.RulesRecord {
  return Object.assign({}, ...([] as Linter.Config[]).concat(config).map((config) => config.rules ?? {})) as Linter.RulesRecord;
}

describe('plugin meta', () => {
  test('name and version come from package.json; namespace is pilotstatus', () => {
    expect(pilotstatus.meta.name).toBe(packageJson.name);
    expect(pilotstatus.meta.version).toBe(packageJson.version);
    expect(pilotstatus.meta.namespace).toBe('pilotstatus');
    expect(packageJson.name).toBe(`eslint-plugin-${pilotstatus.meta.namespace}`);
  });

  test('rules/index.ts and the plugin export exactly the rule files', () => {
    expect(Object.keys(indexedRules).sort()).toEqual(ruleIds);
    expect(Object.keys(pilotstatus.rules).sort()).toEqual(ruleIds);
    // the scanner reports under these names: a rule missing there would be dropped
    expect([...RULE_NAMES].sort()).toEqual(ruleIds);
  });

  test('strict is what the README says: every rule at error, parsed as recommended (no program)', () => {
    const strict = pilotstatus.configs.strict;
    expect(Object.keys(configuredRules(strict)).sort()).toEqual(Object.keys(pilotstatus.rules).map((id) => `pilotstatus/${id}`).sort());
    expect(strict.languageOptions).toEqual(pilotstatus.configs.recommended.languageOptions);
    expect(JSON.stringify(strict.languageOptions)).not.toMatch(/projectService|"project"/);
  });

  test('recommended and strict are single config objects, recommended-type-checked an array; every entry is named', () => {
    expect(Object.keys(pilotstatus.configs).sort()).toEqual([...configNames].sort());
    expect(Array.isArray(pilotstatus.configs.recommended)).toBe(false);
    expect(Array.isArray(pilotstatus.configs.strict)).toBe(false);
    expect(Array.isArray(pilotstatus.configs['recommended-type-checked'])).toBe(true);
    for (const name of configNames) {
      for (const entry of ([] as Linter.Config[]).concat(pilotstatus.configs[name])) expect(entry.name, `${name} has an unnamed entry`).toMatch(/^pilotstatus\//);
    }
  });

  test('recommended and recommended-type-checked set the same rules', () => {
    expect(configuredRules(pilotstatus.configs['recommended-type-checked'])).toEqual(configuredRules(pilotstatus.configs.recommended));
  });
});

describe.each(ruleIds)('rule %s', (id) => {
  const rule = pilotstatus.rules[id]!;

  test('has a doc and a test', () => {
    expect(existsSync(join(ROOT, 'rules', `${id}.md`)), `rules/${id}.md is missing`).toBe(true);
    expect(existsSync(join(ROOT, 'test', 'rules', `${id}.test.ts`)), `test/rules/${id}.test.ts is missing`).toBe(true);
  });

  test('is exported under its file name', () => {
    expect(indexedRules[id]).toBe(rule);
    expect(rule.meta.docs?.url).toBe(getRuleDocsUrl(id));
    // RuleCreator names the rule; its name must be its id
    expect((rule as { name?: string }).name ?? id).toBe(id);
  });

  test('is in configs.recommended (and strict) at error', () => {
    expect(rule.meta.docs?.recommended).toBe(true);
    expect(configuredRules(pilotstatus.configs.recommended)[`pilotstatus/${id}`]).toBe('error');
    expect(configuredRules(pilotstatus.configs.strict)[`pilotstatus/${id}`]).toBe('error');
  });

  test('has complete metadata', () => {
    const { meta } = rule;
    expect(['problem', 'suggestion', 'layout']).toContain(meta.type);
    expect(meta.docs?.description).toMatch(/^[A-Z]/);
    expect(meta.docs?.description).not.toMatch(/\.$/);
    expect(['optional', 'none']).toContain(meta.docs?.typeInformation);
    // no rule requires type information (see README "Configs")
    expect(meta.docs?.requiresTypeChecking).not.toBe(true);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    for (const messageId of Object.keys(meta.messages)) expect(messageId).toMatch(/^[a-z][A-Za-z]*$/);
    expect(Array.isArray(meta.schema), 'meta.schema is an array (JSON schema per option)').toBe(true);
    expect(Array.isArray(meta.defaultOptions), 'meta.defaultOptions is set').toBe(true);
  });

  test('meta.defaultOptions validates against meta.schema', () => {
    const defaultOptions = (rule.meta.defaultOptions ?? []) as unknown[];
    const linter = new Linter();
    // Linter throws "Configuration for rule … is invalid" when the options do not match the schema.
    expect(() =>
      linter.verify('const value = 1;\n', [
        { plugins: { pilotstatus: pilotstatus as unknown as NonNullable<Linter.Config['plugins']>[string] }, rules: { [`pilotstatus/${id}`]: ['error', ...defaultOptions] } },
      ]),
    ).not.toThrow();
  });
});

describe('the README configs in ESLint 10', () => {
  const key = fakeKey(7301);
  const clientKey = fakeKey(7302, { environment: 'test' });
  const jsKey = fakeKey(7303);
  const keys = [key, clientKey, jsKey];
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pilotstatus-plugin-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('package.json', '{ "name": "fixture-app", "private": true, "type": "module" }\n');
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, jsx: 'preserve', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true }, include: ['src'] }, null, 2));
    write('src/send.ts', `export const apiKey = '${key}';\n\nexport async function send(to: string) {\n  return fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': apiKey }, body: JSON.stringify({ to }) });\n}\n`);
    write('src/components/Widget.tsx', `'use client';\n\nexport function Widget() {\n  return <button data-key="${clientKey}">Send</button>;\n}\n`);
    write('src/legacy.js', `module.exports = { apiKey: '${jsKey}' };\n`);
    write('src/clean.ts', `export const apiKey = process.env.PILOTSTATUS_API_KEY;\n`);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('the README shows these configs', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain("import pilotstatus from 'eslint-plugin-pilotstatus';");
    expect(readme).toContain('export default [pilotstatus.configs.recommended];');
    expect(readme).toContain("...pilotstatus.configs['recommended-type-checked'],");
    expect(readme).toMatch(/ESLint 9 cannot be installed next to\s+ESLint 10 in one lockfile/);
  });

  const plugins = { pilotstatus: pilotstatus as unknown as NonNullable<Linter.Config['plugins']>[string] };
  const cases: Array<[string, () => Linter.Config[]]> = [
    ['[pilotstatus.configs.recommended]', () => [pilotstatus.configs.recommended]],
    ['defineConfig([pilotstatus.configs.recommended])', () => defineConfig([pilotstatus.configs.recommended])],
    ['[pilotstatus.configs.strict]', () => [pilotstatus.configs.strict]],
    ["[...pilotstatus.configs['recommended-type-checked']]", () => [...pilotstatus.configs['recommended-type-checked']]],
    ["defineConfig([{ plugins: { pilotstatus }, extends: ['pilotstatus/recommended'] }])", () => defineConfig([{ plugins, extends: ['pilotstatus/recommended'] }])],
  ];

  const expectPlantedKeysReported = async (eslint: ESLint) => {
    const results = await eslint.lintFiles(['src']);
    const byFile = new Map(results.map((result) => [relative(root, result.filePath).split('\\').join('/'), result]));
    expect([...byFile.keys()].sort()).toEqual(['src/clean.ts', 'src/components/Widget.tsx', 'src/legacy.js', 'src/send.ts']);
    for (const result of results) {
      expect(result.messages.filter((message) => message.fatal).map((message) => message.message), result.filePath).toEqual([]);
    }
    const rulesOf = (file: string) => byFile.get(file)!.messages.map((message) => message.ruleId);
    expect(rulesOf('src/send.ts')).toEqual(['pilotstatus/no-hardcoded-key']);
    expect(rulesOf('src/components/Widget.tsx').sort()).toEqual(['pilotstatus/no-client-key', 'pilotstatus/no-hardcoded-key']);
    expect(rulesOf('src/legacy.js')).toEqual(['pilotstatus/no-hardcoded-key']);
    expect(rulesOf('src/clean.ts')).toEqual([]);

    // Results carry `source` (the file text); everything ESLint prints must not hold a key.
    const formatter = await eslint.loadFormatter('stylish');
    const printed = await formatter.format(results);
    expect(printed).toContain('pilotstatus/no-hardcoded-key');
    assertNoKeyIn(printed, keys);
    assertNoKeyIn(JSON.stringify(results.map((result) => result.messages)), keys);
  };

  test.each(cases)('%s resolves and reports the planted keys with the right rules', async (_name, getConfig) => {
    await expectPlantedKeysReported(new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: getConfig() }));
  });

  test("the README's eslint.config.js, loaded by ESLint from the project, with the built package", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const usage = readme.slice(readme.indexOf('## ESLint usage'));
    const configText = /```js\n([\s\S]*?)```/.exec(usage)![1]!;
    expect(configText).toContain('export default [pilotstatus.configs.recommended];');
    expect(existsSync(join(ROOT, 'dist', 'src', 'index.js')), 'run `npm run build` first').toBe(true);
    // The project resolves `eslint-plugin-pilotstatus` (package.json exports → dist) and `eslint/config`.
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(root, 'node_modules', 'eslint-plugin-pilotstatus'), 'dir');
    symlinkSync(join(ROOT, 'node_modules', 'eslint'), join(root, 'node_modules', 'eslint'), 'dir');
    writeFileSync(join(root, 'eslint.config.js'), configText);
    await expectPlantedKeysReported(new ESLint({ cwd: root }));
  });

  test('recommended-type-checked lints a TypeScript file that no tsconfig includes, without types, instead of failing', async () => {
    // A Next.js app whose root tsconfig covers `src/` only: Supabase functions sit outside it.
    const outside = 'supabase/functions/send/index.ts';
    mkdirSync(join(root, dirname(outside)), { recursive: true });
    writeFileSync(join(root, outside), `const apiKey = '${key}';\nDeno.serve(() => fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': apiKey } }));\n`);
    try {
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...pilotstatus.configs['recommended-type-checked']] });
      const [result] = await eslint.lintFiles([outside]);
      expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
      expect(result!.messages.map((message) => message.ruleId)).toEqual(['pilotstatus/no-hardcoded-key']);
      assertNoKeyIn(JSON.stringify(result!.messages), keys);
      // and a file the tsconfig does include still gets its program
      const [covered] = await eslint.lintFiles(['src/send.ts']);
      expect(covered!.messages.map((message) => message.ruleId)).toEqual(['pilotstatus/no-hardcoded-key']);
    } finally {
      rmSync(join(root, 'supabase'), { recursive: true, force: true });
    }
  });

  test('recommended-type-checked lints TypeScript with a program', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...pilotstatus.configs['recommended-type-checked']] });
    const config = (await eslint.calculateConfigForFile(join(root, 'src/send.ts'))) as Linter.Config;
    expect(config.languageOptions?.parserOptions).toMatchObject({ projectService: true });
    expect(config.rules?.['pilotstatus/no-hardcoded-key']).toEqual([2]);
  });
});
