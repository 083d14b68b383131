/**
 * The cheap pre-filter: can this file hold a finding at all? Every finding needs key material, a
 * PilotStatus URL, a key header, a key-named variable, the SDK or a key brand type — in the file or
 * in a module it imports. A text search for those trigger words, over the file and (through its
 * relative imports, a few levels deep) the modules it depends on, decides before any AST work.
 *
 * The rules use it to skip files, the scanner to decide which files need the lint pass. It is
 * conservative: a trigger word in a comment is enough, and custom name settings turn it off.
 */
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_SETTINGS, type PilotStatusSettings } from '../core/settings.js';
import { resolveModuleFile } from './module-resolution.js';

/** Words without which no rule can report (case-insensitive). */
const TRIGGER_WORDS = ['ps_', 'pilot', 'x-api-key', 'whatsapp', 'evolution', 'api-keys', 'apikey', 'api_key', 'scopedkey', '__scope', 'monitor_status', 'monitorstatus'];
/** `from './x'`, `import './x'`, `import('./x')`, `require('./x')`: one keyword, optional `(`, the quoted local specifier. */
const IMPORT_SPECIFIER = /\b(?:from|import|require)[ \t]*(?:\([ \t]*)?["'](\.{1,2}\/[^"'\n]{1,300}|[~@]\/[^"'\n]{1,300})["']/g;
const MAX_IMPORT_DEPTH = 3;

const triggerCache = new Map<string, RegExp>();

function getTriggerPattern(settings: PilotStatusSettings): RegExp {
  const extraHosts = settings.apiHosts.filter((host) => !/pilot/i.test(host));
  const key = extraHosts.join(',');
  let pattern = triggerCache.get(key);
  if (!pattern) {
    const words = [...TRIGGER_WORDS, ...extraHosts].map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(words.join('|'), 'i');
    triggerCache.set(key, pattern);
  }
  return pattern;
}

/** Custom name patterns may name keys without any trigger word: then every file is relevant. */
function hasCustomNames(settings: PilotStatusSettings): boolean {
  return (
    settings.keyNames !== DEFAULT_SETTINGS.keyNames ||
    settings.urlNames !== DEFAULT_SETTINGS.urlNames ||
    settings.keyPattern !== undefined ||
    settings.tenantKeyNames !== DEFAULT_SETTINGS.tenantKeyNames ||
    settings.numberKeyNames !== DEFAULT_SETTINGS.numberKeyNames
  );
}

interface FileTriggers {
  mtimeMs: number;
  size: number;
  triggered: boolean;
  /** Mentions an HTTP client the request model knows (`REQUEST_CLIENT_WORDS`). */
  requestClient: boolean;
  imports: string[];
}

/**
 * Every request the request model recognises goes through one of these (fetch and its polyfills,
 * axios, got, ky, superagent, undici, node:http(s), XHR, `new Request`, the vendor SDK): a module
 * whose import closure mentions none of them cannot make or wrap a request.
 */
const REQUEST_CLIENT_WORDS = /fetch|axios|superagent|undici|XMLHttpRequest|pilot-status\/sdk|PilotStatusClient|["'`](?:got|ky|(?:node:)?https?)["'`]|\bRequest\(/i;
const fileCache = new Map<string, FileTriggers>();

function readFileTriggers(filename: string, pattern: RegExp): FileTriggers | undefined {
  let stats;
  try {
    stats = statSync(filename);
  } catch {
    return undefined;
  }
  const cached = fileCache.get(filename);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached;
  let text: string;
  try {
    text = readFileSync(filename, 'utf8');
  } catch {
    return undefined;
  }
  const entry = { mtimeMs: stats.mtimeMs, size: stats.size, triggered: pattern.test(text), requestClient: REQUEST_CLIENT_WORDS.test(text), imports: findImportSpecifiers(text) };
  if (fileCache.size > 20_000) fileCache.clear();
  fileCache.set(filename, entry);
  return entry;
}

function findImportSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  IMPORT_SPECIFIER.lastIndex = 0;
  for (let match = IMPORT_SPECIFIER.exec(text); match; match = IMPORT_SPECIFIER.exec(text)) specifiers.push(match[1]!);
  return specifiers;
}

/**
 * True when `text` (the content of `filename`) or a module it imports holds a trigger word.
 * False means no rule of the plugin can report in this file.
 */
export function isRelevantSource(filename: string, text: string, settings: PilotStatusSettings): boolean {
  if (hasCustomNames(settings)) return true;
  const pattern = getTriggerPattern(settings);
  if (pattern.test(text)) return true;
  const visiting = new Set<string>([filename]);
  return findImportSpecifiers(text).some((specifier) => isTriggeredWithin(resolveModuleFile(filename, specifier), MAX_IMPORT_DEPTH - 1, pattern, visiting));
}

/**
 * False when neither `file` nor a module it imports (a few levels deep) mentions an HTTP client: then
 * nothing it exports makes or wraps a request, and a call into it need not be parsed or followed.
 */
export function mayReachRequestClient(file: string, settings: PilotStatusSettings): boolean {
  if (hasCustomNames(settings)) return true;
  const triggers = readFileTriggers(file, getTriggerPattern(settings));
  if (!triggers) return true; // unreadable here: let the caller find out
  if (triggers.requestClient) return true;
  return triggers.imports.some((specifier) => isRequestClientWithin(resolveModuleFile(file, specifier), MAX_IMPORT_DEPTH - 1, getTriggerPattern(settings), new Set([file])));
}

/**
 * One question asked of a file's import closure: does a file in it have `has`? Answers are memoised
 * per (question, file, depth), so a whole project costs one look at each file, not one per importer.
 */
interface ClosureQuestion {
  name: string;
  has: (triggers: FileTriggers) => boolean;
}

const TRIGGER_QUESTION: ClosureQuestion = { name: 'trigger', has: (triggers) => triggers.triggered };
const REQUEST_CLIENT_QUESTION: ClosureQuestion = { name: 'request-client', has: (triggers) => triggers.requestClient };

const closureCache = new Map<string, { mtimeMs: number; size: number; found: boolean }>();

/** Set when an answer was cut short by an import cycle: such an answer depends on the path and is not cached. */
let cutByCycle = false;

function isTriggeredWithin(file: string | undefined, depth: number, pattern: RegExp, visiting: Set<string>): boolean {
  return isFoundWithin(TRIGGER_QUESTION, file, depth, pattern, visiting);
}

function isRequestClientWithin(file: string | undefined, depth: number, pattern: RegExp, visiting: Set<string>): boolean {
  return isFoundWithin(REQUEST_CLIENT_QUESTION, file, depth, pattern, visiting);
}

function isFoundWithin(question: ClosureQuestion, file: string | undefined, depth: number, pattern: RegExp, visiting: Set<string>): boolean {
  if (!file) return false;
  if (visiting.has(file)) {
    cutByCycle = true;
    return false;
  }
  const triggers = readFileTriggers(file, pattern);
  if (!triggers) return false;
  if (question.has(triggers)) return true;
  if (depth === 0) return false;
  const key = `${question.name}\u0000${depth}\u0000${pattern.source}\u0000${file}`;
  const cached = closureCache.get(key);
  if (cached && cached.mtimeMs === triggers.mtimeMs && cached.size === triggers.size) return cached.found;
  visiting.add(file);
  const outerCut = cutByCycle;
  cutByCycle = false;
  const found = triggers.imports.some((specifier) => isFoundWithin(question, resolveModuleFile(file, specifier), depth - 1, pattern, visiting));
  visiting.delete(file);
  if (found || !cutByCycle) {
    if (closureCache.size > 50_000) closureCache.clear();
    closureCache.set(key, { mtimeMs: triggers.mtimeMs, size: triggers.size, found });
  }
  cutByCycle = outerCut || cutByCycle;
  return found;
}
