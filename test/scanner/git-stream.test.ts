/**
 * The streaming git readers: blobs split across many pipe chunks, empty and missing blobs, blobs over
 * the cap skipped without being kept, and NUL fields split across chunks.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBlobStream, streamNulFields } from '../../src/scanner/git-stream.js';
import { GitError } from '../../src/scanner/git.js';
import { TestRepository } from './git-repo.js';
import { writeTree } from './tree.js';

describe('readBlobStream', () => {
  it('yields each requested blob whole and in order, skipping those over the cap', async () => {
    const repository = TestRepository.create();
    const big = randomBytes(3 * 1024 * 1024).toString('base64'); // many 64 KB pipe chunks
    const huge = 'h'.repeat(200_000);
    repository.commit('blobs', { 'big.txt': big, 'empty.txt': '', 'small.txt': 'small\n', 'huge.txt': huge });
    const id = (path: string) => repository.git('rev-parse', `HEAD:${path}`);
    const ids = [id('small.txt'), id('big.txt'), id('empty.txt'), 'f'.repeat(40), id('huge.txt'), id('small.txt')];
    const seen: Array<{ id: string; text?: string; size?: number; state: string }> = [];
    for await (const blob of readBlobStream(repository.root, ids, 5 * 1024 * 1024)) {
      if ('missing' in blob) seen.push({ id: blob.id, state: 'missing' });
      else seen.push({ id: blob.id, size: blob.size, state: 'read', ...(blob.content ? { text: blob.content.toString('utf8') } : {}) });
    }
    expect(seen.map((blob) => blob.id)).toEqual(ids);
    expect(seen[0]!.text).toBe('small\n');
    expect(seen[1]!.text === big).toBe(true);
    expect(seen[2]).toMatchObject({ text: '', size: 0 });
    expect(seen[3]!.state).toBe('missing');
    expect(seen[5]!.text).toBe('small\n');

    const capped: Array<{ id: string; kept: boolean }> = [];
    for await (const blob of readBlobStream(repository.root, [id('huge.txt'), id('small.txt')], 100_000)) {
      capped.push({ id: blob.id, kept: 'content' in blob && blob.content !== undefined });
    }
    expect(capped).toEqual([{ id: id('huge.txt'), kept: false }, { id: id('small.txt'), kept: true }]);
  });

  it('fails with a GitError in a directory that is missing or not a repository', async () => {
    const notARepository = writeTree({ 'a.txt': 'x\n' });
    for (const directory of [`${notARepository}/no-such-dir`, notARepository]) {
      await expect(async () => {
        for await (const _ of readBlobStream(directory, ['f'.repeat(40)], 1000)) void _;
      }).rejects.toBeInstanceOf(GitError);
      await expect(async () => {
        for await (const _ of streamNulFields(directory, ['log', '-z'])) void _;
      }).rejects.toBeInstanceOf(GitError);
    }
  });
});

describe('streamNulFields', () => {
  it('splits -z output into fields, across chunk boundaries', async () => {
    const repository = TestRepository.create();
    const names = Array.from({ length: 3000 }, (_, index) => `dir ${index % 7}/file-${index}.txt`);
    repository.commit('many', Object.fromEntries(names.map((name) => [name, 'x\n'])));
    const fields: string[] = [];
    for await (const field of streamNulFields(repository.root, ['ls-files', '-z'])) fields.push(field.toString('utf8'));
    expect(fields.sort()).toEqual([...names].sort());
  });
});
