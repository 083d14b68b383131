/**
 * `--history` against real repositories built by the tests: every reachable blob read once, each
 * finding named by the commit that introduced it, in every output format, with no key printed.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/scanner/cli.js';
import { scan } from '../../src/scanner/scan.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { TestRepository } from './git-repo.js';
import { scanJson, type JsonReport } from './tree.js';

const keys = Array.from({ length: 8 }, (_, index) => fakeKey(1401 + index));
const [first, second, third, fourth, fifth, sixth] = keys as [string, string, string, string, string, string];

const require = createRequire(import.meta.url);
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const validateSarif = new (AjvDraft04 as unknown as typeof AjvDraft04.default)({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);

/** `file rule @commit` strings, sorted. */
function provenance(report: JsonReport): string[] {
  return report.findings.map((finding) => `${finding.file} ${finding.ruleId.replace('pilotstatus/', '')} @${finding.commit ?? '-'}`).sort();
}

describe('--history', () => {
  it('finds a key deleted in a later commit, names the commit that introduced it, exits 1 and prints no key in any format', async () => {
    const repository = TestRepository.create();
    const added = repository.commit('add the env file', { 'app.env': `PILOTSTATUS_API_KEY=${first}\n`, 'README.md': 'x\n' });
    repository.commit('unrelated', { 'README.md': 'y\n' });
    // The key moves down a line: a new blob, the same finding (rule, path, key), still named by `added`.
    repository.commit('reorder', { 'app.env': `OTHER=1\nPILOTSTATUS_API_KEY=${first}\n` });
    repository.commit('remove the key', { 'app.env': null });

    const tree = await scanJson(repository.root, [], keys);
    expect(tree.report.findings).toEqual([]);
    const { result, report } = await scanJson(repository.root, ['--history'], keys);
    expect(result.exitCode).toBe(1);
    expect(provenance(report)).toEqual([`app.env no-hardcoded-key @${added}`]);
    expect(report.findings[0]).toMatchObject({ line: 1, author: 'Ada Author', date: '2024-01-01T00:01:00Z'.replace('Z', '+00:00') });

    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const output = await run(['--history', '--format', format], { cwd: repository.root, env: {} });
      assertNoKeyIn(output.stdout + output.stderr, keys);
      expect(output.exitCode).toBe(1);
      expect(output.stdout).toContain(added);
      expect(output.stdout).toContain('Ada Author');
      expect(output.stdout).toContain('rewrite history');
    }
  });

  it('writes valid SARIF with the commit in result properties and the repository in versionControlProvenance', async () => {
    const repository = TestRepository.create();
    repository.git('remote', 'add', 'origin', 'https://user:secret-token@git.example.org/team/app.git');
    const added = repository.commit('add', { 'deploy/.env': `PILOTSTATUS_API_KEY=${first}\n` });
    repository.commit('remove', { 'deploy/.env': null });
    const output = await run(['--history', '--format', 'sarif'], { cwd: repository.root, env: {} });
    assertNoKeyIn(output.stdout, keys);
    expect(output.stdout).not.toContain('secret-token');
    const log = JSON.parse(output.stdout) as { runs: Array<{ results: Array<{ properties?: Record<string, unknown> }>; versionControlProvenance?: unknown[] }> };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0]!.results[0]!.properties).toMatchObject({ commit: added, author: 'Ada Author' });
    expect(log.runs[0]!.versionControlProvenance).toEqual([
      { repositoryUri: 'https://git.example.org/team/app.git', revisionId: repository.head(), branch: 'main', mappedTo: { uriBaseId: '%SRCROOT%' } },
    ]);
  });

  it('reads each distinct blob once and names the earliest commit that introduced it', async () => {
    const repository = TestRepository.create();
    const content = `PILOTSTATUS_API_KEY=${second}\n`;
    repository.commit('base', { 'README.md': 'x\n' });
    repository.git('checkout', '-q', '-b', 'early');
    const early = repository.commit('early copy', { 'shared.env': content });
    repository.git('checkout', '-q', 'main');
    repository.commit('later, same content', { 'shared.env': content, 'copy/shared.env': content });
    repository.commit('gone', { 'shared.env': null });
    repository.commit('back again', { 'shared.env': content });

    const progress: Array<{ done: number; total: number; unit?: string }> = [];
    const result = await scan({ cwd: repository.root, history: true, noConfig: true, onProgress: (event) => progress.push(event) });
    // One progress step per blob read: as many as there are distinct reachable blobs, no more.
    expect(progress.at(-1)).toEqual({ done: repository.countReachableBlobs(), total: repository.countReachableBlobs(), unit: 'blobs' });
    expect(result.history).toMatchObject({ blobs: repository.countReachableBlobs(), commits: 5 });
    const shared = result.findings.filter((finding) => finding.ruleId === 'pilotstatus/no-hardcoded-key');
    expect(shared.map((finding) => `${finding.file} @${finding.commit?.id}`).sort()).toEqual([
      `copy/shared.env @${repository.git('log', '--format=%H', '-1', '--', 'copy/shared.env')}`,
      `shared.env @${early}`,
    ]);
  });

  it('names the commit of a rename for the new path and the original commit for the old one', async () => {
    const repository = TestRepository.create();
    const added = repository.commit('add', { 'config/keys.env': `PILOTSTATUS_API_KEY=${third}\n` });
    repository.git('mv', 'config/keys.env', 'settings.env');
    const renamed = repository.commitStaged('rename');
    const { report } = await scanJson(repository.root, ['--history'], keys);
    expect(provenance(report)).toEqual([`config/keys.env no-hardcoded-key @${added}`, `settings.env no-hardcoded-key @${renamed}`]);
    // The tree scan reports the current path with the same fingerprint: one baseline covers both scans.
    const tree = await scanJson(repository.root, [], keys);
    expect(tree.report.findings.map((finding) => finding.fingerprint)).toEqual(report.findings.filter((finding) => finding.file === 'settings.env').map((finding) => finding.fingerprint));
    const baseline = `${repository.root}/baseline.json`;
    await run(['--history', '--write-baseline', baseline], { cwd: repository.root, env: {} });
    expect((await scanJson(repository.root, ['--history', '--baseline', baseline], keys)).result.exitCode).toBe(0);
  });

  it('follows merges: branch content keeps its branch commit, a conflict resolution is the merge commit', async () => {
    const repository = TestRepository.create();
    repository.commit('base', { 'conflict.env': 'A=1\n' });
    repository.git('checkout', '-q', '-b', 'feature');
    const feature = repository.commit('feature key', { 'feature.env': `PILOTSTATUS_API_KEY=${fourth}\n`, 'conflict.env': 'A=2\n' });
    repository.git('checkout', '-q', 'main');
    repository.commit('main change', { 'conflict.env': 'A=3\n' });
    repository.merge('feature');
    const merge = repository.commit('resolve with a key', { 'conflict.env': `A=4\nPILOTSTATUS_API_KEY=${fifth}\n` });
    expect(repository.git('rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);
    const { report } = await scanJson(repository.root, ['--history'], keys);
    expect(provenance(report)).toEqual([`conflict.env no-hardcoded-key @${merge}`, `feature.env no-hardcoded-key @${feature}`]);
  });

  it('scans branches that were never merged, and lints source blobs', async () => {
    const repository = TestRepository.create();
    repository.commit('base', { 'README.md': 'x\n' });
    repository.git('checkout', '-q', '-b', 'experiment');
    const branch = repository.commit('try a key', { 'src/client.ts': `export const key = '${sixth}';\n` });
    repository.git('checkout', '-q', 'main');
    const result = await scan({ cwd: repository.root, history: true, noConfig: true });
    expect(result.findings.map((finding) => `${finding.file} ${finding.engine} @${finding.commit?.id}`)).toEqual([`src/client.ts eslint @${branch}`]);
    expect(result.stats.linted).toBe(1);
  });

  it("resolves a history blob's imports in its commit's tree, not in the working tree", async () => {
    const send = "// PilotStatus sender\nimport { base } from './config';\nexport const send = (to: string) => fetch(`${base}/messages/send`, { method: 'POST', body: JSON.stringify({ to }) });\n";
    // The commit that wrote send.ts imported a PilotStatus base URL; HEAD's config points elsewhere.
    const repository = TestRepository.create();
    const added = repository.commit('sender', { 'config.ts': "export const base = 'https://pilotstatus.com.br/v1';\n", 'send.ts': send });
    repository.commit('other host', { 'config.ts': "export const base = 'https://example.org/v1';\n" });
    expect((await scanJson(repository.root, [], keys)).report.findings).toEqual([]);
    const { report } = await scanJson(repository.root, ['--history'], keys);
    expect(provenance(report)).toEqual([`send.ts require-key-header @${added}`]);
    expect(report.findings[0]!.message).toContain(`Introduced in commit ${added.slice(0, 12)}`);
    // The reverse: the working tree's config says PilotStatus, the commit that wrote send.ts did not.
    const reverse = TestRepository.create();
    reverse.commit('sender', { 'config.ts': "export const base = 'https://example.org/v1';\n", 'send.ts': send });
    reverse.commit('pilotstatus host', { 'config.ts': "export const base = 'https://pilotstatus.com.br/v1';\n" });
    expect((await scanJson(reverse.root, [], keys)).report.findings.map((finding) => finding.file)).toEqual(['send.ts']);
    expect((await scanJson(reverse.root, ['--history'], keys)).report.findings).toEqual([]);
  });

  it('with --since <ref>, scans only what the commits in <ref>..HEAD introduced', async () => {
    const repository = TestRepository.create();
    repository.commit('old key', { 'old.env': `PILOTSTATUS_API_KEY=${first}\n` });
    repository.git('checkout', '-q', '-b', 'feature');
    const added = repository.commit('new key', { 'new.env': `PILOTSTATUS_API_KEY=${second}\n` });
    const transient = repository.commit('transient key', { 'tmp.env': `PILOTSTATUS_API_KEY=${third}\n` });
    repository.commit('delete it again', { 'tmp.env': null });
    const { result, report } = await scanJson(repository.root, ['--history', '--since', 'main'], keys);
    expect(provenance(report)).toEqual([`new.env no-hardcoded-key @${added}`, `tmp.env no-hardcoded-key @${transient}`]);
    expect(result.exitCode).toBe(1);
    expect((await run(['--history', '--since', 'no-such-ref'], { cwd: repository.root, env: {} })).exitCode).toBe(2);
    expect((await run(['--history', '--staged'], { cwd: repository.root, env: {} })).exitCode).toBe(2);
  });

  it('limits history to the paths given and --exclude, with paths relative to the working directory', async () => {
    const repository = TestRepository.create();
    repository.commit('keys', { 'a/one.env': `PILOTSTATUS_API_KEY=${first}\n`, 'b/two.env': `PILOTSTATUS_API_KEY=${second}\n`, 'b/three.env': `PILOTSTATUS_API_KEY=${third}\n` });
    repository.commit('delete', { 'a/one.env': null, 'b/two.env': null, 'b/three.env': null });
    expect((await scanJson(repository.root, ['--history', 'b'], keys)).report.findings.map((finding) => finding.file).sort()).toEqual(['b/three.env', 'b/two.env']);
    expect((await scanJson(repository.root, ['--history', '--exclude', 'b/two.env'], keys)).report.findings.map((finding) => finding.file).sort()).toEqual(['a/one.env', 'b/three.env']);
    mkdirSync(`${repository.root}/a`, { recursive: true });
    expect((await scanJson(`${repository.root}/a`, ['--history', '--no-config'], keys)).report.findings.map((finding) => finding.file).sort()).toEqual(['../b/three.env', '../b/two.env', 'one.env']);
  });

  it('stops at an abort between blobs and says the results are partial', async () => {
    const repository = TestRepository.create();
    for (let index = 0; index < 4; index++) repository.commit(`c${index}`, { [`k${index}.env`]: `PILOTSTATUS_API_KEY=${keys[index]}\n` });
    const controller = new AbortController();
    const result = await scan({ cwd: repository.root, history: true, noConfig: true, signal: controller.signal, onProgress: () => controller.abort() });
    expect(result.interrupted).toBe(true);
    expect(result.history?.blobs).toBe(1);
    const whole = await scanJson(repository.root, ['--history'], keys);
    expect(whole.report.findings).toHaveLength(4);
    expect((whole.report as unknown as { history: Record<string, unknown> }).history).toMatchObject({ commits: 4, blobs: 4, head: repository.head(), branch: 'main' });
  });

  it('reports a blob over --max-file-size as skipped, naming its commit', async () => {
    const repository = TestRepository.create();
    const big = repository.commit('big', { 'big.env': `${'A=1\n'.repeat(600)}PILOTSTATUS_API_KEY=${first}\n` });
    repository.commit('small', { 'small.env': `PILOTSTATUS_API_KEY=${second}\n` });
    const { report } = await scanJson(repository.root, ['--history', '--max-file-size', '1k'], keys);
    expect(report.skipped).toEqual([{ file: 'big.env', reason: expect.stringContaining(`in commit ${big.slice(0, 12)}`) as string }]);
    expect(report.findings.map((finding) => finding.file)).toEqual(['small.env']);
  });
});
