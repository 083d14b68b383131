/**
 * `--history`: every blob reachable from every ref (or, with `--since <ref>`, what the commits in
 * `<ref>..HEAD` introduced), each distinct blob read once from one streaming `git cat-file --batch`.
 *
 * One `git log --raw` pass, oldest first, maps each (path, blob) to the first commit whose diff
 * introduced it; merges are diffed against their first parent, so content that appears only in a
 * merge (a conflict resolution) is attributed to the merge, and content from a merged branch to the
 * branch commit that wrote it. A key deleted later is still found: its blob is still reachable.
 *
 * A blob found at several paths (a copy, a rename) is read once and scanned once per path, since the
 * path decides both the detectors (`.env` or `.js`) and the fingerprint. Findings with the same
 * fingerprint (rule, path, key) across versions of a file are one finding, named by its earliest
 * commit, so a key that stays in a file through 50 edits is reported once.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ignore from 'ignore';
import { adviseFor } from '../core/messages.js';
import { redactText } from '../core/key.js';
import { toRelative } from './discover.js';
import type { CommitInfo, Finding } from './finding.js';
import { findRepositoryRoot, GitError, runGit } from './git.js';
import { readBlobStream, streamNulFields } from './git-stream.js';
import type { FileOutcome, WorkItem } from './process-file.js';
import { inShard, type Shard } from './shard.js';
import { BlobTextCache, GitTreeContent } from './tree-content.js';

export interface HistoryProvenance {
  /** The repository (the `origin` remote without credentials, or the local directory). */
  repositoryUri: string;
  /** The commit HEAD pointed to when the scan started. */
  head?: string;
  branch?: string;
  /** Commits whose diffs were read. */
  commits: number;
  /** Distinct blobs read. */
  blobs: number;
}

export interface HistoryContext {
  cwd: string;
  paths: readonly string[];
  since?: string;
  shard?: Shard;
  filters: { exclude: string[]; include: string[] };
  maxFileSize: number;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; unit?: string }) => void;
  /**
   * False when a blob's own bytes hold no key prefix, PilotStatus name or host: such source is not
   * linted (the text detectors still read it). Linting every version of every file would cost minutes
   * on a long history; the price is that a version whose only PilotStatus evidence is in a module it
   * imports is not linted (a gap the closing notes name).
   */
  mayHoldFindings: (bytes: Buffer) => boolean;
  /** Scans one (path, blob) work item (the scan's `processFile`). */
  process: (item: WorkItem) => Promise<FileOutcome>;
  /** Counts an outcome in the scan's stats, errors and skipped lists (its findings are handled here). */
  tally: (item: WorkItem, outcome: FileOutcome) => void;
}

export interface HistoryOutcome {
  findings: Finding[];
  interrupted: boolean;
  provenance: HistoryProvenance;
}

/** The commits in log order and, per blob, the paths it was introduced at and the commit's ordinal. */
export interface Introductions {
  commits: CommitInfo[];
  /** Insertion order is the order of first introduction (oldest first). Paths are raw bytes as latin1. */
  blobs: Map<string, Array<[path: string, commit: number]>>;
}

const REGULAR_FILE = new Set(['100644', '100755']);
/** How long the loop may go without turning the event loop (SIGINT, progress). */
const YIELD_EVERY_MS = 20;
/** Tree providers kept: blobs arrive grouped by commit, so a few are enough. */
const TREE_CACHE = 8;

/** Reads the raw diffs of `range` (oldest first) into the first introduction of each (path, blob). */
export async function listIntroductions(root: string, range: readonly string[], pathspecs: readonly string[], accept: (path: Buffer) => boolean): Promise<Introductions> {
  const commits: CommitInfo[] = [];
  const blobs = new Map<string, Array<[string, number]>>();
  const args = [
    'log', ...range,
    // Parents before children (reversed date order), and root commits as a creation of every file.
    '--reverse', '--date-order', '--root', '--full-history',
    '--raw', '--no-renames', '--no-abbrev', '-z', '--diff-merges=first-parent',
    '--no-show-signature', '--no-color', '--format=%x01%H%x09%aI%x09%an',
    '--', ...pathspecs,
  ];
  let meta: string | undefined;
  for await (let field of streamNulFields(root, args)) {
    if (meta !== undefined) {
      const fields = meta.split(' ');
      meta = undefined;
      const [, mode, , blob, status] = fields;
      if (status === 'D' || !blob || !mode || !REGULAR_FILE.has(mode) || commits.length === 0 || !accept(field)) continue;
      const path = field.toString('latin1');
      const paths = blobs.get(blob);
      if (!paths) blobs.set(blob, [[path, commits.length - 1]]);
      else if (!paths.some(([known]) => known === path)) paths.push([path, commits.length - 1]);
      continue;
    }
    if (field[0] === 10) field = field.subarray(1); // the newline between a commit's header and its diff
    if (field[0] === 1) {
      const [id = '', date = '', author = ''] = field.subarray(1).toString('utf8').split('\t');
      commits.push({ id, date, author: redactText(author) });
    } else if (field[0] === 58 /* : */) {
      meta = field.toString('latin1');
    }
  }
  return { commits, blobs };
}

export async function scanHistory(context: HistoryContext): Promise<HistoryOutcome> {
  const root = await findRepositoryRoot(context.cwd);
  const range = context.since === undefined ? ['--all'] : [`${await resolveCommit(root, context.since)}..HEAD`];
  const exclude = context.filters.exclude.length ? ignore({ allowRelativePaths: true }).add(context.filters.exclude) : undefined;
  const include = context.filters.include.length ? ignore({ allowRelativePaths: true }).add(context.filters.include) : undefined;
  const accepted = new Map<string, boolean>();
  const accept = (path: Buffer): boolean => {
    const key = path.toString('latin1');
    let verdict = accepted.get(key);
    if (verdict === undefined) {
      const relative = toRelative(context.cwd, join(root, path.toString('utf8')));
      verdict = inShard(relative, context.shard) && !(exclude && safeIgnores(exclude, relative)) && !(include && !safeIgnores(include, relative));
      accepted.set(key, verdict);
    }
    return verdict;
  };
  const pathspecs = context.paths.map((path) => `:(literal)${join(context.cwd, path)}`);
  const { commits, blobs } = await listIntroductions(root, range, pathspecs, accept);
  accepted.clear();

  const texts = new BlobTextCache(root);
  const trees = new Map<number, GitTreeContent>();
  const treeOf = (ordinal: number): GitTreeContent => {
    let tree = trees.get(ordinal);
    if (!tree) {
      tree = new GitTreeContent(root, commits[ordinal]!.id, texts);
      trees.set(ordinal, tree);
      if (trees.size > TREE_CACHE) trees.delete(trees.keys().next().value!);
    }
    return tree;
  };

  // One finding per fingerprint: the one from the earliest commit.
  const best = new Map<string, { finding: Finding; ordinal: number }>();
  const total = blobs.size;
  let done = 0;
  let interrupted = false;
  let lastYield = performance.now();
  for await (const blob of readBlobStream(root, blobs.keys(), context.maxFileSize)) {
    if (context.signal?.aborted) {
      interrupted = true;
      break;
    }
    for (const [rawPath, ordinal] of blobs.get(blob.id) ?? []) {
      const commit = commits[ordinal]!;
      const item = toWorkItem(context.cwd, root, rawPath, treeOf(ordinal));
      const where = `in commit ${commit.id.slice(0, 12)}`;
      if ('missing' in blob) {
        context.tally(item, { findings: [], error: `blob ${blob.id} is missing from the object database (${where})`, inlineIgnored: 0 });
        continue;
      }
      const outcome = blob.content
        ? await context.process({ ...item, content: blob.content, lintable: item.lintable && context.mayHoldFindings(blob.content) })
        : tooLarge(blob.size, context.maxFileSize);
      context.tally(item, {
        ...outcome,
        findings: [],
        ...(outcome.error ? { error: `${outcome.error} (${where})` } : {}),
        ...(outcome.skipped ? { skipped: { ...outcome.skipped, reason: `${outcome.skipped.reason} (${where})` } } : {}),
      });
      for (const finding of outcome.findings) {
        const known = best.get(finding.fingerprint);
        if (known && known.ordinal <= ordinal) continue;
        finding.commit = commit;
        finding.message = adviseFor(finding.message, finding.ruleId, { kind: 'history', commit });
        best.set(finding.fingerprint, { finding, ordinal });
      }
    }
    done++;
    context.onProgress?.({ done, total, unit: 'blobs' });
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  if (context.signal?.aborted) interrupted = true;
  return {
    findings: [...best.values()].map(({ finding }) => finding),
    interrupted,
    provenance: { ...(await describeRepository(root)), commits: commits.length, blobs: done },
  };
}

function toWorkItem(cwd: string, root: string, rawPath: string, provider: GitTreeContent): WorkItem {
  const bytes = Buffer.from(rawPath, 'latin1');
  const absolute = join(root, bytes.toString('utf8'));
  const lintable = Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
  return { absolute, relative: toRelative(cwd, absolute), readPath: absolute, lintable, provider };
}

function tooLarge(size: number, limit: number): FileOutcome {
  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;
  return { findings: [], skipped: { kind: 'tooLarge', reason: `larger than --max-file-size (${mb(size)} > ${mb(limit)})` }, inlineIgnored: 0 };
}

async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-') || ref.length === 0) throw new GitError(`invalid ref for --since: ${JSON.stringify(ref)}`);
  const verified = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (verified.code !== 0) throw new GitError(`unknown ref for --since: ${JSON.stringify(ref)}`);
  return verified.stdout.trim();
}

/** For SARIF's versionControlProvenance: read from the local config only (the scanner never touches the network). */
async function describeRepository(root: string): Promise<Omit<HistoryProvenance, 'commits' | 'blobs'>> {
  const [head, branch, remote] = await Promise.all([
    git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']),
    git(root, ['symbolic-ref', '--short', '-q', 'HEAD']),
    git(root, ['config', '--get', 'remote.origin.url']),
  ]);
  return {
    repositoryUri: toRepositoryUri(remote.code === 0 ? remote.stdout.trim() : '', root),
    ...(head.code === 0 && head.stdout.trim() ? { head: head.stdout.trim() } : {}),
    ...(branch.code === 0 && branch.stdout.trim() ? { branch: branch.stdout.trim() } : {}),
  };
}

/** An absolute URI for the remote with any credentials removed (`https://token@host/…` → `https://host/…`). */
export function toRepositoryUri(remote: string, root: string): string {
  const scp = /^[^/@:]+@([^/:]+):(.+)$/.exec(remote); // git@host:owner/name.git
  const candidate = scp ? `ssh://${scp[1]}/${scp[2]}` : remote;
  try {
    const url = new URL(candidate);
    if (!/^(https?|ssh|git|file):$/.test(url.protocol)) throw new Error('unsupported');
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return redactText(url.href);
  } catch {
    return pathToFileURL(root.endsWith('/') ? root : `${root}/`).href;
  }
}

function safeIgnores(matcher: ReturnType<typeof ignore>, path: string): boolean {
  try {
    return matcher.ignores(path);
  } catch {
    return false;
  }
}

async function git(root: string, args: readonly string[]): Promise<{ code: number | null; stdout: string }> {
  const result = await runGit(root, args);
  return { code: result.code, stdout: result.stdout.toString('utf8') };
}
