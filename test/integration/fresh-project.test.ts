/**
 * The README followed literally in a fresh `npm init -y` project that installs the packed package:
 * the install line, both `eslint.config.js` forms (ES module and CommonJS), `require()` of the
 * package, and the pre-commit local hook. Slow (an `npm install` from the registry or its cache).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const temp = mkdtempSync(join(tmpdir(), 'pilotstatus-fresh-'));
const project = join(temp, 'project');
const key = fakeKey(1560);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The fenced blocks of `language` in the README section that starts with `heading`. */
function readmeBlocks(heading: string, language: string): string[] {
  const start = README.indexOf(`${heading}\n`);
  const end = README.indexOf('\n#', start + heading.length);
  const section = README.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]!);
}

const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const sh = (command: string) => spawnSync('sh', ['-c', command], { cwd: project, env, encoding: 'utf8', timeout: 240_000 });

beforeAll(() => {
  mkdirSync(project);
  // dist/ is current (vitest globalSetup); pack what it holds.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' })) as Array<{ filename: string }>;
  const tarball = join(temp, packed[0]!.filename);
  expect(sh('npm init -y').status).toBe(0);
  // The README's install line, with the packed tarball in place of the registry name.
  const install = readmeBlocks('## ESLint usage', 'sh')[0]!.trim();
  expect(install).toBe('npm install --save-dev eslint-plugin-pilotstatus eslint');
  const installed = sh(`${install.replace('eslint-plugin-pilotstatus', tarball)} --no-audit --no-fund --prefer-offline`);
  expect(installed.status, installed.stderr).toBe(0);
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src', 'send.js'), `const key = '${key}';\nmodule.exports = { key };\n`);
}, 300_000);

describe('a fresh npm init -y project, following the README', () => {
  it('npm init -y makes a CommonJS project (the case the README has to cover)', () => {
    const type = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { type?: string }).type;
    expect(type === undefined || type === 'commonjs').toBe(true);
  });

  it("require('eslint-plugin-pilotstatus') is the plugin itself, the same object import gives", () => {
    const script = "const p = require('eslint-plugin-pilotstatus'); import('eslint-plugin-pilotstatus').then((m) => console.log(JSON.stringify({ keys: Object.keys(p).sort(), configs: Object.keys(p.configs).sort(), namespace: p.meta.namespace, same: m.default === p })));";
    const result = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ keys: ['configs', 'meta', 'rules'], configs: ['recommended', 'recommended-type-checked', 'strict'], namespace: 'pilotstatus', same: true });
  });

  it.each([
    ['CommonJS eslint.config.js', 'eslint.config.js', (blocks: string[]) => blocks.find((block) => block.includes('require('))!],
    ['ES module eslint.config.mjs', 'eslint.config.mjs', (blocks: string[]) => blocks.find((block) => block.includes("import pilotstatus from 'eslint-plugin-pilotstatus';\n\nexport default [pilotstatus.configs.recommended]"))!],
  ])('the README %s reports the key', (_name, file, pick) => {
    const config = pick(readmeBlocks('## ESLint usage', 'js'));
    expect(config).toBeTruthy();
    writeFileSync(join(project, file), config);
    try {
      const result = sh('npx eslint .');
      assertNoKeyIn(result.stdout + result.stderr, [key]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('pilotstatus/no-hardcoded-key');
    } finally {
      unlinkSync(join(project, file));
    }
  });

  it('the bin: npx pilotstatus-scan finds the key; --staged in a git repository too', () => {
    const scanned = sh('npx pilotstatus-scan --no-color .');
    assertNoKeyIn(scanned.stdout + scanned.stderr, [key]);
    expect(scanned.status).toBe(1);
    expect(scanned.stdout).toContain('src/send.js');
    expect(sh('git init -q && git add src && npx pilotstatus-scan --staged').status).toBe(1);
  });

  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!preCommit)(
    preCommit ? "the README's pre-commit local hook blocks a commit with a key" : 'SKIPPED: the pre-commit framework is not installed here (apt-get install pre-commit), so the local hook was not tested',
    () => {
      const local = readmeBlocks('### pre-commit', 'yaml').find((block) => block.includes('repo: local'))!;
      writeFileSync(join(project, '.pre-commit-config.yaml'), local);
      const cacheEnv = `PRE_COMMIT_HOME=${join(temp, 'pre-commit-cache')}`;
      expect(sh(`git init -q 2>/dev/null; ${cacheEnv} pre-commit install`).status).toBe(0);
      sh('git add -A');
      const blocked = sh(`${cacheEnv} git commit -qm key`);
      assertNoKeyIn(blocked.stdout + blocked.stderr, [key]);
      expect(blocked.status).toBe(1);
      expect(blocked.stdout + blocked.stderr).toContain('pilotstatus/no-hardcoded-key');
    },
    120_000,
  );
});
