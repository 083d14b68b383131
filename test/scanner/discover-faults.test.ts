/**
 * Discovery when the tree changes under it: a directory listed by its parent that is gone (or
 * unreadable) by the time it is read. The walk reads directories with `readdirSync`; this file
 * replaces it so that one chosen directory fails, which no real race can do on demand.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const failing = new Map<string, string>();

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((path: fs.PathLike, options?: unknown) => {
    const code = failing.get(String(path));
    if (code) throw Object.assign(new Error(`${code}: mocked`), { code });
    return (actual.readdirSync as (path: fs.PathLike, options?: unknown) => unknown)(path, options);
  }) as typeof actual.readdirSync;
  return { ...actual, default: { ...actual, readdirSync }, readdirSync };
});

const { discoverFiles } = await import('../../src/scanner/discover.js');
const { writeTree } = await import('./tree.js');

describe('a directory that vanishes during the walk', () => {
  it('is listed in errors with its reason, and every other file is still found', async () => {
    const root = writeTree({ 'a.env': 'A=1\n', 'gone/b.env': 'B=1\n', 'locked/c.env': 'C=1\n', 'kept/d.env': 'D=1\n' });
    failing.set(join(root, 'gone'), 'ENOENT');
    failing.set(join(root, 'locked'), 'EACCES');
    const result = await discoverFiles({ cwd: root, paths: ['.'] });
    expect(result.files.map((file) => file.relative)).toEqual(['a.env', 'kept/d.env']);
    expect(result.errors).toEqual([
      { file: 'gone', reason: 'the directory disappeared during the scan (ENOENT)' },
      { file: 'locked', reason: 'directory cannot be read (EACCES)' },
    ]);
  });
});
