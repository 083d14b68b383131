/**
 * `--shard k/n` (tree and history scans: the shards' union is the whole scan, and they are
 * disjoint) and the advice worded for where the key is (working tree, staged, history).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adviseFor, NOT_COMMITTED_YET, ROTATE_COMMITTED_KEY } from '../../src/core/messages.js';
import type { Redacted } from '../../src/core/key.js';
import { run } from '../../src/scanner/cli.js';
import { parseShard, shardOf } from '../../src/scanner/shard.js';
import { fakeKey } from '../support/fake-key.js';
import { TestRepository } from './git-repo.js';
import { scanJson, type JsonReport } from './tree.js';

const keys = Array.from({ length: 24 }, (_, index) => fakeKey(1451 + index));

/** Fingerprint and commit of each finding: what must partition across shards. */
function identities(report: JsonReport): string[] {
  return report.findings.map((finding) => `${finding.fingerprint} ${finding.file} @${finding.commit ?? '-'}`);
}

function buildRepository(): TestRepository {
  const repository = TestRepository.create();
  // Twelve files across three commits, some keys deleted later, one file edited (two blobs, one finding).
  for (let batch = 0; batch < 3; batch++) {
    const files: Record<string, string> = {};
    for (let index = 0; index < 4; index++) files[`dir${index}/f${batch}-${index}.env`] = `PILOTSTATUS_API_KEY=${keys[batch * 4 + index]}\n`;
    if (batch === 1) files['dir0/f0-0.env'] = `X=1\nPILOTSTATUS_API_KEY=${keys[0]}\n`;
    repository.commit(`batch ${batch}`, files);
  }
  repository.commit('remove some', { 'dir1/f0-1.env': null, 'dir2/f1-2.env': null });
  return repository;
}

describe('--shard', () => {
  it('parses k/n and rejects anything else with exit 2', async () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1-4', 'a/b', '']) expect(parseShard(bad)).toBeUndefined();
    const root = TestRepository.create().root;
    const result = await run(['--shard', '3/2'], { cwd: root, env: {} });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--shard/);
  });

  it('hashes a path to the same shard every time, and spreads paths over every shard', () => {
    const paths = Array.from({ length: 200 }, (_, index) => `src/file-${index}.ts`);
    const counts = [0, 0, 0, 0];
    for (const path of paths) {
      expect(shardOf(path, 4)).toBe(shardOf(path, 4));
      counts[shardOf(path, 4) - 1]!++;
    }
    for (const count of counts) expect(count).toBeGreaterThan(25);
  });

  for (const mode of [[], ['--history']]) {
    it(`splits ${mode.length ? 'a history' : 'a tree'} scan into disjoint shards whose union is the whole scan`, async () => {
      const repository = buildRepository();
      const whole = await scanJson(repository.root, mode, keys);
      expect(whole.report.findings.length).toBeGreaterThanOrEqual(mode.length ? 12 : 10);
      const shards: string[][] = [];
      for (let index = 1; index <= 3; index++) {
        const { report, result } = await scanJson(repository.root, [...mode, '--shard', `${index}/3`], keys);
        shards.push(identities(report));
        expect(result.exitCode).toBe(report.findings.length > 0 ? 1 : 0);
      }
      const union = shards.flat();
      expect(new Set(union).size).toBe(union.length); // disjoint
      expect(union.sort()).toEqual(identities(whole.report).sort());
      expect(shards.filter((shard) => shard.length > 0).length).toBeGreaterThan(1);
    });
  }
});

describe('advice by context', () => {
  const commit = { id: 'a'.repeat(40), author: 'Ada', date: '2024-01-02T03:04:05+00:00' };
  const message = `This looks like a key (ps_live_ab…#123456). Keys belong on the server; ${ROTATE_COMMITTED_KEY}` as Redacted;

  it('keeps the tree wording, and replaces the rotation advice for staged content and history', () => {
    expect(adviseFor(message, 'pilotstatus/no-hardcoded-key', { kind: 'tree' })).toBe(message);
    const staged = adviseFor(message, 'pilotstatus/no-hardcoded-key', { kind: 'staged' });
    expect(staged).toContain(NOT_COMMITTED_YET);
    expect(staged).not.toContain('in your history');
    const history = adviseFor(message, 'pilotstatus/no-hardcoded-key', { kind: 'history', commit });
    expect(history).toContain('committed in aaaaaaaaaaaa (2024-01-02)');
    expect(history).toMatch(/rotate it and, if needed, rewrite history/);
    // A rule whose message has no rotation advice gets the commit named; a key exposure also the advice.
    expect(adviseFor('Bearer is not supported.' as Redacted, 'pilotstatus/no-bearer-auth', { kind: 'history', commit })).toBe('Bearer is not supported. Introduced in commit aaaaaaaaaaaa (2024-01-02).');
    expect(adviseFor('Ships to the client.' as Redacted, 'pilotstatus/no-client-key', { kind: 'history', commit })).toMatch(/^Ships to the client\. It was committed in aaaaaaaaaaaa .* rewrite history/);
    expect(adviseFor('Ships to the client.' as Redacted, 'pilotstatus/no-client-key', { kind: 'staged' })).toBe('Ships to the client.');
  });

  it('words staged findings as not committed yet, tree findings as today, for the text path and the linter', async () => {
    const repository = TestRepository.create();
    repository.commit('base', { 'README.md': 'x\n' });
    writeFileSync(join(repository.root, 'app.env'), `PILOTSTATUS_API_KEY=${keys[0]}\n`);
    writeFileSync(join(repository.root, 'client.ts'), `export const key = '${keys[1]}';\n`);
    repository.git('add', 'app.env', 'client.ts');
    const staged = await scanJson(repository.root, ['--staged'], keys);
    expect(staged.report.findings.map((finding) => finding.file).sort()).toEqual(['app.env', 'client.ts']);
    for (const finding of staged.report.findings) {
      expect(finding.message).toContain(NOT_COMMITTED_YET);
      expect(finding.message).not.toContain(ROTATE_COMMITTED_KEY);
    }
    const tree = await scanJson(repository.root, [], keys);
    expect(tree.report.findings).toHaveLength(2);
    for (const finding of tree.report.findings) expect(finding.message).toContain(ROTATE_COMMITTED_KEY);
    const stylish = await run(['--staged'], { cwd: repository.root, env: {} });
    expect(stylish.stdout).toContain('not committed yet');
  });
});
