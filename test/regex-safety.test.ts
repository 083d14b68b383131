/**
 * Every regular expression written in the package is checked by a ReDoS analyser (recheck): the
 * text detectors run over hostile input (bundles, generated files), so no pattern may backtrack
 * super-linearly. Patterns built at run time from settings are the user's; these are ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { checkSync } from 'recheck';
import { walk } from '../src/analysis/static-value.js';

const ROOT = join(import.meta.dirname, '..');

function listSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Pattern {
  where: string;
  source: string;
  flags: string;
}

function collectPatterns(file: string): Pattern[] {
  const ast = parse(readFileSync(file, 'utf8'), { loc: true, range: true, jsx: false });
  const patterns: Pattern[] = [];
  walk(ast, (node) => {
    const where = `${relative(ROOT, file)}:${node.loc.start.line}`;
    if (node.type === 'Literal' && 'regex' in node && node.regex) {
      patterns.push({ where, source: node.regex.pattern, flags: node.regex.flags });
    } else if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'RegExp') {
      const [source, flags] = node.arguments;
      if (source?.type === 'Literal' && typeof source.value === 'string') {
        patterns.push({ where, source: source.value, flags: flags?.type === 'Literal' && typeof flags.value === 'string' ? flags.value : '' });
      }
    }
  }, true);
  return patterns;
}

/**
 * Patterns recheck calls polynomial that only ever see input of bounded length: each entry names the
 * bound, found by reading the call site. Anything else polynomial fails the test.
 */
const BOUNDED_INPUT: Record<string, string> = {
  'src/core/names.ts /([A-Z]+)([A-Z][a-z])/g': 'names are capped at MAX_NAME_LENGTH (256) before splitting',
  'src/core/names.ts /_{1,256}$/': 'names are capped at MAX_NAME_LENGTH (256)',
  'src/analysis/log-sinks.ts /([^.[\\]]+)|\\[\\s*(?:"([^"]*)"|\'([^\']*)\'|([^\\]]*))\\s*\\]/g': 'redact paths over MAX_REDACT_PATH_LENGTH (500) are skipped',
  'src/scanner/filter.ts /^[(\\[]|[)\\]:;*/>-]+$/g': 'one word of at most 300 characters after pilotstatus-scan-ignore',
  'src/scanner/text/bearer.ts /([A-Za-z_][A-Za-z0-9_]*)["\'\\]]{0,2}\\s*(?::=|=>|=|:)\\s*["\'`]?[^\\s"\'`]*$/': 'a line prefix of at most 256 characters',
  'src/scanner/text/bearer.ts /([A-Za-z_][A-Za-z0-9_]*)["\']\\s*,\\s*["\'`][^\\s"\'`]*$/': 'a line prefix of at most 256 characters',
  'src/scanner/text/keys.ts /(?:^|[^A-Za-z0-9_])([A-Z][A-Z0-9_]*)["\']?\\s*[:=]\\s*["\']?[^\\s"\'`]*$/': 'a line prefix of at most 256 characters',
  'src/scanner/text/key-in-url.ts /[A-Za-z][A-Za-z0-9+.-]*:\\/\\/[^/]/': 'one token of at most MAX_URL_PREFIX (2048) characters',
};

const patterns = [...listSources(join(ROOT, 'src')), ...listSources(join(ROOT, 'rules'))].flatMap(collectPatterns);

describe('regular expressions', () => {
  it('finds the package patterns to check', () => {
    expect(patterns.length).toBeGreaterThan(50);
  });

  it('every bounded-input exception still exists (no stale entries)', () => {
    const present = new Set(patterns.map((pattern) => `${pattern.where.replace(/:\d+$/, '')} /${pattern.source}/${pattern.flags}`));
    expect(Object.keys(BOUNDED_INPUT).filter((key) => !present.has(key))).toEqual([]);
  });

  it('none is vulnerable to ReDoS (recheck)', () => {
    const vulnerable: string[] = [];
    for (const pattern of patterns) {
      const result = checkSync(pattern.source, pattern.flags, { timeout: 10_000 });
      if (result.status !== 'vulnerable') continue;
      const key = `${pattern.where.replace(/:\d+$/, '')} /${pattern.source}/${pattern.flags}`;
      if (result.complexity.type === 'polynomial' && BOUNDED_INPUT[key]) continue;
      vulnerable.push(`${key} (${result.complexity.type})`);
    }
    expect(vulnerable).toEqual([]);
  });
});
