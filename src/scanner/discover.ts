/**
 * Which files to scan. A walk of each directory named on the command line that honours `.gitignore`
 * files at every level (with the `ignore` package, which implements git's semantics) and prunes
 * ignored directories instead of listing them; `node_modules` and `.git` are skipped unless named.
 * A path named on the command line is always scanned. Symbolic links are not followed. Glob
 * arguments (`'src/**\/*.ts'`) are expanded with fast-glob.
 *
 * Names are read as bytes, so a file whose name is not UTF-8 can still be opened.
 */
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface DiscoveredFile {
  /** Absolute path as a string (for display, the linter and config globs). */
  absolute: string;
  /** Relative to the working directory, `/`-separated. */
  relative: string;
  /** What to open: a Buffer when the name is not valid UTF-8. */
  readPath: string | Buffer;
  /** Named on the command line (not found by walking). */
  explicit: boolean;
}

export interface DiscoverOptions {
  cwd: string;
  paths: readonly string[];
  /** Do not read `.gitignore` files. */
  noIgnore?: boolean;
  /** gitignore-style patterns; when given, walked files must match one. */
  include?: readonly string[];
  /** gitignore-style patterns of walked files to leave out (`--exclude` and the config's `exclude`). */
  exclude?: readonly string[];
  signal?: AbortSignal;
}

export interface DiscoverResult {
  files: DiscoveredFile[];
  /** Directories or named paths that could not be read. */
  errors: Array<{ file: string; reason: string }>;
  skipped: { symlinks: number; ignored: number };
}

/** Never walked into unless named on the command line. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);
const IGNORE_FILES = ['.gitignore', '.pilotstatusignore'];

export class PathNotFoundError extends Error {
  override name = 'PathNotFoundError';
}

interface Matcher {
  /** Directory of the ignore file, relative to the walk root, `/`-separated, '' for the root. */
  base: string;
  ignore: Ignore;
}

export async function discoverFiles(options: DiscoverOptions): Promise<DiscoverResult> {
  const result: DiscoverResult = { files: [], errors: [], skipped: { symlinks: 0, ignored: 0 } };
  const include = options.include?.length ? createIgnore(options.include) : undefined;
  const exclude = options.exclude?.length ? createIgnore(options.exclude) : undefined;
  const seen = new Set<string>();
  const add = (file: DiscoveredFile) => {
    if (seen.has(file.absolute)) return;
    seen.add(file.absolute);
    result.files.push(file);
  };
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  for (const path of paths) {
    if (options.signal?.aborted) break;
    const absolute = resolve(options.cwd, path);
    let stats;
    try {
      stats = await stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // fast-glob loads only when a glob argument is given
      const fastGlob = code === 'ENOENT' && /[*?[\]{}()!+@]/.test(path) ? (await import('fast-glob')).default : undefined;
      if (fastGlob?.isDynamicPattern(path)) {
        for (const match of await fastGlob(path, { cwd: options.cwd, dot: true, onlyFiles: true, followSymbolicLinks: false, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] })) {
          add(toDiscovered(options.cwd, resolve(match), resolve(match), true));
        }
        continue;
      }
      if (code === 'ENOENT') {
        // A dangling symbolic link named explicitly is a file we cannot read, not a typo.
        const link = await lstat(absolute).catch(() => undefined);
        if (link?.isSymbolicLink()) {
          result.errors.push({ file: toRelative(options.cwd, absolute), reason: 'broken symbolic link (its target does not exist)' });
          continue;
        }
        throw new PathNotFoundError(`no such file or directory: ${path}`);
      }
      result.errors.push({ file: toRelative(options.cwd, absolute), reason: code === 'ELOOP' ? 'symbolic link loop (ELOOP)' : `cannot be read (${code ?? 'error'})` });
      continue;
    }
    if (stats.isDirectory()) {
      await walkTree(options, absolute, include, exclude, add, result);
    } else {
      add(toDiscovered(options.cwd, absolute, absolute, true));
    }
  }
  result.files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  result.errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return result;
}

/** The walk is synchronous (one thread, no thread-pool round trip per directory: several times
 * faster on a tree of many small directories) and yields to the event loop this often, so a SIGINT
 * is still delivered promptly on a huge tree. */
const YIELD_EVERY_MS = 50;

interface WalkState {
  options: DiscoverOptions;
  root: string;
  /** The walk root relative to the working directory ('' when it is the cwd, undefined when outside it). */
  rootInCwd: string | undefined;
  include: Ignore | undefined;
  exclude: Ignore | undefined;
  add: (file: DiscoveredFile) => void;
  result: DiscoverResult;
  lastYield: number;
}

async function walkTree(options: DiscoverOptions, root: string, include: Ignore | undefined, exclude: Ignore | undefined, add: (file: DiscoveredFile) => void, result: DiscoverResult): Promise<void> {
  const fromCwd = toRelative(options.cwd, root);
  const state: WalkState = {
    options,
    root,
    rootInCwd: fromCwd === '' ? '' : fromCwd.startsWith('..') || isAbsolute(fromCwd) ? undefined : fromCwd,
    include,
    exclude,
    add,
    result,
    lastYield: performance.now(),
  };
  // Depth-first with an explicit stack: directory nesting cannot overflow the call stack.
  const stack: Array<{ directory: string | Buffer; relativeDirectory: string; matchers: readonly Matcher[] }> = [{ directory: root, relativeDirectory: '', matchers: [] }];
  while (stack.length > 0) {
    if (options.signal?.aborted) return;
    if (performance.now() - state.lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      state.lastYield = performance.now();
    }
    const { directory, relativeDirectory, matchers } = stack.pop()!;
    const subdirectories = walkDirectory(state, directory, relativeDirectory, matchers);
    // (the order of the walk does not matter: the file list is sorted at the end)
    stack.push(...subdirectories);
  }
}

type Entry = { name: string; rawName: Buffer | undefined; isDirectory: boolean; isFile: boolean; isSymbolicLink: boolean };

/** Lists a directory by name (unsorted); names that are not valid UTF-8 are listed again as bytes, so they can still be opened. */
function listDirectory(directory: string | Buffer): Entry[] {
  const entries = readdirSync(directory, { withFileTypes: true });
  const toEntry = (entry: Dirent, name: string, rawName: Buffer | undefined): Entry => ({ name, rawName, isDirectory: entry.isDirectory(), isFile: entry.isFile(), isSymbolicLink: entry.isSymbolicLink() });
  if (typeof directory === 'string' && !entries.some((entry) => entry.name.includes('\ufffd'))) {
    return entries.map((entry) => toEntry(entry, entry.name, undefined));
  }
  const rawEntries = readdirSync(directory, { withFileTypes: true, encoding: 'buffer' });
  return rawEntries.map((entry) => {
      const name = entry.name.toString('utf8');
      const valid = typeof directory === 'string' && Buffer.from(name, 'utf8').equals(entry.name);
      return toEntry(entry as unknown as Dirent, name, valid ? undefined : entry.name);
    });
}

function walkDirectory(state: WalkState, directory: string | Buffer, relativeDirectory: string, inherited: readonly Matcher[]): Array<{ directory: string | Buffer; relativeDirectory: string; matchers: readonly Matcher[] }> {
  const { options, root, result } = state;
  let entries: Entry[];
  try {
    entries = listDirectory(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the directory disappeared during the scan (ENOENT)' : `directory cannot be read (${code ?? 'error'})`;
    result.errors.push({ file: toRelative(options.cwd, join(root, relativeDirectory)) || '.', reason });
    return [];
  }
  // Only the ignore files this directory holds are opened (no failed open per directory).
  let matchers = inherited;
  if (!options.noIgnore) {
    const present = entries.filter((entry) => IGNORE_FILES.includes(entry.name) && !entry.isDirectory);
    if (present.length > 0) matchers = [...inherited, ...loadIgnoreFiles(directory, relativeDirectory, present.map((entry) => entry.name), result)];
  }
  const subdirectories: Array<{ directory: string | Buffer; relativeDirectory: string; matchers: readonly Matcher[] }> = [];
  for (const entry of entries) {
    const name = entry.name;
    const relativePath = relativeDirectory ? `${relativeDirectory}/${name}` : name;
    const readPath: string | Buffer =
      entry.rawName === undefined && typeof directory === 'string'
        ? `${directory}${directory.endsWith(sep) ? '' : sep}${name}`
        : Buffer.concat([typeof directory === 'string' ? Buffer.from(directory) : directory, Buffer.from(sep), entry.rawName ?? Buffer.from(name, 'utf8')]);
    if (entry.isSymbolicLink) {
      result.skipped.symlinks++;
      continue;
    }
    const isDirectory = entry.isDirectory;
    if (isDirectory && SKIPPED_DIRECTORIES.has(name)) continue;
    if (isIgnored(matchers, relativePath, isDirectory)) {
      result.skipped.ignored++;
      continue;
    }
    // --include/--exclude and the config's patterns are relative to the working directory.
    const projectPath = state.rootInCwd === undefined ? relativePath : state.rootInCwd ? `${state.rootInCwd}/${relativePath}` : relativePath;
    if (state.exclude && testIgnore(state.exclude, isDirectory ? `${projectPath}/` : projectPath)) {
      result.skipped.ignored++;
      continue;
    }
    if (isDirectory) {
      subdirectories.push({ directory: readPath, relativeDirectory: relativePath, matchers });
      continue;
    }
    if (!entry.isFile) continue; // sockets, FIFOs, devices: nothing to read
    if (state.include && !testIgnore(state.include, projectPath)) continue;
    const absolute = `${root}${root.endsWith(sep) ? '' : sep}${sep === '/' ? relativePath : relativePath.split('/').join(sep)}`;
    // relative to the cwd: the same as projectPath when the root is inside it
    state.add({ absolute, relative: state.rootInCwd === undefined ? toRelative(options.cwd, absolute) : projectPath, readPath, explicit: false });
  }
  return subdirectories;
}

function toDiscovered(cwd: string, absolute: string, readPath: string | Buffer, explicit: boolean): DiscoveredFile {
  return { absolute, relative: toRelative(cwd, absolute), readPath, explicit };
}

export function toRelative(cwd: string, absolute: string): string {
  const path = isAbsolute(absolute) ? relative(cwd, absolute) : absolute;
  return sep === '/' ? path : path.split(sep).join('/');
}

function loadIgnoreFiles(directory: string | Buffer, base: string, names: readonly string[], result: DiscoverResult): Matcher[] {
  const matchers: Matcher[] = [];
  for (const name of names) {
    const path = typeof directory === 'string' ? join(directory, name) : Buffer.concat([directory, Buffer.from(sep + name)]);
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') {
        result.errors.push({ file: base ? `${base}/${name}` : name, reason: `ignore file cannot be read (${code ?? 'error'})` });
      }
      continue;
    }
    matchers.push({ base, ignore: createIgnore(content.split(/\r?\n/)) });
  }
  return matchers;
}

/** Builds a matcher, skipping lines the `ignore` package rejects instead of failing the scan. */
function createIgnore(patterns: readonly string[]): Ignore {
  const matcher = ignore({ allowRelativePaths: true });
  for (const pattern of patterns) {
    try {
      matcher.add(pattern);
    } catch {
      // An odd pattern git would also skip; the rest of the file still applies.
    }
  }
  return matcher;
}

function testIgnore(matcher: Ignore, path: string): boolean {
  try {
    return matcher.ignores(path);
  } catch {
    return false;
  }
}

/** git's precedence: the deepest ignore file that has an opinion wins. */
function isIgnored(matchers: readonly Matcher[], relativePath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const matcher of matchers) {
    let path = relativePath;
    if (matcher.base) {
      if (!relativePath.startsWith(`${matcher.base}/`)) continue;
      path = relativePath.slice(matcher.base.length + 1);
    }
    let outcome;
    try {
      outcome = matcher.ignore.test(isDirectory ? `${path}/` : path);
    } catch {
      continue;
    }
    if (outcome.ignored) ignored = true;
    else if (outcome.unignored) ignored = false;
  }
  return ignored;
}
