/**
 * The working tree as one scan sees it (`createTreeSnapshot`): names and stamps are taken once, so
 * module resolution's probes are lookups; absent files, directories and broken links have no content.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTreeSnapshot, fileSystemContent } from '../../src/analysis/content.js';

const root = mkdtempSync(join(tmpdir(), 'pilotstatus-content-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createTreeSnapshot', () => {
  mkdirSync(join(root, 'src', 'lib'), { recursive: true });
  writeFileSync(join(root, 'src', 'config.ts'), 'export const a = 1;\n');
  symlinkSync(join(root, 'src', 'config.ts'), join(root, 'src', 'linked.ts'));
  symlinkSync(join(root, 'src', 'gone.ts'), join(root, 'src', 'broken.ts'));

  it('answers like the file system for files, directories, links and absent names', () => {
    const snapshot = createTreeSnapshot();
    for (const name of ['src/config.ts', 'src/linked.ts', 'src/broken.ts', 'src/lib', 'src/missing.ts', 'nope/x.ts']) {
      const file = join(root, name);
      expect(snapshot.stamp(file), name).toBe(fileSystemContent.stamp(file));
      expect(snapshot.readText(file), name).toBe(fileSystemContent.readText(file));
      expect(snapshot.size(file), name).toBe(fileSystemContent.size(file));
    }
    expect(snapshot.listDirectory(join(root, 'src'))?.sort()).toEqual(['broken.ts', 'config.ts', 'lib', 'linked.ts']);
    expect(snapshot.listDirectory(join(root, 'nope'))).toBeUndefined();
  });

  it('keeps the names it has seen for the rest of its scan, and a new snapshot sees the change', () => {
    const snapshot = createTreeSnapshot();
    const added = join(root, 'src', 'added.ts');
    expect(snapshot.stamp(added)).toBeUndefined();
    writeFileSync(added, 'export {};\n');
    expect(snapshot.stamp(added)).toBeUndefined();
    const next = createTreeSnapshot();
    expect(next.id).not.toBe(snapshot.id);
    expect(next.stamp(added)).toBe(fileSystemContent.stamp(added));
  });
});
