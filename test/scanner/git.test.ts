/**
 * Git modes against real repositories created by the tests: `--staged` reads the index, not the
 * working tree; `--since` scans what changed since the merge base (plus untracked files).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/scanner/cli.js';
import { fakeKey } from '../support/fake-key.js';
import { scanJson, summarize, writeTree } from './tree.js';

const live = fakeKey(501);
const test = fakeKey(502, { environment: 'test' });
const other = fakeKey(503);
const keys = [live, test, other];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  });
}

function createRepository(files: Record<string, string>): string {
  const root = writeTree(files);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'commit.gpgsign', 'false');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return root;
}

describe('--staged', () => {
  it('scans the staged content from the index, not the working tree', async () => {
    const root = createRepository({ 'committed.env': `K=${other}\n`, 'README.md': 'x\n' });
    writeFileSync(join(root, 'app.env'), `K=${live}\n`);
    git(root, 'add', 'app.env');
    // After staging, the key is removed from the working tree: the commit would still contain it.
    writeFileSync(join(root, 'app.env'), 'K=\n');
    // And an unstaged key is not what gets committed.
    writeFileSync(join(root, 'README.md'), `x ${test}\n`);
    const { result, report } = await scanJson(root, ['--staged'], keys);
    expect(summarize(report)).toEqual(['app.env:1 no-hardcoded-key']);
    expect(result.exitCode).toBe(1);
  });

  it('resolves a staged file\'s imports in the index: the staged module decides the finding, not the working tree', async () => {
    const send = "import { base } from './config';\nexport const send = (to: string) => fetch(`${base}/messages/send`, { method: 'POST', body: JSON.stringify({ to }) });\n";
    const root = createRepository({ 'config.ts': "export const base = 'https://example.org/v1';\n", 'send.ts': send });
    // Staged: the module now points at PilotStatus; the working copy is back on the other host.
    writeFileSync(join(root, 'config.ts'), "export const base = 'https://pilotstatus.com.br/v1';\n");
    writeFileSync(join(root, 'send.ts'), `${send}// staged\n`);
    git(root, 'add', 'config.ts', 'send.ts');
    writeFileSync(join(root, 'config.ts'), "export const base = 'https://example.org/v1';\n");
    const staged = await scanJson(root, ['--staged'], keys);
    expect(summarize(staged.report)).toEqual(['send.ts:2 require-key-header']);
    // The reverse: the index says another host, the working tree says PilotStatus.
    const other = createRepository({ 'config.ts': "export const base = 'https://pilotstatus.com.br/v1';\n", 'send.ts': send });
    writeFileSync(join(other, 'config.ts'), "export const base = 'https://example.org/v1';\n");
    writeFileSync(join(other, 'send.ts'), `${send}// staged\n`);
    git(other, 'add', 'config.ts', 'send.ts');
    writeFileSync(join(other, 'config.ts'), "export const base = 'https://pilotstatus.com.br/v1';\n");
    expect(summarize((await scanJson(other, ['--staged'], keys)).report)).toEqual([]);
    // And the working tree scan of the same repository sees the working tree.
    expect(summarize((await scanJson(other, ['.'], keys)).report)).toEqual(['send.ts:2 require-key-header']);
  });

  it('handles names with spaces, newlines and leading dashes (git -z, args after --)', async () => {
    const root = createRepository({ 'README.md': 'x\n' });
    for (const name of ['with space.env', 'new\nline.env', '-leading.env']) writeFileSync(join(root, name), `K=${live}\n`);
    git(root, 'add', '--', 'with space.env', 'new\nline.env', '-leading.env');
    const { report } = await scanJson(root, ['--staged'], keys);
    expect(report.findings.map((finding) => finding.file).sort()).toEqual(['-leading.env', 'new\nline.env', 'with space.env'].sort());
    expect(report.errors).toEqual([]);
  });

  it('lints staged source from the index and limits to pathspecs', async () => {
    const root = createRepository({ 'README.md': 'x\n' });
    writeFileSync(join(root, 'a.ts'), `export const k = '${live}';\n`);
    writeFileSync(join(root, 'b.env'), `K=${test}\n`);
    git(root, 'add', 'a.ts', 'b.env');
    writeFileSync(join(root, 'a.ts'), 'export const k = 1;\n');
    const { report } = await scanJson(root, ['--staged', 'a.ts'], keys);
    expect(summarize(report)).toEqual(['a.ts:1 no-hardcoded-key']);
  });

  it('reports nothing when nothing is staged, and exits 2 outside a repository', async () => {
    const root = createRepository({ 'a.env': `K=${live}\n` });
    expect((await scanJson(root, ['--staged'], keys)).result.exitCode).toBe(0);
    const outside = writeTree({ 'a.env': `K=${live}\n` });
    const result = await run(['--staged'], { cwd: outside, env: { ...process.env, GIT_CEILING_DIRECTORIES: join(outside, '..') } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/not inside a git repository/);
  });
});

describe('--since', () => {
  it('scans files changed since the merge base, including untracked ones, and nothing else', async () => {
    const root = createRepository({ 'old.env': `K=${other}\n` });
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(root, 'changed.env'), `K=${live}\n`);
    git(root, 'add', 'changed.env');
    git(root, 'commit', '-q', '-m', 'feature');
    writeFileSync(join(root, 'new untracked.env'), `K=${test}\n`);
    const { report } = await scanJson(root, ['--since', 'main'], keys);
    expect(summarize(report)).toEqual(['changed.env:1 no-hardcoded-key', 'new untracked.env:1 no-hardcoded-key']);
  });

  it('rejects unknown refs and refs that look like options with exit 2', async () => {
    const root = createRepository({ 'a.md': 'x\n' });
    expect((await run(['--since', 'no-such-branch'], { cwd: root })).exitCode).toBe(2);
    const dashed = await run(['--since=--output=/tmp/x'], { cwd: root });
    expect(dashed.exitCode).toBe(2);
    expect(dashed.stderr).toMatch(/invalid ref/);
    expect((await run(['--staged', '--since', 'main'], { cwd: root })).exitCode).toBe(2);
  });
});
