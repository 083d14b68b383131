/**
 * Tests that run the built package (the bin, workers, the packed tarball) must never run a stale
 * `dist/`: before the tests, the build runs when any source is newer than its output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function listSources(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The first source whose build output is missing or older than it, or undefined when `dist/` is current. */
export function findStaleOutput(root: string): string | undefined {
  const sources = ['src', 'rules'].flatMap((directory) => listSources(join(root, directory)));
  let oldestOutput = Infinity;
  for (const source of sources) {
    const output = join(root, 'dist', relative(root, source).replace(/\.([cm]?)ts$/, '.$1js'));
    if (!existsSync(output)) return relative(root, source);
    const outputTime = statSync(output).mtimeMs;
    oldestOutput = Math.min(oldestOutput, outputTime);
    if (statSync(source).mtimeMs > outputTime) return relative(root, source);
  }
  return BUILD_INPUTS.find((file) => existsSync(join(root, file)) && statSync(join(root, file)).mtimeMs > oldestOutput);
}

/** Runs the build when `dist/` is stale (vitest `globalSetup`). */
export function ensureFreshBuild(root: string): void {
  const stale = findStaleOutput(root);
  if (stale === undefined) return;
  process.stderr.write(`test setup: dist/ is older than ${stale}: building\n`);
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
}
