/**
 * JS/TS source goes through ESLint's `Linter` with the plugin's own configs: there is exactly one
 * implementation of each rule, and the scanner reports what the rules report. The config array is
 * built here, in one place, from the plugin's public `configs` plus the user's settings.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, parse as parsePath, relative, sep } from 'node:path';
import { Linter } from 'eslint';
import plugin from '../index.js';
import { redactText } from '../core/key.js';
import { isOutsideProject } from '../parser.js';
import { resolveSettings } from '../core/settings.js';
import { Evidence, findClosureEvidence } from '../analysis/relevance.js';
import { TYPESCRIPT_EXTENSIONS } from './classify.js';
import type { FindingCollector } from './collector.js';
import { hashConstruct, toRuleName, type Location } from './finding.js';
import type { LineIndex } from './text/line-index.js';

export interface LintOptions {
  /** The project root: relative globs (settings, configs) are matched from here. */
  cwd: string;
  /** `settings.pilotstatus` as the user wrote it (the rules validate it themselves). */
  settings: Record<string, unknown> | undefined;
  /** Severity per rule id (`pilotstatus/x` → 'off' | 'warn' | 'error'), for rules the plugin has. */
  ruleSeverities: Record<string, 'off' | 'warn' | 'error'>;
  /** Use `recommended-type-checked` for TypeScript files a `tsconfig.json` covers. */
  typeCheck: boolean;
}

export type LintOutcome =
  | {
      ok: true;
      /** Lines (1-based) that a `no-hardcoded-key` report or suppression covers. */
      keyLines: LineRangeSet;
      /** Linted with type information (a TypeScript program). */
      typed: boolean;
    }
  | { ok: false; reason: string };

/** A file's script block handed to the linter (the whole file for plain source). */
export interface ScriptBlock {
  /** Offset of the block in the file. */
  offset: number;
  text: string;
  /** The file name the rules see: the real absolute path, or `<path>.<n>.ts` for a component block. */
  filename: string;
  /** A virtual block (from a component) is never type-checked: no tsconfig includes it. */
  virtual: boolean;
}

export class LineRangeSet {
  readonly #ranges: Array<[number, number]> = [];
  add(first: number, last: number): void {
    this.#ranges.push([first, Math.max(first, last)]);
  }
  has(line: number): boolean {
    return this.#ranges.some(([first, last]) => line >= first && line <= last);
  }
}

/** What a file that could not be linted still got, and what it did not. */
export const TEXT_ONLY_NOTE = '; scanned as text instead: keys are still found, but the semantic rules (Bearer auth, key headers, key scope, logging, client code) did not run';

const KNOWN_RULES = new Set(Object.keys(plugin.rules).map((name) => `pilotstatus/${name}`));

export class LintEngine {
  readonly #options: LintOptions;
  readonly #linters = new Map<string, Linter>();
  readonly #syntactic: Linter.Config[];
  readonly #typed: Linter.Config[];
  readonly #tsconfigCache = new Map<string, string | undefined>();

  constructor(options: LintOptions) {
    this.#options = options;
    const overrides: Linter.Config = {
      name: 'pilotstatus-scan/user',
      settings: { pilotstatus: options.settings ?? {} },
      rules: Object.fromEntries(Object.entries(options.ruleSeverities).filter(([id]) => KNOWN_RULES.has(id))),
      // The scanner reports only the plugin's findings; stale directives are the user's ESLint's business.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    };
    // Plain `.js` often holds JSX (Create React App, React Native): let espree read it.
    const jsx: Linter.Config = {
      name: 'pilotstatus-scan/jsx',
      files: ['**/*.{js,jsx,mjs,cjs}'],
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    };
    this.#syntactic = [jsx, ...toArray(plugin.configs.recommended), overrides];
    const rootDir: Linter.Config = {
      name: 'pilotstatus-scan/tsconfig-root',
      files: ['**/*.{ts,tsx,mts,cts}'],
      languageOptions: { parserOptions: { tsconfigRootDir: options.cwd } },
    };
    this.#typed = [jsx, ...toArray(plugin.configs['recommended-type-checked']), rootDir, overrides];
  }

  /** The rules this plugin build actually has (the text path fills in for the others). */
  static hasRule(name: string): boolean {
    return KNOWN_RULES.has(`pilotstatus/${name}`);
  }

  /** Lints the blocks of one file into `collector`. A fatal parse error returns `ok: false`. */
  lint(absolutePath: string, blocks: readonly ScriptBlock[], lines: LineIndex, collector: FindingCollector): LintOutcome {
    const keyLines = new LineRangeSet();
    let typed = false;
    for (const block of blocks) {
      const outcome = this.#lintBlock(absolutePath, block, lines, collector, keyLines);
      if (typeof outcome === 'string') return { ok: false, reason: outcome };
      typed ||= outcome;
    }
    return { ok: true, keyLines, typed };
  }

  /** A parse failure's reason, or whether the block was linted with types. */
  #lintBlock(absolutePath: string, block: ScriptBlock, lines: LineIndex, collector: FindingCollector, keyLines: LineRangeSet): string | boolean {
    const tsconfig = this.#options.typeCheck && !block.virtual && TYPESCRIPT_EXTENSIONS.has(extname(block.filename)) ? this.#findTsconfig(dirname(absolutePath)) : undefined;
    let typed = tsconfig !== undefined && this.#typesCanDecide(absolutePath, block.text);
    let result = this.#verify(block, typed ? this.#typed : this.#syntactic);
    // A file no tsconfig includes fails under the project service: lint it without types instead.
    if (typed && 'fatal' in result && isProjectServiceMiss(result.fatal)) {
      result = this.#verify(block, this.#syntactic);
      typed = false;
    }
    if ('fatal' in result) return result.fatal;
    const base = lines.locate(block.offset, block.offset);
    for (const message of result.messages) {
      if (!message.ruleId) continue;
      const rule = toRuleName(message.ruleId);
      if (!rule) continue;
      const location = shiftLocation(message, base);
      const construct = sliceLocation(lines, location);
      collector.add(rule, location, redactText(message.message), hashConstruct(redactText(construct)), {
        engine: 'eslint',
        severity: message.severity === 1 ? 'warning' : 'error',
      });
      if (rule === 'no-hardcoded-key') keyLines.add(location.line, location.endLine);
    }
    for (const message of result.suppressed) {
      if (message.ruleId === 'pilotstatus/no-hardcoded-key') {
        const location = shiftLocation(message, base);
        keyLines.add(location.line, location.endLine);
      }
    }
    return typed;
  }

  /**
   * Types only where they can decide a finding: building a project's program costs seconds, and
   * what the checker answers beyond the syntax (the module graph follows relative imports, app
   * aliases and tsconfig `paths`) is key brand types and scope annotations (`TenantApiKey`,
   * `@pilotstatusScope`). A file whose import closure names none is linted without a program.
   */
  #typesCanDecide(absolutePath: string, text: string): boolean {
    return (findClosureEvidence(absolutePath, text, resolveSettings(this.#options.settings)).closure & Evidence.brand) !== 0;
  }

  #verify(block: ScriptBlock, config: Linter.Config[]): { messages: Linter.LintMessage[]; suppressed: Linter.LintMessage[] } | { fatal: string } {
    const linter = this.#getLinter(block.filename);
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(block.text, config, { filename: block.filename });
    } catch (error) {
      return { fatal: describeLintCrash(error) };
    }
    const fatal = messages.find((message) => message.fatal);
    if (fatal) return { fatal: describeParseError(fatal) };
    const unmatched = messages.find((message) => message.ruleId === null && /^No matching configuration/.test(message.message));
    if (unmatched) return { fatal: 'ESLint found no configuration for this file' };
    // Present at run time (the ESLint class uses it) though missing from the type declarations.
    const suppressed = (linter as Linter & { getSuppressedMessages?: () => Linter.LintMessage[] }).getSuppressedMessages?.() ?? [];
    return { messages, suppressed };
  }

  /** Globs match relative to the linter's cwd, so a file outside the project gets a linter rooted higher. */
  #getLinter(filename: string): Linter {
    const inside = !relative(this.#options.cwd, filename).startsWith('..') && !relative(this.#options.cwd, filename).startsWith(sep);
    const cwd = inside ? this.#options.cwd : parsePath(filename).root;
    let linter = this.#linters.get(cwd);
    if (!linter) {
      linter = new Linter({ cwd });
      this.#linters.set(cwd, linter);
    }
    return linter;
  }

  /** The nearest `tsconfig.json`, in the file's directory or above (up to the file system root). */
  #findTsconfig(directory: string): string | undefined {
    if (this.#tsconfigCache.has(directory)) return this.#tsconfigCache.get(directory);
    const parent = dirname(directory);
    const here = `${directory}${sep}tsconfig.json`;
    const found = existsSync(here) ? here : parent !== directory ? this.#findTsconfig(parent) : undefined;
    this.#tsconfigCache.set(directory, found);
    return found;
  }
}

/** A plugin config may be one object or an array of them; the scanner takes either. */
function toArray(config: Linter.Config | readonly Linter.Config[]): Linter.Config[] {
  return isConfigArray(config) ? [...config] : [config];
}

/** `Array.isArray` narrows a readonly array type to `any[]`; this keeps the element type. */
function isConfigArray(config: Linter.Config | readonly Linter.Config[]): config is readonly Linter.Config[] {
  return Array.isArray(config);
}

/** Outside every tsconfig (the config's parser handles that itself), or no TypeScript installed to build a program. */
function isProjectServiceMiss(reason: string): boolean {
  return isOutsideProject(reason) || /Cannot find module 'typescript'/i.test(reason);
}

function shiftLocation(message: Linter.LintMessage, base: Location): Location {
  const line = Math.max(1, message.line);
  const column = Math.max(1, message.column);
  const endLine = Math.max(line, message.endLine ?? line);
  const endColumn = message.endColumn ?? column + 1;
  const shift = (l: number, c: number) => (l === 1 ? { l: l + base.line - 1, c: c + base.column - 1 } : { l: l + base.line - 1, c });
  const start = shift(line, column);
  const end = shift(endLine, endColumn);
  return { line: start.l, column: start.c, endLine: end.l, endColumn: end.c };
}

/** The text a report covers, capped: it feeds the fingerprint, never an output. */
function sliceLocation(lines: LineIndex, location: Location): string {
  const start = lines.lineStart(location.line) + location.column - 1;
  const end = lines.lineStart(location.endLine) + location.endColumn - 1;
  return lines.text.slice(start, Math.min(Math.max(start, end), start + 4096));
}

function describeParseError(message: Linter.LintMessage): string {
  const at = message.line ? ` at line ${message.line}` : '';
  if (/call stack|stack space/i.test(message.message)) {
    return `the parser ran out of stack (nesting too deep)${at}${TEXT_ONLY_NOTE}`;
  }
  const text = message.message.replace(/\s+/g, ' ').slice(0, 200);
  return redactText(`parse error at ${message.line}:${message.column}: ${text}${TEXT_ONLY_NOTE}`);
}

function describeLintCrash(error: unknown): string {
  if (error instanceof RangeError && /call stack|stack space/i.test(error.message)) {
    return `the linter ran out of stack (nesting too deep)${TEXT_ONLY_NOTE}`;
  }
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);
  return redactText(`ESLint failed on this file: ${text}${TEXT_ONLY_NOTE}`);
}
