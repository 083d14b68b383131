/**
 * `pilotstatus-scan - --stdin-filename <path>`: one file read from standard input (an editor buffer, a
 * piped blob). The name decides everything a real file's name would: the rules' client/server
 * classification, lint or text path, config includes/excludes do not apply (it was asked for).
 */
import { relative, resolve, sep } from 'node:path';

export interface StdinFile {
  /** The name the content is scanned under, relative to the working directory. */
  path: string;
  content: Buffer;
}

export type StdinRequest = { kind: 'none' } | { kind: 'error'; message: string } | { kind: 'stdin'; path: string };

/** Checks the arguments: `-` needs `--stdin-filename`, is the only path, and is not a git mode. */
export function readStdinRequest(positionals: readonly string[], stdinFilename: string | undefined, gitMode: boolean): StdinRequest {
  const wantsStdin = positionals.includes('-');
  if (!wantsStdin) {
    return stdinFilename === undefined ? { kind: 'none' } : { kind: 'error', message: '--stdin-filename needs "-" as the path (read standard input)' };
  }
  if (positionals.length > 1) return { kind: 'error', message: '"-" (standard input) cannot be combined with other paths' };
  if (stdinFilename === undefined || stdinFilename === '') return { kind: 'error', message: '"-" reads standard input: name it with --stdin-filename <path> (its rules and file type follow that name)' };
  if (gitMode) return { kind: 'error', message: '"-" (standard input) cannot be combined with --staged or --since' };
  return { kind: 'stdin', path: stdinFilename };
}

/** The path as the report shows it (relative to `cwd`, forward slashes). */
export function stdinRelativePath(cwd: string, path: string): { absolute: string; relative: string } {
  const absolute = resolve(cwd, path);
  return { absolute, relative: relative(cwd, absolute).split(sep).join('/') };
}
