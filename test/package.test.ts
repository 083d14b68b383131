/**
 * Supply-chain hygiene of the published package: what `npm pack` ships, no install scripts, no
 * network module anywhere in the built code, and a scan that runs under Node's permission model
 * with read access to nothing but the package and the scanned tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { walk } from '../src/analysis/static-value.js';
import { assertNoKeyIn, fakeKey } from './support/fake-key.js';
import { writeTree } from './scanner/tree.js';

const ROOT = join(import.meta.dirname, '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const NETWORK_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls', 'dns', 'dgram', 'undici', 'node-fetch', 'axios']);

function listFiles(directory: string, extension: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listFiles(path, extension);
    return entry.name.endsWith(extension) ? [path] : [];
  });
}

describe('the published package', () => {
  it('ships only built code, its types, the rule docs, the README and the license', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
    const paths = pack!.files.map((file) => file.path);
    const unexpected = paths.filter(
      (path) => !/^dist\/(src|rules)\/.+\.(js|d\.ts|cjs|d\.cts)$/.test(path) && !/^rules\/[a-z-]+\.md$/.test(path) && !['README.md', 'LICENSE', 'package.json'].includes(path),
    );
    expect(unexpected).toEqual([]);
    expect(paths).toContain('dist/src/index.js');
    expect(paths).toContain('dist/src/index.cjs'); // the "require" entry
    expect(paths).toContain('dist/src/scanner/bin.js');
    expect(paths).toContain('LICENSE');
    expect(paths.some((path) => path.startsWith('test/') || path.startsWith('examples/') || path.startsWith('bench/'))).toBe(false);
  });

  it('has no install scripts', () => {
    for (const name of ['preinstall', 'install', 'postinstall', 'prepublish']) expect(packageJson.scripts[name], name).toBeUndefined();
  });

  it('imports no network module anywhere in the built code', () => {
    const offenders: string[] = [];
    for (const file of listFiles(join(ROOT, 'dist'), '.js')) {
      const ast = parse(readFileSync(file, 'utf8'), { range: true, loc: true });
      walk(ast, (node) => {
        let source: string | undefined;
        if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) source = node.source.value;
        if (node.type === 'ImportExpression' && node.source.type === 'Literal') source = String(node.source.value);
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') source = String(node.arguments[0].value);
        if (source && NETWORK_MODULES.has(source.replace(/^node:/, ''))) offenders.push(`${file}: ${source}`);
      }, true);
    }
    expect(offenders).toEqual([]);
  });

  it('declares few runtime dependencies, each listed with its reason in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const name of Object.keys(packageJson.dependencies)) expect(readme, name).toContain(`\`${name}\``);
    expect(Object.keys(packageJson.dependencies).length).toBeLessThanOrEqual(10);
  });

  it('scans with read access to nothing but the package and the scanned tree (Node permission model)', () => {
    const key = fakeKey(951);
    const tree = writeTree({ 'package.json': '{ "name": "permission-fixture" }', 'src/config.ts': `export const key = '${key}';\n` });
    const result = spawnSync(
      process.execPath,
      ['--experimental-permission', `--allow-fs-read=${ROOT}/*`, `--allow-fs-read=${tree}/*`, join(ROOT, 'dist/src/scanner/bin.js'), '--format', 'json', '--no-type-check', '.'],
      { cwd: tree, encoding: 'utf8' },
    );
    assertNoKeyIn(result.stdout + result.stderr, [key]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; file: string }>; stats: { linted: number } };
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toContain('src/config.ts pilotstatus/no-hardcoded-key');
    expect(report.stats.linted).toBe(1);
  });
});

describe('integrations', () => {
  it('.pre-commit-hooks.yaml defines the pilotstatus-scan hook on the staged content', () => {
    const text = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(text).toMatch(/^- id: pilotstatus-scan$/m);
    expect(text).toMatch(/^\s+entry: pilotstatus-scan --staged$/m);
    expect(text).toMatch(/^\s+pass_filenames: false$/m);
    // the hook's command is the package's bin
    const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    expect(Object.keys(bin)).toEqual(['pilotstatus-scan']);
  });
});
