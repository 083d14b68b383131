/**
 * The content provider over a commit's tree: the analysis sees the files of that commit (names,
 * sizes, blob ids as stamps, text, directory listings), not the working tree.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withContentProvider, getContentProvider } from '../../src/analysis/content.js';
import { BlobTextCache, GitTreeContent } from '../../src/scanner/tree-content.js';
import { TestRepository } from './git-repo.js';

describe('GitTreeContent', () => {
  it("answers from the commit's tree, not from the working tree", () => {
    const repository = TestRepository.create();
    const old = repository.commit('old', { 'src/config.ts': 'export const a = 1;\n', 'src/lib/util.ts': 'export {};\n', 'README.md': 'x\n' });
    repository.commit('new', { 'src/config.ts': null, 'src/other.ts': 'export const b = 2;\n' });
    writeFileSync(join(repository.root, 'src', 'untracked.ts'), 'export {};\n');
    const tree = new GitTreeContent(repository.root, old, new BlobTextCache(repository.root));
    const file = (path: string) => join(repository.root, ...path.split('/'));

    expect(tree.readText(file('src/config.ts'))).toBe('export const a = 1;\n');
    expect(tree.size(file('src/config.ts'))).toBe(20);
    expect(tree.stamp(file('src/config.ts'))).toBe(repository.git('rev-parse', `${old}:src/config.ts`));
    for (const absent of ['src/other.ts', 'src/untracked.ts', 'src', 'nope/x.ts']) {
      expect(tree.stamp(file(absent))).toBeUndefined();
      expect(tree.readText(file(absent))).toBeUndefined();
    }
    expect(tree.stamp('/elsewhere/src/config.ts')).toBeUndefined();
    expect(tree.listDirectory(file('src'))?.sort()).toEqual(['config.ts', 'lib']);
    expect(tree.listDirectory(repository.root)?.sort()).toEqual(['README.md', 'src']);
    expect(tree.listDirectory(file('src/missing'))).toBeUndefined();
    expect(tree.id).toBe(`git-tree:${old}`);
    // Installed for the duration of a synchronous body only.
    expect(withContentProvider(tree, () => getContentProvider().readText(file('src/config.ts')))).toBe('export const a = 1;\n');
    expect(getContentProvider()).not.toBe(tree);
  });
});
