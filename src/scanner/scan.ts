/**
 * The scan pipeline, stage by stage: config → discover (walk or git) → per file: read → classify →
 * lint | text detectors → inline ignores; then allowlist → baseline → sort. Every file that cannot be
 * read or parsed is listed in `errors` and never silently passes; the rest of the scan goes on.
 */
import { availableParallelism } from 'node:os';
import ignore from 'ignore';
import type { RuleSeverities } from './collector.js';
import { createDefaultConfig, loadConfig, toSeverityMap, type ScannerConfig } from './config.js';
import { discoverFiles, type DiscoveredFile } from './discover.js';
import { applyAllowlist, applyBaseline, loadBaseline } from './filter.js';
import { compareFindings, RULE_NAMES, type Finding } from './finding.js';
import { listChangedSince, listStagedFiles, readBlobs, findRepositoryRoot } from './git.js';
import type { LintEngine } from './lint.js';
import { createIndexContent } from './git-snapshot.js';
import { createTreeSnapshot } from '../analysis/content.js';
import { isLintCandidate, processFile, type FileOutcome, type WorkItem } from './process-file.js';
import { createByteMarkers, mayHoldTextFindings } from './read.js';
import { stdinRelativePath, type StdinFile } from './stdin.js';
import { TextWorkerPool } from './text-pool.js';
import { adviseFor } from '../core/messages.js';
import type { HistoryProvenance } from './history.js';
import { inShard, type Shard } from './shard.js';

export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024;
export const MAX_JOBS = 4;
const WORKER_BATCH_SIZE = 64;
/** How long the main thread may go without turning the event loop (SIGINT, progress, worker messages). */
const YIELD_EVERY_MS = 20;

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < values.length; index += size) chunks.push(values.slice(index, index + size));
  return chunks;
}
/** A `ScanOptions` value out of range (reported as a usage error, exit 2). */
export class ScanOptionsError extends Error {
  override name = 'ScanOptionsError';
}

/** V8 cannot hold a string much longer than 512 MiB characters; stay well below. */
export const MAX_FILE_SIZE_LIMIT = 256 * 1024 * 1024;

export interface ScanOptions {
  /** The project root: paths in the report are relative to it; the config is read from it. Default `process.cwd()`. */
  cwd?: string;
  /** Files, directories or globs; default `['.']`. In git modes, pathspecs that limit the files. */
  paths?: string[];
  /** Scan the staged content (the index), for pre-commit. */
  staged?: boolean;
  /** Scan only files changed since the merge base with this ref (plus untracked files); with `history`, the commits in `<since>..HEAD`. */
  since?: string;
  /** Scan every blob reachable from every ref (`history.ts`). */
  history?: boolean;
  /** Scan only this shard's paths (`shard.ts`). */
  shard?: Shard;
  /** Do not read `.gitignore` / `.pilotstatusignore` files. */
  noIgnore?: boolean;
  include?: string[];
  exclude?: string[];
  /** Bytes; larger files are skipped and counted. Default 256 MiB (files over 32 MiB are scanned in chunks, so memory stays near the largest file's size). */
  maxFileSize?: number;
  /** Worker threads for the text path (at most 4); default 0: everything on the main thread. */
  jobs?: number;
  /** Send every file to the text detectors, none to ESLint. */
  textOnly?: boolean;
  /** Lint TypeScript with type information when a tsconfig.json covers the file. Default true. */
  typeCheck?: boolean;
  /** A config file to use instead of looking for one in `cwd`. */
  configPath?: string;
  /** Ignore any config file. */
  noConfig?: boolean;
  /** A config object to use as is (programmatic use). */
  config?: ScannerConfig;
  /** A baseline report: findings with a fingerprint listed there are dropped. */
  baseline?: string;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; unit?: string }) => void;
  /** Awaited after each file scanned on the main thread (the SIGINT tests pause a scan with it). */
  afterFile?: (done: number, signal: AbortSignal | undefined) => Promise<void> | void;
  /** Fault injection for the pipeline's tests: each text worker exits after this many files. */
  workerExitAfter?: number;
  /** Scan this one file (content from standard input, under its given name) instead of discovering files. */
  stdin?: StdinFile;
  /** Record in `result.routes` which path each file took and why (`--verbose`). */
  explainRoutes?: boolean;
}

/** Where a file went (`--verbose`): ESLint, or the text detectors, and why. */
export interface FileRoute {
  file: string;
  engine: 'eslint' | 'text';
  reason: string;
}

/** Wall-clock milliseconds per phase of the scan (`--verbose`). */
export interface ScanTimings {
  config: number;
  discover: number;
  files: number;
  filter: number;
}

export interface ScanError {
  file: string;
  reason: string;
}

export interface SkippedFile extends ScanError {
  kind: 'binary' | 'tooLarge';
}

export interface ScanStats {
  /** Files looked at (scanned, or skipped as binary / too large). */
  files: number;
  linted: number;
  /** Linted files that needed type information (a TypeScript program was built for them). */
  typeChecked: number;
  textScanned: number;
  sourceMaps: number;
  skipped: { binary: number; tooLarge: number; symlinks: number; ignored: number };
  suppressed: { inline: number; allowlist: number; baseline: number };
  findings: number;
  errors: number;
  durationMs: number;
}

export interface ScanResult {
  findings: Finding[];
  errors: ScanError[];
  /** Files deliberately not scanned, with the reason (binary, over the size cap). */
  skipped: SkippedFile[];
  stats: ScanStats;
  /** The scan was stopped (SIGINT / abort) before every file was scanned. */
  interrupted: boolean;
  /** Where the config came from. */
  configSource: string | undefined;
  /** History scans: the repository and what was read. */
  history?: HistoryProvenance;
  timings: ScanTimings;
  /** Only with `explainRoutes`. */
  routes?: FileRoute[];
}


export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  // Out of range is a mistake to report, not a value to cap silently.
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 0 && options.jobs <= MAX_JOBS)) {
    throw new ScanOptionsError(`jobs: expected 0 to ${MAX_JOBS} worker threads, got ${options.jobs}`);
  }
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? (options.noConfig ? createDefaultConfig() : await loadConfig(cwd, options.configPath));
  const timings: ScanTimings = { config: Date.now() - started, discover: 0, files: 0, filter: 0 };
  const maxFileSize = Math.min(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_LIMIT);
  const severities: RuleSeverities = toSeverityMap(config.rules);
  const stats: ScanStats = {
    files: 0,
    linted: 0,
    typeChecked: 0,
    textScanned: 0,
    sourceMaps: 0,
    skipped: { binary: 0, tooLarge: 0, symlinks: 0, ignored: 0 },
    suppressed: { inline: 0, allowlist: 0, baseline: 0 },
    findings: 0,
    errors: 0,
    durationMs: 0,
  };
  const errors: ScanError[] = [];
  const skipped: SkippedFile[] = [];
  const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
  const exclude = [...config.exclude, ...(options.exclude ?? [])];
  const include = [...config.include, ...(options.include ?? [])];

  let phaseStart = Date.now();
  const items = options.history ? [] : (await listWork(options, cwd, { exclude, include }, stats, errors)).filter((item) => inShard(item.relative, options.shard));
  timings.discover = Date.now() - phaseStart;
  phaseStart = Date.now();
  const routes: FileRoute[] | undefined = options.explainRoutes ? [] : undefined;
  // ESLint, the plugin and TypeScript load only when a file needs linting (a text-only scan starts fast).
  let engine: Promise<LintEngine> | undefined;
  const getEngine = () =>
    (engine ??= import('./lint.js').then(({ LintEngine }) => new LintEngine({
      cwd,
      settings: config.rawSettings,
      ruleSeverities: Object.fromEntries(RULE_NAMES.map((name) => [`pilotstatus/${name}`, toEslintSeverity(config.rules.get(name))])),
      // History blobs are linted without types: the project service would read the working tree.
      typeCheck: options.typeCheck !== false && !options.history,
    })));

  const byteMarkers = createByteMarkers(config.settings.apiHosts);
  const textOnly = options.textOnly === true;
  // Text-path files may go to worker threads (`jobs`). Off by default: on the 2-core machines we
  // measure on, a tree's text path is bound by reading and walking, and workers made it no faster
  // while using more memory (bench/README.md); the option is there for machines with more cores.
  const isWorkerItem = (item: WorkItem) => !item.content && typeof item.readPath === 'string' && !isLintCandidate(item, textOnly);
  const jobs = options.jobs ?? 0;
  const pool = jobs > 0 && !options.history ? TextWorkerPool.create(jobs, { rawSettings: config.rawSettings, severities, maxFileSize, textOnly, exitAfter: options.workerExitAfter ?? 0 }) : undefined;
  const findings: Finding[] = [];
  let done = 0;
  let interrupted = false;
  const tally = (item: WorkItem, outcome: FileOutcome) => {
    stats.files++;
    if (outcome.error) errors.push({ file: item.relative, reason: outcome.error });
    if (outcome.skipped) {
      skipped.push({ file: item.relative, reason: outcome.skipped.reason, kind: outcome.skipped.kind });
      stats.skipped[outcome.skipped.kind]++;
    }
    if (outcome.engine === 'eslint') stats.linted++;
    if (outcome.typed) stats.typeChecked++;
    if (outcome.engine === 'text') stats.textScanned++;
    if (outcome.sourceMap) stats.sourceMaps++;
    if (routes && outcome.engine && outcome.route) routes.push({ file: item.relative, engine: outcome.engine, reason: outcome.route });
    stats.suppressed.inline += outcome.inlineIgnored;
  };
  const record = (item: WorkItem, outcome: FileOutcome) => {
    tally(item, outcome);
    // not push(...all): a file with a hundred thousand findings would overflow the call stack
    for (const finding of outcome.findings) findings.push(finding);
    done++;
    options.onProgress?.({ done, total: items.length });
  };
  // `--staged`: imports resolve against the index, the snapshot being committed; otherwise the tree
  // as this scan sees it (each directory listed once: resolution probes become lookups).
  const content = options.staged ? createIndexContent(await findRepositoryRoot(cwd)) : createTreeSnapshot();
  const processHere = (item: WorkItem) => processFile(item, { maxFileSize, byteMarkers, textOnly, settings: config.settings, severities, getEngine, content });

  // With workers, text-path files travel in batches (one message per batch, not per file).
  const mainItems = pool ? items.filter((item) => !isWorkerItem(item)) : items;
  const batches = pool ? chunk(items.filter(isWorkerItem), WORKER_BATCH_SIZE) : [];
  let nextBatch = 0;
  const batchRunners = Array.from({ length: Math.min((pool?.size ?? 0) * 2, batches.length) }, async () => {
    while (nextBatch < batches.length) {
      if (options.signal?.aborted) return void (interrupted = true);
      const batch = batches[nextBatch++]!;
      const outcomes = await pool!.runBatch(batch);
      for (const [index, item] of batch.entries()) record(item, outcomes?.[index] ?? (await processHere(item)));
    }
  });
  // Reads overlap (a few at a time); linting is synchronous and takes turns on this thread.
  const concurrency = Math.max(2, Math.min(8, availableParallelism() * 2));
  let next = 0;
  let lastYield = performance.now();
  const runners = Array.from({ length: Math.min(concurrency, mainItems.length) }, async () => {
    while (next < mainItems.length) {
      if (options.signal?.aborted) return void (interrupted = true);
      const item = mainItems[next++]!;
      record(item, await processHere(item));
      await options.afterFile?.(done, options.signal);
      // Let a pending SIGINT be delivered, even when every read is cached (reads are synchronous).
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
  });
  try {
    await Promise.all([...runners, ...batchRunners]);
  } finally {
    await pool?.close();
  }
  let history: HistoryProvenance | undefined;
  if (options.history) {
    const { scanHistory } = await import('./history.js');
    const outcome = await scanHistory({
      cwd,
      paths: options.paths ?? [],
      ...(options.since !== undefined ? { since: options.since } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      filters: { exclude, include },
      maxFileSize,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      mayHoldFindings: (bytes) => config.settings.keyPattern !== undefined || mayHoldTextFindings(bytes, byteMarkers),
      process: processHere,
      tally,
    });
    for (const finding of outcome.findings) findings.push(finding);
    interrupted ||= outcome.interrupted;
    history = outcome.provenance;
  }
  // The key never reached history: the rotation advice says so (history words its own in history.ts).
  if (options.staged) for (const finding of findings) finding.message = adviseFor(finding.message, finding.ruleId, { kind: 'staged' });
  // Aborted at any point before the end (during discovery too): the results are partial.
  if (options.signal?.aborted) interrupted = true;
  timings.files = Date.now() - phaseStart;
  phaseStart = Date.now();

  const allowed = applyAllowlist(findings, config.allowlist);
  stats.suppressed.allowlist = allowed.dropped;
  const kept = applyBaseline(allowed.kept, baseline);
  stats.suppressed.baseline = kept.dropped;
  const result = kept.kept.sort(compareFindings);
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  stats.findings = result.length;
  stats.errors = errors.length;
  stats.durationMs = Date.now() - started;
  timings.filter = Date.now() - phaseStart;
  routes?.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { findings: result, errors, skipped, stats, interrupted, configSource: config.source, timings, ...(routes ? { routes } : {}), ...(history ? { history } : {}) };
}

function toEslintSeverity(setting: 'off' | 'warn' | 'error' | undefined): 'off' | 'warn' | 'error' {
  return setting ?? 'error';
}

async function listWork(
  options: ScanOptions,
  cwd: string,
  filters: { exclude: string[]; include: string[] },
  stats: ScanStats,
  errors: ScanError[],
): Promise<WorkItem[]> {
  const paths = options.paths ?? [];
  if (options.stdin) {
    const { absolute, relative } = stdinRelativePath(cwd, options.stdin.path);
    return [{ absolute, relative, readPath: absolute, content: options.stdin.content, lintable: true, outsideSnapshot: true }];
  }
  if (options.staged || options.since !== undefined) {
    const files = options.staged ? await listStagedFiles(cwd, paths) : await listChangedSince(cwd, options.since!, paths);
    const exclude = filters.exclude.length ? ignore({ allowRelativePaths: true }).add(filters.exclude) : undefined;
    const include = filters.include.length ? ignore({ allowRelativePaths: true }).add(filters.include) : undefined;
    const kept = files.filter((file) => {
      if (file.mode === '120000' || file.mode === '160000') {
        stats.skipped.symlinks++; // a staged symbolic link or submodule holds no content of its own
        return false;
      }
      if (exclude && safeIgnores(exclude, file.relative)) return (stats.skipped.ignored++, false);
      if (include && !safeIgnores(include, file.relative)) return false;
      return true;
    });
    if (options.staged) {
      const root = await findRepositoryRoot(cwd);
      const blobs = await readBlobs(root, kept.map((file) => file.blob!));
      return kept.flatMap((file) => {
        const content = blobs.get(file.blob!);
        if (!content) {
          errors.push({ file: file.relative, reason: 'the staged blob could not be read from the index' });
          return [];
        }
        return [{ absolute: file.absolute, relative: file.relative, readPath: file.absolute, content, lintable: isUtf8Name(file.repositoryPath) }];
      });
    }
    return kept.map((file) => ({ absolute: file.absolute, relative: file.relative, readPath: readPathOf(file.absolute, file.repositoryPath), lintable: isUtf8Name(file.repositoryPath), sinceMode: true }));
  }
  const discovered = await discoverFiles({
    cwd,
    paths,
    noIgnore: options.noIgnore === true,
    include: filters.include,
    exclude: filters.exclude,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  stats.skipped.symlinks += discovered.skipped.symlinks;
  stats.skipped.ignored += discovered.skipped.ignored;
  errors.push(...discovered.errors);
  return discovered.files.map((file: DiscoveredFile) => ({
    absolute: file.absolute,
    relative: file.relative,
    readPath: file.readPath,
    lintable: typeof file.readPath === 'string',
  }));
}

function isUtf8Name(name: Buffer): boolean {
  return Buffer.from(name.toString('utf8'), 'utf8').equals(name);
}

function readPathOf(absolute: string, repositoryPath: Buffer): string | Buffer {
  if (isUtf8Name(repositoryPath)) return absolute;
  // Rebuild the absolute path from raw bytes: the repository root (UTF-8) plus git's raw path.
  const root = absolute.slice(0, absolute.length - repositoryPath.toString('utf8').length);
  return Buffer.concat([Buffer.from(root, 'utf8'), repositoryPath]);
}

function safeIgnores(matcher: ReturnType<typeof ignore>, path: string): boolean {
  try {
    return matcher.ignores(path);
  } catch {
    return false;
  }
}

