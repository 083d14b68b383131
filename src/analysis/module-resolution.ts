/**
 * Module resolution in the current snapshot (`content.ts`: the working tree, the git index…), the way bundlers and TypeScript resolve local files: relative
 * specifiers with or without extension (`./x.js` names `./x.ts` too), `index` files, and the common
 * app-root aliases. No parser here, so the scanner's pre-filter can use it without loading one.
 */
import { getContentProvider, isFileInSnapshot } from './content.js';
import { dirname, extname, join, resolve } from 'node:path';

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
  const file = specifier.startsWith('.') || specifier.startsWith('/') ? findSourceFile(resolve(dirname(fromFile), specifier)) : resolveAlias(fromFile, specifier);
  if (resolutionCache.size > 50_000) resolutionCache.clear();
  resolutionCache.set(key, { at: now, file });
  return file;
}

function findSourceFile(base: string): string | undefined {
  const candidates: string[] = [];
  const extension = extname(base);
  if (SOURCE_EXTENSIONS.includes(extension)) {
    candidates.push(base);
    // TypeScript ESM: `./x.js` names `./x.ts`
    const stem = base.slice(0, -extension.length);
    for (const replacement of SOURCE_EXTENSIONS) candidates.push(stem + replacement);
  } else {
    for (const candidateExtension of SOURCE_EXTENSIONS) candidates.push(base + candidateExtension);
    for (const candidateExtension of SOURCE_EXTENSIONS) candidates.push(join(base, `index${candidateExtension}`));
  }
  for (const candidate of candidates) {
    if (isFileInSnapshot(candidate)) return candidate;
  }
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

