/**
 * The project's axios configuration writes, for the instance whose requests are sent in one module and
 * configured in another: `setup.ts` does `api.defaults.headers.common['x-api-key'] = …` (or installs
 * an interceptor) on the `api` that `http.ts` creates and `send.ts` uses; `main.ts` sets
 * `axios.defaults.headers…` for every `axios.post(…)` of the app.
 *
 * Built once per project root and content snapshot, and only when a question needs it (a PilotStatus
 * request on an axios instance that has no key header so far). The project is the package of the
 * sending (and of the creating) module, up to its nearest `package.json`; its source files are listed
 * through the content provider (dependency, output, hidden directories and nested packages skipped); only those whose
 * text says `defaults.headers` or `interceptors.request` are parsed (`loadUnit`), and each write's
 * receiver is resolved to the instance it targets (`instance-writes.ts`). A file's writes are kept by
 * its version stamp, so a rebuild (a long-lived process looks again after a few seconds, as the client
 * graph does) reads only files that changed.
 */
import { join } from 'node:path';
import { findProjectRoot } from '../client-code.js';
import { getContentProvider } from '../content.js';
import { loadUnit } from '../module-graph.js';
import { registerUnit, type AnalysisContext } from '../static-value.js';
import { mergeHookHeaders, NO_HOOK_HEADERS, type HookHeaders } from './header-writes.js';
import { findModuleInstanceWrites, type InstanceTarget } from './instance-writes.js';

interface ProjectWrite {
  file: string;
  headers: HookHeaders;
}

interface Registry {
  builtAt: number;
  /** Writes by target key (`InstanceTarget.key`). */
  writes: Map<string, ProjectWrite[]>;
}

interface FileWrites {
  stamp: string;
  writes: Array<{ key: string; headers: HookHeaders }>;
}

const registries = new Map<string, Registry>();
const fileWrites = new Map<string, FileWrites>();
/** A lint run is short; a long-lived process (an editor) looks at the tree again after this long. */
const REGISTRY_TTL_MS = 5_000;
const MAX_LISTED_FILES = 10_000;
const MAX_DIRECTORY_DEPTH = 12;
/** Larger files are bundles (`module-graph.ts` does not parse them either). */
const MAX_FILE_BYTES = 512 * 1024;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'bower_components', 'jspm_packages', 'dist', 'build', 'out', 'coverage', 'vendor']);

/**
 * The headers written on `target` in the modules of the projects `files` belong to (nearest
 * `package.json`), except the files in `exclude` (the creating and the sending module, whose writes are read from their own ASTs).
 */
export function findProjectWritesOn(target: InstanceTarget, files: readonly string[], exclude: ReadonlySet<string>, context: AnalysisContext): HookHeaders {
  let result = NO_HOOK_HEADERS;
  // nested roots list a file twice: its writes (kept per file) count once
  const counted = new Set<HookHeaders>();
  for (const root of new Set(files.map((file) => findProjectRoot(file)))) {
    for (const write of getRegistry(root, context).writes.get(target.key) ?? []) {
      if (exclude.has(write.file) || counted.has(write.headers)) continue;
      counted.add(write.headers);
      result = mergeHookHeaders(result, write.headers);
    }
  }
  return result;
}

function getRegistry(root: string, context: AnalysisContext): Registry {
  const provider = getContentProvider();
  const key = `${provider.id}\u0000${root}`;
  const cached = registries.get(key);
  if (cached && Date.now() - cached.builtAt < REGISTRY_TTL_MS) return cached;
  const writes = new Map<string, ProjectWrite[]>();
  for (const file of listSourceFiles(root)) {
    for (const write of readFileWrites(file, context)) {
      const list = writes.get(write.key);
      if (list) list.push({ file, headers: write.headers });
      else writes.set(write.key, [{ file, headers: write.headers }]);
    }
  }
  if (registries.size > 100) registries.clear();
  const registry = { builtAt: Date.now(), writes };
  registries.set(key, registry);
  return registry;
}

/** The source files of the package at `root` (not declaration files, not nested packages), depth-first, bounded. */
function listSourceFiles(root: string): string[] {
  const provider = getContentProvider();
  const files: string[] = [];
  const stack: Array<{ directory: string; depth: number }> = [{ directory: root, depth: 0 }];
  while (stack.length > 0 && files.length < MAX_LISTED_FILES) {
    const { directory, depth } = stack.pop()!;
    const names = provider.listDirectory(directory) ?? [];
    // a nested package (its own package.json) is another project, with its own default instance
    if (depth > 0 && names.includes('package.json')) continue;
    for (const name of names) {
      if (SOURCE_FILE.test(name)) {
        if (!/\.d\.[cm]?ts$/.test(name)) files.push(join(directory, name));
        continue;
      }
      // a name with an extension is a file of another kind; hidden, dependency and output directories are skipped
      if (depth >= MAX_DIRECTORY_DEPTH || name.startsWith('.') || SKIPPED_DIRECTORIES.has(name) || /\.[A-Za-z0-9]{1,10}$/.test(name)) continue;
      stack.push({ directory: join(directory, name), depth: depth + 1 });
    }
  }
  return files;
}

/** The writes of one file, kept by its version stamp; a file whose text names no write is not parsed. */
function readFileWrites(file: string, context: AnalysisContext): FileWrites['writes'] {
  const provider = getContentProvider();
  const stamp = provider.stamp(file);
  if (stamp === undefined) return [];
  const cacheKey = `${provider.id}\u0000${file}`;
  const cached = fileWrites.get(cacheKey);
  if (cached && cached.stamp === stamp) return cached.writes;
  const writes: FileWrites['writes'] = [];
  const size = provider.size(file);
  const text = size !== undefined && size <= MAX_FILE_BYTES ? (provider.readWords ?? provider.readText).call(provider, file) : undefined;
  if (text !== undefined && (text.includes('defaults.headers') || text.includes('interceptors.request'))) {
    const unit = loadUnit(file);
    if (unit) {
      registerUnit(unit);
      // resolved as a module of its own: what it writes does not depend on the file being linted
      for (const write of findModuleInstanceWrites(unit.ast, { unit, settings: context.settings, typeInfo: undefined })) writes.push({ key: write.target.key, headers: write.headers });
    }
  }
  if (fileWrites.size > 20_000) fileWrites.clear();
  fileWrites.set(cacheKey, { stamp, writes });
  return writes;
}
