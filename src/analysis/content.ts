/**
 * The one way the analysis reads a file other than the one being linted: module resolution, the
 * module graph, the relevance pre-filter, client-code classification and key-scope all ask the
 * current content provider. The working tree is the default; the scanner swaps in the git index
 * (`--staged`) or a commit's tree (history), so imports resolve inside the snapshot being scanned.
 *
 * Calls are synchronous (rules run synchronously inside `Linter.verify`), never throw, and answer
 * `undefined` for a file that is absent from the snapshot or cannot be read.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';

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
      const stats = statSync(file);
      return stats.isFile() ? `${stats.size}:${stats.mtimeMs}` : undefined;
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
  size(file) {
    try {
      const stats = statSync(file);
      return stats.isFile() ? stats.size : undefined;
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
