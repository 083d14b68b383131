/**
 * The one way the analysis reads a file other than the one being linted: module resolution, the
 * module graph, the relevance pre-filter, client-code classification and key-scope all ask the
 * current content provider. The working tree is the default; the scanner swaps in the git index
 * (`--staged`) or a commit's tree (history), so imports resolve inside the snapshot being scanned.
 *
 * Calls are synchronous (rules run synchronously inside `Linter.verify`), never throw, and answer
 * `undefined` for a file that is absent from the snapshot or cannot be read.
 */
import { readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface ContentProvider {
  /** Names the snapshot in cache keys: two providers with one id give the same answers. */
  readonly id: string;
  /**
   * A version stamp for caches: equal stamps mean equal content (size and mtime on disk, the blob
   * id in git). Undefined when the file is absent (or not a regular file) in this snapshot.
   */
  stamp(file: string): string | undefined;
  /** The file's text (UTF-8), or undefined when absent or unreadable. */
  readText(file: string): string | undefined;
  /**
   * The file's bytes as Latin-1 text, for readers of ASCII words only (the pre-filter): the same words
   * as `readText` finds, without the cost of UTF-8 decoding. Providers without it are read with `readText`.
   */
  readWords?(file: string): string | undefined;
  /** The file's size in bytes, or undefined when absent. */
  size(file: string): number | undefined;
  /** The names in a directory, or undefined when it is absent. */
  listDirectory(directory: string): string[] | undefined;
}

/** The working tree. */
export const fileSystemContent: ContentProvider = {
  id: 'fs',
  stamp(file) {
    try {
      // most probes are for files that do not exist (module resolution tries each extension): no exception for those
      const stats = statSync(file, { throwIfNoEntry: false });
      return stats?.isFile() ? `${stats.size}:${stats.mtimeMs}` : undefined;
    } catch {
      return undefined;
    }
  },
  readText(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  readWords(file) {
    try {
      return readFileSync(file, 'latin1');
    } catch {
      return undefined;
    }
  },
  size(file) {
    try {
      const stats = statSync(file, { throwIfNoEntry: false });
      return stats?.isFile() ? stats.size : undefined;
    } catch {
      return undefined;
    }
  },
  listDirectory(directory) {
    try {
      return readdirSync(directory);
    } catch {
      return undefined;
    }
  },
};

let current: ContentProvider = fileSystemContent;

/** The provider every analysis read goes through now. */
export function getContentProvider(): ContentProvider {
  return current;
}

/**
 * Runs `body` with `provider` as the source of every analysis read (rules run synchronously, so a
 * scoped swap is enough), then restores the previous provider.
 */
export function withContentProvider<T>(provider: ContentProvider, body: () => T): T {
  const previous = current;
  current = provider;
  try {
    return body();
  } finally {
    current = previous;
  }
}

/** True when `file` is a regular file in the current snapshot. */
export function isFileInSnapshot(file: string): boolean {
  return current.stamp(file) !== undefined;
}

let snapshotCount = 0;

/**
 * The working tree as one scan sees it: each directory is listed once and each file stamped once, so
 * module resolution's probes (`./x` → `x.ts`, `x.tsx`, … `x/index.mjs`) are set lookups, not a stat
 * each. For a run that reads the tree once (the scanner); an editor keeps the live `fileSystemContent`.
 * Files are read fresh: only names and stamps are remembered.
 */
export function createTreeSnapshot(): ContentProvider {
  const listings = new Map<string, Map<string, Dirent> | undefined>();
  const stamps = new Map<string, string | undefined>();
  const list = (directory: string) => {
    if (!listings.has(directory)) {
      let entries: Map<string, Dirent> | undefined;
      try {
        entries = new Map(readdirSync(directory, { withFileTypes: true }).map((entry) => [entry.name, entry]));
      } catch {
        entries = undefined;
      }
      listings.set(directory, entries);
    }
    return listings.get(directory);
  };
  const stamp = (file: string) => {
    if (stamps.has(file)) return stamps.get(file);
    const entry = list(dirname(file))?.get(basename(file));
    // a symbolic link is followed by stat; anything else that is not a regular file has no content
    const value = entry && (entry.isFile() || entry.isSymbolicLink()) ? fileSystemContent.stamp(file) : undefined;
    stamps.set(file, value);
    return value;
  };
  return {
    id: `fs-snapshot:${++snapshotCount}`,
    stamp,
    readText: (file) => (stamp(file) === undefined ? undefined : fileSystemContent.readText(file)),
    readWords: (file) => (stamp(file) === undefined ? undefined : fileSystemContent.readWords!(file)),
    size: (file) => (stamp(file) === undefined ? undefined : fileSystemContent.size(file)),
    listDirectory: (directory) => {
      const entries = list(directory);
      return entries ? [...entries.keys()] : undefined;
    },
  };
}
