/**
 * The git index as a content provider (`src/analysis/content.ts`): with `--staged`, the rules
 * resolve a staged file's imports against the staged versions of those modules, not the working
 * tree. A path that is not in the index does not exist in this snapshot.
 *
 * Reads are synchronous (rules run inside `Linter.verify`): one `git ls-files` and one
 * `git diff-files` when the provider is made; a file whose working copy equals the index is read
 * from disk, any other one from its blob (`git cat-file blob`, once per blob).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { ContentProvider } from '../analysis/content.js';

const GIT_ENV = { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;
let providerCount = 0;

function git(root: string, args: readonly string[]): Buffer {
  return execFileSync('git', args, { cwd: root, env: GIT_ENV, maxBuffer: MAX_GIT_OUTPUT, stdio: ['ignore', 'pipe', 'ignore'] });
}

function splitNul(buffer: Buffer): string[] {
  return buffer.toString('utf8').split('\0').filter((part) => part.length > 0);
}

/** The index of the repository at `root` (an absolute path, as `git rev-parse --show-toplevel` prints it). */
export function createIndexContent(root: string): ContentProvider {
  const blobs = new Map<string, string>();
  const directories = new Map<string, Set<string>>();
  for (const entry of splitNul(git(root, ['ls-files', '--stage', '-z']))) {
    // `<mode> <blob> <stage>\t<path>`; symbolic links and submodules hold no file content
    const tab = entry.indexOf('\t');
    const [mode, blob, stage] = entry.slice(0, tab).split(' ');
    if (!blob || stage !== '0' || mode === '120000' || mode === '160000') continue;
    const file = join(root, entry.slice(tab + 1));
    blobs.set(file, blob);
    for (let child = file, parent = dirname(file); child !== root && parent.length >= root.length; child = parent, parent = dirname(parent)) {
      let names = directories.get(parent);
      if (!names) directories.set(parent, (names = new Set()));
      const name = child.slice(parent.length + (parent.endsWith(sep) ? 0 : 1));
      if (names.has(name)) break;
      names.add(name);
    }
  }
  // Paths whose working copy differs from the index (or is gone): those are read from their blob.
  const differs = new Set(splitNul(git(root, ['diff-files', '--name-only', '-z'])).map((path) => join(root, path)));
  const texts = new Map<string, string | undefined>();

  const readBlob = (file: string): Buffer | undefined => {
    try {
      return differs.has(file) ? git(root, ['cat-file', 'blob', blobs.get(file)!]) : readFileSync(file);
    } catch {
      return undefined;
    }
  };
  return {
    // one id per provider: the index may change between two scans of one process
    id: `git-index:${++providerCount}:${root}`,
    stamp(file) {
      const blob = blobs.get(file);
      return blob === undefined ? undefined : `blob:${blob}`;
    },
    readText(file) {
      if (!blobs.has(file)) return undefined;
      if (!texts.has(file)) texts.set(file, readBlob(file)?.toString('utf8'));
      return texts.get(file);
    },
    size(file) {
      if (!blobs.has(file)) return undefined;
      if (!differs.has(file)) {
        try {
          return statSync(file).size;
        } catch {
          return undefined;
        }
      }
      const text = this.readText(file);
      return text === undefined ? undefined : Buffer.byteLength(text);
    },
    listDirectory(directory) {
      const names = directories.get(directory);
      return names ? [...names] : undefined;
    },
  };
}
