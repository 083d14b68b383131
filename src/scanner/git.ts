/**
 * Git modes. `--staged` scans what is about to be committed: the blobs in the index, not the working
 * tree. `--since <ref>` scans the files changed since the merge base with a ref (plus untracked ones).
 * Git is always spawned directly (never through a shell), with `-z` output and paths after `--`, so
 * names with spaces, newlines, leading dashes or non-UTF-8 bytes pass through intact.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { toRelative } from './discover.js';

export class GitError extends Error {
  override name = 'GitError';
}

export interface GitFile {
  absolute: string;
  relative: string;
  /** Path inside the repository, as git prints it (raw bytes). */
  repositoryPath: Buffer;
  /** The blob id in the index (staged mode). */
  blob?: string;
  mode?: string;
}

interface GitRun {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

export function runGit(cwd: string, args: readonly string[], input?: Buffer): Promise<GitRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      // A pager or a terminal prompt would hang a pre-commit hook.
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`cannot run git: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
    child.on('close', (code) => resolvePromise({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code }));
    child.stdin.on('error', () => {}); // git may exit before reading all of stdin
    child.stdin.end(input);
  });
}

async function git(cwd: string, args: readonly string[], input?: Buffer): Promise<Buffer> {
  const result = await runGit(cwd, args, input);
  if (result.code !== 0) {
    const detail = result.stderr.trim().split('\n')[0] ?? '';
    throw new GitError(`git ${args[0]} failed${detail ? `: ${detail}` : ''}`);
  }
  return result.stdout;
}

export async function findRepositoryRoot(cwd: string): Promise<string> {
  const result = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  if (result.code !== 0) throw new GitError('not inside a git repository (git rev-parse --show-toplevel failed)');
  return result.stdout.toString('utf8').replace(/\n$/, '');
}

function splitNul(buffer: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = buffer.indexOf(0, start); index !== -1; index = buffer.indexOf(0, start)) {
    parts.push(buffer.subarray(start, index));
    start = index + 1;
  }
  if (start < buffer.length) parts.push(buffer.subarray(start));
  return parts;
}

/** Staged files (added, copied, modified, renamed, type-changed) with their index blob ids. */
export async function listStagedFiles(cwd: string, pathspecs: readonly string[]): Promise<GitFile[]> {
  const root = await findRepositoryRoot(cwd);
  // `--raw` gives the new blob id, so the content comes from the index in one `cat-file --batch`.
  const output = await git(root, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMRT', '--', ...toPathspecs(cwd, pathspecs)]);
  const parts = splitNul(output);
  const files: GitFile[] = [];
  for (let index = 0; index + 1 < parts.length; index += 2) {
    const meta = parts[index]!.toString('utf8');
    const path = parts[index + 1]!;
    const fields = meta.replace(/^:/, '').split(' ');
    const mode = fields[1];
    const blob = fields[3];
    if (!blob || !mode) continue;
    const absolute = join(root, path.toString('utf8'));
    files.push({ absolute, relative: toRelative(cwd, absolute), repositoryPath: path, blob, mode });
  }
  return files;
}

/** Files changed between the merge base of `ref` and HEAD, and the working tree; plus untracked files. */
export async function listChangedSince(cwd: string, ref: string, pathspecs: readonly string[]): Promise<GitFile[]> {
  if (ref.startsWith('-') || ref.length === 0) throw new GitError(`invalid ref for --since: ${JSON.stringify(ref)}`);
  const root = await findRepositoryRoot(cwd);
  const verified = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (verified.code !== 0) throw new GitError(`unknown ref for --since: ${JSON.stringify(ref)}`);
  const commit = verified.stdout.toString('utf8').trim();
  const base = (await git(root, ['merge-base', commit, 'HEAD'])).toString('utf8').trim();
  const specs = toPathspecs(cwd, pathspecs);
  const changed = await git(root, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMRT', base, '--', ...specs]);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', ...specs]);
  const seen = new Set<string>();
  const files: GitFile[] = [];
  for (const path of [...splitNul(changed), ...splitNul(untracked)]) {
    const key = path.toString('hex');
    if (path.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const absolute = join(root, path.toString('utf8'));
    files.push({ absolute, relative: toRelative(cwd, absolute), repositoryPath: path });
  }
  return files;
}

/** Absolute pathspecs (git resolves them against the repository), literal so `*` in names stays a character. */
function toPathspecs(cwd: string, paths: readonly string[]): string[] {
  return paths.map((path) => `:(literal)${resolve(cwd, path)}`);
}

/** Reads blobs from the object database in one `git cat-file --batch`. */
export async function readBlobs(cwd: string, blobs: readonly string[]): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  if (blobs.length === 0) return result;
  const output = await git(cwd, ['cat-file', '--batch'], Buffer.from(blobs.map((blob) => `${blob}\n`).join('')));
  let position = 0;
  while (position < output.length) {
    const headerEnd = output.indexOf(10, position);
    if (headerEnd === -1) break;
    const header = output.subarray(position, headerEnd).toString('utf8').split(' ');
    position = headerEnd + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    result.set(header[0]!, output.subarray(position, position + size));
    position += size + 1; // content, then a newline
  }
  return result;
}


