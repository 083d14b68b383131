/**
 * A tiny executable around the built `main()` with scan options injected (a pause after N files, a
 * worker that dies): the process-level tests run it like the real bin, with no test-only environment
 * variables in the shipped code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DIST_MAIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'scanner', 'main.js');

/** Writes `<temp>/main.mjs` calling `main(argv, <scanOptionsSource>)` and returns its path. */
export function writeMainScript(scanOptionsSource: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pilotstatus-main-')), 'main.mjs');
  writeFileSync(path, `import { main } from ${JSON.stringify(pathToFileURL(DIST_MAIN).href)};\nawait main(process.argv.slice(2), ${scanOptionsSource});\n`);
  return path;
}
