/**
 * `pilotstatus-scan`: argument parsing, exit codes and output routing. `run()` returns what to print
 * instead of printing it, so tests call it directly; `bin.ts` only wires it to the process.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { redactText } from '../core/key.js';
import { PACKAGE_JSON } from '../package-info.js';
import { ConfigError } from './config.js';
import { PathNotFoundError } from './discover.js';
import { BaselineError } from './filter.js';
import { formatJson } from './format/json.js';
import { FORMATS, formatResult, isFormatName } from './format/index.js';
import { formatStylish } from './format/stylish.js';
import { neutralize } from './format/terminal.js';
import { GitError } from './git.js';
import { explainParseError } from './cli-errors.js';
import { DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_LIMIT, MAX_JOBS, scan, ScanOptionsError, type ScanOptions, type ScanResult } from './scan.js';
import { parseShard } from './shard.js';
import { readStdinRequest, type StdinFile } from './stdin.js';
import { formatVerbose } from './verbose.js';

export const EXIT = {
  /** Every file scanned, no findings of error severity. */
  clean: 0,
  /** Findings of error severity. */
  findings: 1,
  /** Usage error or fatal error (bad option, bad config, not a git repository, crash). */
  fatal: 2,
  /** At least one file could not be (fully) scanned; see `errors`. Wins over 1: the scan is incomplete. */
  incomplete: 3,
  /** Interrupted (SIGINT): partial findings were printed to stderr. */
  interrupted: 130,
} as const;

export interface CliIo {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** Live stderr, for the progress line (only used when `stderrIsTTY`). */
  writeStderr?: (text: string) => void;
  /** Aborted on SIGINT. */
  signal?: AbortSignal;
  /** Standard input, read whole (for the path `-`). */
  readStdin?: () => Promise<Buffer>;
  /** Options passed through to `scan()` as they are (tests inject a pause or a failing worker here). */
  scanOptions?: Partial<ScanOptions>;
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const HELP = `Usage: pilotstatus-scan [options] [path ...]

Scans files for PilotStatus API credential problems: hardcoded or client-side keys
(ps_…), Bearer auth, keys in URLs or logs, missing key headers, key scope mismatches.
JS/TS source is linted with the eslint-plugin-pilotstatus rules; bundles, source maps,
.env, JSON, YAML, shell, Markdown and other text go through the text detectors.
Paths default to "."; a path named here is scanned even when .gitignore ignores it.

Options:
  -f, --format <name>      stylish (default), json, sarif, github, gitlab
  -o, --output <file>      write the report to <file> instead of stdout
  -                        as the only path: scan standard input, named by --stdin-filename
      --stdin-filename <path>
                           the name standard input is scanned under (rules and file type follow it)
      --staged             scan the staged content (the git index), for pre-commit
      --since <ref>        scan only files changed since the merge base with <ref>
                           (plus untracked files), for pull-request CI
      --history            scan every blob reachable from every ref (each distinct blob
                           once), naming the commit that introduced each finding; with
                           --since <ref>, only what the commits in <ref>..HEAD introduced
      --shard <k>/<n>      scan only shard k of n (a stable hash of each path), for CI
                           matrices: the n shards together scan everything exactly once
      --include <glob>     only scan walked files matching <glob> (repeatable)
      --exclude <glob>     do not scan files matching <glob> (repeatable)
      --no-ignore          do not read .gitignore / .pilotstatusignore files
      --max-file-size <n>  skip files larger than <n> (bytes, or 500k, 50mb; default 256mb)
  -j, --jobs <n>           worker threads for the text path, 0 to 4 (default 0: the main
                           thread; on 2 cores workers measured no faster)
      --text-only          send every file to the text detectors, none to ESLint
      --no-type-check      lint TypeScript without type information (faster)
  -c, --config <file>      use this config instead of pilotstatus.config.{json,js,mjs}
                           or the "pilotstatus" key of package.json
      --no-config          use no config file
      --baseline <file>    leave out findings listed in <file> (a JSON report)
      --write-baseline <file>
                           write the current findings to <file> as a baseline, exit 0
      --color, --no-color  force colour on or off (default: on when stdout is a TTY)
  -q, --quiet              print nothing on stdout when there are no findings and no errors
      --verbose            on stderr: time per phase, and which files were linted or read as text, and why
  -h, --help               show this help
  -v, --version            show the version

Inline suppression: a line containing "pilotstatus-scan-ignore" (optionally followed by
rule ids) silences findings on that line and the next one; eslint-disable comments work
in JS/TS source.

Exit codes:
  0    no findings, every file scanned
  1    findings of error severity
  2    usage error or fatal error (bad option or config, not a git repository, crash)
  3    some file could not be scanned or parsed (listed under "errors"); wins over 1,
       because the scan is incomplete: a file that could not be read is never a pass.
       A JS/TS file that does not parse is still scanned as text (keys are found), but
       the semantic rules did not run on it: that is 3 too
  130  interrupted (SIGINT); what was found so far is printed to stderr

Keys are never printed: every message, code frame and report shows them redacted.
`;

class UsageError extends Error {}

export async function run(argv: readonly string[], io: CliIo = {}): Promise<CliResult> {
  const cwd = io.cwd ?? process.cwd();
  let parsed;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    return usage(explainParseError(error as Error & { code?: string }, OPTION_NAMES));
  }
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: EXIT.clean, stdout: HELP, stderr: '' };
  if (values.version) return { exitCode: EXIT.clean, stdout: `${PACKAGE_JSON.version}\n`, stderr: '' };

  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) return usage(`unknown --format "${format}" (one of ${FORMATS.join(', ')})`);
  if (values.staged && values.since !== undefined) return usage('--staged and --since cannot be combined');
  if (values.staged && values.history) return usage('--staged and --history cannot be combined');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) return usage(`--shard: expected k/n with 1 <= k <= n, got "${values.shard}"`);
  if (values.quiet && values.verbose) return usage('--quiet and --verbose cannot be combined');
  const stdinRequest = readStdinRequest(positionals, values['stdin-filename'], values.staged === true || values.since !== undefined || values.history === true);
  if (stdinRequest.kind === 'error') return usage(stdinRequest.message);
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (values['max-file-size'] !== undefined) {
    const size = parseSize(values['max-file-size']);
    if (size === undefined) return usage(`--max-file-size: cannot read "${values['max-file-size']}" (use bytes, or 500k, 50mb)`);
    if (size > MAX_FILE_SIZE_LIMIT) return usage(`--max-file-size: at most ${MAX_FILE_SIZE_LIMIT / 1024 / 1024}mb`);
    maxFileSize = size;
  }
  if (values.config !== undefined && values['no-config']) return usage('--config and --no-config cannot be combined');
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = /^\d{1,3}$/.test(values.jobs) ? Number(values.jobs) : Number.NaN;
    if (!Number.isInteger(jobs) || jobs > MAX_JOBS) return usage(`--jobs: expected a number of worker threads from 0 to ${MAX_JOBS}, got "${values.jobs}"`);
  }

  const env = io.env ?? process.env;
  const color = values.color ? true : values['no-color'] ? false : io.stdoutIsTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  const progress = createProgress(io);
  let stdin: StdinFile | undefined;
  if (stdinRequest.kind === 'stdin') {
    if (!io.readStdin) return usage('"-": standard input is not available here');
    stdin = { path: stdinRequest.path, content: await io.readStdin() };
  }
  const options: ScanOptions = {
    cwd,
    paths: positionals,
    staged: values.staged === true,
    noIgnore: values['no-ignore'] === true,
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    maxFileSize,
    ...(jobs !== undefined ? { jobs } : {}),
    textOnly: values['text-only'] === true,
    typeCheck: values['no-type-check'] !== true,
    noConfig: values['no-config'] === true,
    ...(values.since !== undefined ? { since: values.since } : {}),
    ...(values.history ? { history: true } : {}),
    ...(shard ? { shard } : {}),
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(values.baseline !== undefined ? { baseline: resolve(cwd, values.baseline) } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
    ...(stdin ? { stdin } : {}),
    ...(values.verbose ? { explainRoutes: true } : {}),
    ...io.scanOptions,
  };

  let result: ScanResult;
  try {
    result = await scan(options);
  } catch (error) {
    progress?.stop();
    if (error instanceof ConfigError || error instanceof GitError || error instanceof BaselineError || error instanceof PathNotFoundError || error instanceof ScanOptionsError) {
      return { exitCode: EXIT.fatal, stdout: '', stderr: `pilotstatus-scan: ${neutralize(redactText(error.message))}\n` };
    }
    return { exitCode: EXIT.fatal, stdout: '', stderr: `pilotstatus-scan: internal error: ${describeCrash(error)}\n` };
  }
  progress?.stop();

  if (result.interrupted) {
    // Partial results go to stderr only: a partial report on stdout could pass for a complete one.
    return { exitCode: EXIT.interrupted, stdout: '', stderr: formatStylish(result, { color: false, codeFrames: false }) };
  }

  let stderr = values.verbose ? formatVerbose(result) : '';
  if (values['write-baseline'] !== undefined) {
    const path = resolve(cwd, values['write-baseline']);
    try {
      await writeFile(path, formatJson(result));
    } catch (error) {
      return { exitCode: EXIT.fatal, stdout: '', stderr: `pilotstatus-scan: cannot write the baseline: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n` };
    }
    stderr += `pilotstatus-scan: wrote ${result.findings.length} finding(s) to the baseline ${neutralize(values['write-baseline'])}\n`;
    return { exitCode: result.errors.length > 0 ? EXIT.incomplete : EXIT.clean, stdout: '', stderr: stderr + errorSummary(result) };
  }

  const report = await formatResult(format, result, { cwd, color, env });
  // --quiet: a clean scan prints nothing on stdout (the exit code says it all).
  let stdout = values.quiet && result.findings.length === 0 && result.errors.length === 0 ? '' : report;
  if (values.output !== undefined) {
    try {
      await writeFile(resolve(cwd, values.output), report);
    } catch (error) {
      return { exitCode: EXIT.fatal, stdout: '', stderr: `pilotstatus-scan: cannot write ${neutralize(values.output)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n` };
    }
    stdout = '';
    stderr += `pilotstatus-scan: ${result.findings.length} finding(s); report written to ${neutralize(values.output)}\n`;
  }
  // Machine formats keep stdout clean; the errors are inside them, and repeated here for people.
  if (format !== 'stylish') stderr += errorSummary(result);
  return { exitCode: exitCodeOf(result), stdout, stderr };
}

export function exitCodeOf(result: ScanResult): number {
  if (result.interrupted) return EXIT.interrupted;
  if (result.errors.length > 0) return EXIT.incomplete;
  if (result.findings.some((finding) => finding.severity === 'error')) return EXIT.findings;
  return EXIT.clean;
}

function errorSummary(result: ScanResult): string {
  if (result.errors.length === 0) return '';
  return `pilotstatus-scan: ${result.errors.length} file(s) could not be fully scanned:\n${result.errors
    .map((error) => `  ${neutralize(error.file)}: ${neutralize(error.reason)}\n`)
    .join('')}`;
}

function parseCli(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      staged: { type: 'boolean' },
      since: { type: 'string' },
      history: { type: 'boolean' },
      shard: { type: 'string' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'no-ignore': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      'text-only': { type: 'boolean' },
      'no-type-check': { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

/** Every option the help documents: what an unknown option is matched against. */
const OPTION_NAMES = [...new Set([...HELP.matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1]!))];

function usage(message: string): CliResult {
  return { exitCode: EXIT.fatal, stdout: '', stderr: `pilotstatus-scan: ${neutralize(redactText(message))}\nRun pilotstatus-scan --help for the options.\n` };
}

/** `1048576`, `500k`, `50mb`, `1.5MB`, `2g`. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(match[1]) * factor);
}

/** A crash message without file content: the error's name and redacted message, one line. */
export function describeCrash(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return neutralize(redactText(text.split('\n')[0]!.slice(0, 500)));
}

/** A progress line on a TTY's stderr, once the scan has taken more than a second. */
function createProgress(io: CliIo): { update: (progress: { done: number; total: number; unit?: string }) => void; stop: () => void } | undefined {
  const write = io.writeStderr;
  if (!io.stderrIsTTY || !write) return undefined;
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update({ done, total, unit = 'files' }) {
      const now = Date.now();
      if (now - started < 1000 || now - last < 200) return;
      last = now;
      shown = true;
      write(`\r\u001b[2Kpilotstatus-scan: ${done}/${total} ${unit}`);
    },
    stop() {
      if (shown) write('\r\u001b[2K');
    },
  };
}

export { UsageError };
