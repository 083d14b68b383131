/** The build check that vitest's globalSetup runs (test/support/global-setup.ts). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findStaleOutput } from './support/build.js';

describe('the stale build check', () => {
  it('finds a missing or older output, a newer tsconfig, and accepts a current dist/', () => {
    const root = mkdtempSync(join(tmpdir(), 'pilotstatus-build-'));
    try {
      const at = (path: string, seconds: number, content = '') => {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), content);
        utimesSync(join(root, path), seconds, seconds);
      };
      at('src/a.ts', 1000);
      at('rules/r.ts', 1000);
      at('tsconfig.json', 1000, '{}');
      expect(findStaleOutput(root)).toBe('src/a.ts'); // no output at all
      at('dist/src/a.js', 2000);
      at('dist/rules/r.js', 2000);
      expect(findStaleOutput(root)).toBeUndefined();
      at('rules/r.ts', 3000);
      expect(findStaleOutput(root)).toBe('rules/r.ts');
      at('dist/rules/r.js', 3000);
      at('tsconfig.json', 4000, '{}');
      expect(findStaleOutput(root)).toBe('tsconfig.json');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
