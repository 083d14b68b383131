/**
 * A content provider over one commit's tree, for linting a history blob: imports resolve to the
 * files of that commit, not of the working tree. Rules run synchronously inside `Linter.verify`, so
 * reads are synchronous: the tree is listed once (`git ls-tree`) on the first question, and a file's
 * text is read with `git cat-file blob` the first time it is asked for. Most history blobs never ask
 * (their relevance pre-filter stops them), so nothing is listed up front.
 */
import { execFileSync } from 'node:child_process';
import { sep } from 'node:path';
import type { ContentProvider } from '../analysis/content.js';

const GIT_ENV = { GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
/** Analysis reads are small source files; a bigger one is not worth holding (answered as unreadable). */
const MAX_READ_BYTES = 8 * 1024 * 1024;
const TEXT_CACHE_BYTES = 32 * 1024 * 1024;

interface TreeEntry {
  blob: string;
  size: number;
}

interface TreeListing {
  files: Map<string, TreeEntry>;
  directories: Map<string, Set<string>>;
}

/** Blob texts shared by every tree provider of one scan (a blob id names its content). */
export class BlobTextCache {
  readonly #texts = new Map<string, string | undefined>();
  #bytes = 0;

  constructor(readonly root: string) {}

  read(blob: string, size: number): string | undefined {
    if (this.#texts.has(blob)) {
      const text = this.#texts.get(blob);
      // Refresh its place: the Map's insertion order is the eviction order.
      this.#texts.delete(blob);
      this.#texts.set(blob, text);
      return text;
    }
    let text: string | undefined;
    if (size <= MAX_READ_BYTES) {
      try {
        text = execFileSync('git', ['cat-file', 'blob', blob], { cwd: this.root, env: { ...process.env, ...GIT_ENV }, maxBuffer: MAX_READ_BYTES + 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
      } catch {
        text = undefined;
      }
    }
    this.#texts.set(blob, text);
    this.#bytes += text?.length ?? 0;
    for (const [oldest, value] of this.#texts) {
      if (this.#bytes <= TEXT_CACHE_BYTES) break;
      this.#texts.delete(oldest);
      this.#bytes -= value?.length ?? 0;
    }
    return text;
  }
}

export class GitTreeContent implements ContentProvider {
  readonly id: string;
  #listing: TreeListing | undefined;

  /** `root`: the repository's top level (absolute, native separators); `commit`: a full commit id. */
  constructor(
    readonly root: string,
    readonly commit: string,
    readonly texts: BlobTextCache,
  ) {
    this.id = `git-tree:${commit}`;
  }

  stamp(file: string): string | undefined {
    return this.#entry(file)?.blob;
  }

  readText(file: string): string | undefined {
    const entry = this.#entry(file);
    return entry ? this.texts.read(entry.blob, entry.size) : undefined;
  }

  size(file: string): number | undefined {
    return this.#entry(file)?.size;
  }

  listDirectory(directory: string): string[] | undefined {
    const path = this.#toTreePath(directory);
    if (path === undefined) return undefined;
    const names = this.#list().directories.get(path);
    return names ? [...names] : undefined;
  }

  #entry(file: string): TreeEntry | undefined {
    const path = this.#toTreePath(file);
    return path === undefined ? undefined : this.#list().files.get(path);
  }

  /** The path inside the tree (`/`-separated, '' for the root), or undefined outside the repository. */
  #toTreePath(file: string): string | undefined {
    if (file === this.root) return '';
    const prefix = this.root.endsWith(sep) ? this.root : this.root + sep;
    if (!file.startsWith(prefix)) return undefined;
    return file.slice(prefix.length).split(sep).join('/');
  }

  #list(): TreeListing {
    if (this.#listing) return this.#listing;
    const files = new Map<string, TreeEntry>();
    const directories = new Map<string, Set<string>>([['', new Set()]]);
    let output: Buffer;
    try {
      output = execFileSync('git', ['ls-tree', '-r', '-l', '-z', '--full-tree', this.commit], { cwd: this.root, env: { ...process.env, ...GIT_ENV }, maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      output = Buffer.alloc(0);
    }
    let start = 0;
    for (let end = output.indexOf(0, start); end !== -1; end = output.indexOf(0, start)) {
      // `<mode> blob <id> <size>\t<path>`; symbolic links and submodules hold no file content.
      const record = output.subarray(start, end).toString('utf8');
      start = end + 1;
      const tab = record.indexOf('\t');
      const [mode, type, blob, size] = record.slice(0, tab).split(/ +/);
      if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !blob) continue;
      const path = record.slice(tab + 1);
      files.set(path, { blob, size: Number(size) });
      let child = path;
      for (let slash = child.lastIndexOf('/'); ; slash = child.lastIndexOf('/')) {
        const parent = slash === -1 ? '' : child.slice(0, slash);
        const names = directories.get(parent);
        const name = child.slice(slash + 1);
        if (names) {
          names.add(name);
          break; // its ancestors are already listed
        }
        directories.set(parent, new Set([name]));
        if (parent === '') break;
        child = parent;
      }
    }
    this.#listing = { files, directories };
    return this.#listing;
  }
}
