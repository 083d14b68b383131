/**
 * Streaming git readers for the history scan: NUL-separated records from a long-running git command,
 * and blobs from one `git cat-file --batch` process, parsed as they arrive. Nothing here holds a
 * whole command's output: a blob is in memory only while it is being scanned, and a blob over the
 * size cap is skipped byte by byte without being kept.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { GitError } from './git.js';

/** A pager or a terminal prompt would hang; optional locks would contend with the user's git. */
const GIT_ENV = { GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };

function spawnGit(cwd: string, args: readonly string[]): { child: ChildProcessWithoutNullStreams; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], shell: false, env: { ...process.env, ...GIT_ENV } });
  const err: Buffer[] = [];
  let errBytes = 0;
  child.stderr.on('data', (chunk: Buffer) => {
    // Only the first lines are ever shown; keep stderr bounded too.
    if (errBytes < 64 * 1024) {
      err.push(chunk);
      errBytes += chunk.length;
    }
  });
  child.stdin.on('error', () => {}); // git may exit before reading all of stdin
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(`cannot run git: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
    child.on('close', (code) => resolve(code));
  });
  exited.catch(() => {}); // observed by the caller; never an unhandled rejection
  return { child, stderr: () => Buffer.concat(err).toString('utf8'), exited };
}

/** Any failure while streaming (git missing, a bad directory, a broken pipe) is a GitError: exit 2, not a crash. */
function asGitError(error: unknown, args: readonly string[]): GitError {
  if (error instanceof GitError) return error;
  return new GitError(`cannot run git ${args[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

function failure(args: readonly string[], stderr: string): GitError {
  const detail = stderr.trim().split('\n')[0] ?? '';
  return new GitError(`git ${args[0]} failed${detail ? `: ${detail}` : ''}`);
}

/** The NUL-separated fields of a git command's stdout, one at a time (`-z` output). */
export async function* streamNulFields(cwd: string, args: readonly string[]): AsyncGenerator<Buffer> {
  const { child, stderr, exited } = spawnGit(cwd, args);
  child.stdin.end();
  let pending: Buffer | undefined;
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let data = pending ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (let end = data.indexOf(0, start); end !== -1; end = data.indexOf(0, start)) {
        yield data.subarray(start, end);
        start = end + 1;
      }
      // Copy the tail: a subarray would keep the whole chunk alive.
      pending = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
      data = Buffer.alloc(0);
    }
    if (pending && pending.length > 0) yield pending;
    const code = await exited;
    finished = true;
    if (code !== 0) throw failure(args, stderr());
  } catch (error) {
    throw asGitError(error, args);
  } finally {
    if (!finished) child.kill();
  }
}

export type BatchBlob =
  | { id: string; size: number; content: Buffer }
  /** Over the size cap: not kept, only its size is known. */
  | { id: string; size: number; content: undefined; tooLarge: true }
  | { id: string; missing: true };

/**
 * Reads `ids` in order from one `git cat-file --batch`. Ids are written as git consumes them
 * (backpressure on stdin), and each blob is yielded as soon as its bytes have arrived; the consumer
 * pulls, so git waits while a blob is being scanned.
 */
export async function* readBlobStream(cwd: string, ids: Iterable<string>, maxSize: number): AsyncGenerator<BatchBlob> {
  const args = ['cat-file', '--batch'];
  const { child, stderr, exited } = spawnGit(cwd, args);
  let writerError: Error | undefined;
  const writer = (async () => {
    for (const id of ids) {
      if (!child.stdin.write(`${id}\n`)) await Promise.race([once(child.stdin, 'drain'), exited]);
      if (child.exitCode !== null || child.killed) return;
    }
    child.stdin.end();
  })().catch((error: unknown) => (writerError = error instanceof Error ? error : new Error(String(error))));

  let header: Buffer[] = [];
  let current: { id: string; size: number; body: Buffer | undefined; filled: number } | undefined;
  // Bytes still to drop after a body: its trailing newline (or a skipped blob's content and newline).
  let toSkip = 0;
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let position = 0;
      while (position < chunk.length) {
        if (toSkip > 0) {
          const take = Math.min(toSkip, chunk.length - position);
          toSkip -= take;
          position += take;
          continue;
        }
        if (current) {
          const take = Math.min(current.size - current.filled, chunk.length - position);
          chunk.copy(current.body!, current.filled, position, position + take);
          current.filled += take;
          position += take;
          if (current.filled === current.size) {
            const done = current;
            current = undefined;
            toSkip = 1;
            yield { id: done.id, size: done.size, content: done.body! };
          }
          continue;
        }
        const newline = chunk.indexOf(10, position);
        if (newline === -1) {
          header.push(chunk.subarray(position));
          break;
        }
        header.push(chunk.subarray(position, newline));
        position = newline + 1;
        const line = Buffer.concat(header).toString('utf8');
        header = [];
        const fields = line.split(' ');
        if (fields[1] === 'missing' || fields.length < 3) {
          yield { id: fields[0] ?? '', missing: true };
          continue;
        }
        const size = Number(fields[2]);
        if (size > maxSize) {
          toSkip = size + 1;
          yield { id: fields[0]!, size, content: undefined, tooLarge: true };
        } else if (size === 0) {
          toSkip = 1;
          yield { id: fields[0]!, size, content: Buffer.alloc(0) };
        } else {
          current = { id: fields[0]!, size, body: Buffer.allocUnsafe(size), filled: 0 };
        }
      }
    }
    await writer;
    if (writerError) throw writerError;
    const code = await exited;
    finished = true;
    if (code !== 0) throw failure(args, stderr());
    if (current) throw new GitError('git cat-file ended in the middle of a blob');
  } catch (error) {
    throw asGitError(error, args);
  } finally {
    if (!finished) child.kill();
  }
}
