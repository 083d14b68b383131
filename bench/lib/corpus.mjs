/**
 * The pinned corpus (popular packages that ship big real JavaScript) and the pinned competitor
 * (secretlint with its pattern rule), installed with npm into a cache folder outside the repository.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { spawnCollect } from './measure.mjs';

/** Real code nobody here wrote. Exact versions: a run next month reads the same bytes. */
export const CORPUS_PACKAGES = {
  typescript: '5.9.3',
  react: '19.3.1',
  'react-dom': '19.3.1',
  three: '0.187.0',
  'monaco-editor': '0.57.0',
  'pdfjs-dist': '6.5.438',
  vue: '3.5.45',
  '@angular/core': '22.2.6',
  rxjs: '7.8.2',
  lodash: '4.18.1',
  'date-fns': '4.4.0',
  'core-js': '3.51.0',
};

export const SECRETLINT_PACKAGES = {
  secretlint: '13.0.6',
  '@secretlint/secretlint-rule-pattern': '13.0.6',
};

export const REPO_ROOT = resolve(new URL('../..', import.meta.url).pathname);

export function getCacheDir(explicit) {
  const dir = resolve(explicit ?? process.env.PILOTSTATUS_BENCH_CACHE ?? join(homedir(), '.cache', 'pilotstatus-bench'));
  const inside = relative(REPO_ROOT, dir);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new Error(`the bench cache must be outside the repository (got ${dir})`);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Installs `packages` (name → exact version) into `<cache>/<name>-<hash>` once; later runs reuse it.
 * Returns `{ ok, dir, reason? }`.
 */
export async function ensureInstalled(cacheDir, name, packages, { omitOptional = false, log = () => {} } = {}) {
  const hash = createHash('sha256').update(JSON.stringify({ packages, omitOptional })).digest('hex').slice(0, 10);
  const dir = join(cacheDir, `${name}-${hash}`);
  const stamp = join(dir, '.installed');
  if (existsSync(stamp)) return { ok: true, dir, cached: true };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `pilotstatus-bench-${name}`, private: true, dependencies: packages }, null, 2));
  const args = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
  if (omitOptional) args.push('--omit=optional');
  log(`installing ${name}: npm ${args.join(' ')} (${Object.entries(packages).map(([n, v]) => `${n}@${v}`).join(', ')}) into ${dir}`);
  const started = Date.now();
  const result = await spawnCollect(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: dir, timeoutMs: 10 * 60_000 });
  if (result.code !== 0) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ');
    return { ok: false, dir, reason: `npm install failed (${result.timedOut ? 'timeout' : `exit ${result.code}`}): ${tail}` };
  }
  writeFileSync(stamp, new Date().toISOString());
  log(`installed ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ok: true, dir, cached: false };
}

/** Total bytes and file count of regular files under `dir` (symbolic links not followed). */
export function measureTree(dir) {
  let bytes = 0;
  let files = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) {
        bytes += statSync(path).size;
        files++;
      }
    }
  }
  return { bytes, files };
}

/** Every regular file under `dir`, relative, `/`-separated, sorted (deterministic). */
export function listFiles(dir) {
  const out = [];
  const stack = [''];
  while (stack.length) {
    const current = stack.pop();
    const entries = readdirSync(join(dir, current), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = current ? `${current}/${entry.name}` : entry.name;
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) out.push(path);
    }
  }
  return out.sort();
}
