/**
 * Module resolution in the current snapshot (`content.ts`: the working tree, the git index…), the way bundlers and TypeScript resolve local files: relative
 * specifiers with or without extension (`./x.js` names `./x.ts` too), `index` files, and the common
 * app-root aliases. No parser here, so the scanner's pre-filter can use it without loading one.
 */
import { getContentProvider, isFileInSnapshot } from './content.js';
import { dirname, extname, join, resolve, sep } from 'node:path';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

interface ResolutionCacheEntry {
  at: number;
  file: string | undefined;
}
const resolutionCache = new Map<string, ResolutionCacheEntry>();
/** A lint run is short; a long-lived process (an editor) looks at the disk again after this long. */
const RESOLUTION_TTL_MS = 5_000;

/** Resolves a relative specifier from `fromFile` the way bundlers and TypeScript do for local files. */
export function resolveModuleFile(fromFile: string, specifier: string): string | undefined {
  const key = `${getContentProvider().id}\u0000${dirname(fromFile)}\u0000${specifier}`;
  const cached = resolutionCache.get(key);
  const now = Date.now();
  if (cached && now - cached.at < RESOLUTION_TTL_MS) return cached.file;
  const file = specifier.startsWith('.') || specifier.startsWith('/') ? findSourceFile(resolve(dirname(fromFile), specifier)) : (resolveTsconfigPath(fromFile, specifier) ?? resolveAlias(fromFile, specifier));
  if (resolutionCache.size > 50_000) resolutionCache.clear();
  resolutionCache.set(key, { at: now, file });
  return file;
}

function findSourceFile(base: string): string | undefined {
  // `base` is absolute and normalised already: candidates are made by concatenation (no `join`), and
  // tried in order, so the usual first hit (`x.ts`) makes no other string
  const extension = extname(base);
  if (SOURCE_EXTENSIONS.includes(extension)) {
    if (isFileInSnapshot(base)) return base;
    // TypeScript ESM: `./x.js` names `./x.ts`
    const stem = base.slice(0, -extension.length);
    for (const replacement of SOURCE_EXTENSIONS) if (isFileInSnapshot(stem + replacement)) return stem + replacement;
    return undefined;
  }
  for (const candidateExtension of SOURCE_EXTENSIONS) if (isFileInSnapshot(base + candidateExtension)) return base + candidateExtension;
  const index = base.endsWith(sep) ? `${base}index` : `${base}${sep}index`;
  for (const candidateExtension of SOURCE_EXTENSIONS) if (isFileInSnapshot(index + candidateExtension)) return index + candidateExtension;
  return undefined;
}

/** `~/lib/x` and `@/lib/x` are the common app-root aliases (Remix, Next.js, Vite templates). */
function resolveAlias(fromFile: string, specifier: string): string | undefined {
  const match = /^(~|@)\/(.*)$/.exec(specifier);
  if (!match) return undefined;
  let directory = dirname(fromFile);
  for (let depth = 0; depth < 12; depth++) {
    for (const root of ['app', 'src', '.']) {
      const found = findSourceFile(join(directory, root, match[2]!));
      if (found) return found;
    }
    if (isFileInSnapshot(join(directory, 'package.json'))) break;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return undefined;
}


interface PathMapping {
  /** `@api/*` → prefix `@api/`, suffix ``. */
  prefix: string;
  suffix: string;
  wildcard: boolean;
  targets: string[];
}

const tsconfigCache = new Map<string, { at: number; mappings: PathMapping[] | undefined }>();

/** tsconfig `compilerOptions.paths` (`@api/*` → `src/api/*`): the aliases real TypeScript apps import through. */
function resolveTsconfigPath(fromFile: string, specifier: string): string | undefined {
  const mappings = findPathMappings(dirname(fromFile));
  if (!mappings) return undefined;
  for (const mapping of mappings) {
    if (!specifier.startsWith(mapping.prefix) || !specifier.endsWith(mapping.suffix)) continue;
    if (!mapping.wildcard && specifier !== mapping.prefix) continue;
    const star = specifier.slice(mapping.prefix.length, specifier.length - mapping.suffix.length);
    for (const target of mapping.targets) {
      const found = findSourceFile(target.replace('*', star));
      if (found) return found;
    }
  }
  return undefined;
}

/** The path mappings of the nearest tsconfig.json (in `directory` or above, up to the package root). */
function findPathMappings(directory: string): PathMapping[] | undefined {
  const key = `${getContentProvider().id}\u0000${directory}`;
  const cached = tsconfigCache.get(key);
  const now = Date.now();
  if (cached && now - cached.at < RESOLUTION_TTL_MS) return cached.mappings;
  let mappings: PathMapping[] | undefined;
  const tsconfig = join(directory, 'tsconfig.json');
  if (isFileInSnapshot(tsconfig)) mappings = readPathMappings(tsconfig, 0);
  else if (!isFileInSnapshot(join(directory, 'package.json')) && dirname(directory) !== directory) mappings = findPathMappings(dirname(directory));
  if (tsconfigCache.size > 10_000) tsconfigCache.clear();
  tsconfigCache.set(key, { at: now, mappings });
  return mappings;
}

function readPathMappings(tsconfig: string, depth: number): PathMapping[] | undefined {
  const json = parseJsonc(getContentProvider().readText(tsconfig));
  if (!json) return undefined;
  const options = (json.compilerOptions ?? {}) as { paths?: Record<string, unknown>; baseUrl?: unknown };
  if (options.paths && typeof options.paths === 'object') {
    const base = resolve(dirname(tsconfig), typeof options.baseUrl === 'string' ? options.baseUrl : '.');
    return Object.entries(options.paths).flatMap(([pattern, targets]) => {
      if (!Array.isArray(targets)) return [];
      const star = pattern.indexOf('*');
      return [{
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? '' : pattern.slice(star + 1),
        wildcard: star !== -1,
        targets: targets.filter((target): target is string => typeof target === 'string').map((target) => resolve(base, target)),
      }];
    });
  }
  // `extends` a relative tsconfig that holds the paths (a shared base config)
  if (typeof json.extends === 'string' && json.extends.startsWith('.') && depth < 4) {
    const parent = resolve(dirname(tsconfig), json.extends);
    return readPathMappings(parent.endsWith('.json') ? parent : `${parent}.json`, depth + 1);
  }
  return undefined;
}

/** tsconfig files are JSON with comments and trailing commas. */
function parseJsonc(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let out = '';
  let index = 0;
  // one pass that keeps strings whole, so a `//` inside a string (a URL) is not a comment
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end + 1;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
    } else {
      out += char;
      index++;
    }
  }
  try {
    const parsed: unknown = JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
