/**
 * The pre-commit framework (https://pre-commit.com) installing this repository's hook the way a user
 * does: `repo:` (a path here, a URL for them) + `rev:`, then real `git commit`s. The framework runs
 * `npm install`, `npm pack` (reading the tarball name from its stdout) and `npm install -g`, so this
 * catches anything that writes to `npm pack`'s stdout (the `prepare` banner did: see `.npmrc`).
 * Slow (a full install and build, about a minute): one test. Needs `pre-commit` on PATH
 * (`apt-get install pre-commit` or `pipx install pre-commit`); without it the test is reported as skipped, by name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';

const ROOT = join(import.meta.dirname, '..', '..');
const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = version.status === 0;
const temp = mkdtempSync(join(tmpdir(), 'pilotstatus-pre-commit-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  PRE_COMMIT_HOME: join(temp, 'cache'),
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** This working tree (tracked and untracked files, not ignored ones) as a one-commit repository: what `rev:` names. */
function snapshotRepository(): { path: string; rev: string } {
  const path = join(temp, 'plugin');
  const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(path, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(path, file));
    } catch {
      // a tracked file deleted in the working tree
    }
  }
  git(path, 'init', '-q', '-b', 'main');
  git(path, 'add', '-A');
  git(path, 'commit', '-q', '--no-verify', '-m', 'snapshot');
  return { path, rev: git(path, 'rev-parse', 'HEAD').trim() };
}

const title = available
  ? `the pre-commit framework (${version.stdout.trim()}) installs the hook from the repository; a key blocks the commit, a clean commit passes`
  : 'SKIPPED: the pre-commit framework is not installed here (apt-get install pre-commit), so the hook install was not tested';

describe('pre-commit framework', () => {
  it.skipIf(!available)(title, () => {
    const plugin = snapshotRepository();
    const project = join(temp, 'project');
    mkdirSync(project);
    git(project, 'init', '-q', '-b', 'main');
    // The README's snippet, as written, with this snapshot in place of the repository URL and tag.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const snippet = /### pre-commit\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(snippet).toContain('repo: https://github.com/pilotstatus/eslint-plugin-pilotstatus');
    writeFileSync(join(project, '.pre-commit-config.yaml'), snippet.replace('https://github.com/pilotstatus/eslint-plugin-pilotstatus', plugin.path).replace(/rev: \S+/, `rev: ${plugin.rev}`));
    execFileSync('pre-commit', ['install'], { cwd: project, env });

    const key = fakeKey(1501);
    writeFileSync(join(project, 'app.env'), `PILOTSTATUS_API_KEY=${key}\n`);
    git(project, 'add', '-A');
    const blocked = spawnSync('git', ['commit', '-m', 'add key'], { cwd: project, env, encoding: 'utf8', timeout: 280_000 });
    const output = blocked.stdout + blocked.stderr;
    assertNoKeyIn(output, [key]);
    expect(output).not.toMatch(/npm error|ENOENT/);
    expect(blocked.status, output).toBe(1);
    expect(output).toContain('app.env');
    expect(output).toContain('no-hardcoded-key');
    expect(() => git(project, 'rev-parse', '--verify', 'HEAD')).toThrow(); // nothing was committed

    writeFileSync(join(project, 'app.env'), 'PILOTSTATUS_API_KEY=\n');
    git(project, 'add', '-A');
    const clean = spawnSync('git', ['commit', '-m', 'clean'], { cwd: project, env, encoding: 'utf8', timeout: 120_000 });
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout + clean.stderr).toMatch(/pilotstatus-scan.*Passed/);
  }, 300_000);
});
