/**
 * `Authorization: Bearer` sent to the PilotStatus API, seen in text: curl/wget/httpie commands (with
 * `\` continuations), raw HTTP requests (`.http` files, Markdown fences), and other languages' HTTP
 * code (PHP `CURLOPT_HTTPHEADER`, Python `requests` headers, Go, Ruby…). The API has no Bearer auth.
 *
 * A header alone proves nothing (other vendors do use Bearer, often in the same file), so each header
 * is tied to its request: the command it belongs to, the request block it sits in, or else the
 * nearest URL evidence in its function-sized neighbourhood. Prose in Markdown is never a request.
 */
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { redactText } from '../../core/key.js';
import { NO_BEARER_AUTH } from '../../core/messages.js';
import { toUpperSnake } from '../../core/names.js';
import { getHostPattern, mentionsApiHost, type TextScanContext } from './context.js';

/** `Authorization: Bearer`, `"Authorization": f"Bearer`, `'Authorization' => 'Bearer`, `("Authorization", "Bearer`, `--oauth2-bearer`. */
const BEARER_HEADER = /\bauthorization\b["'\]]{0,2}\s*(?::|=>|=|,)\s*(?:[fbrFBR]?["'`]\s*)?bearer\b|--oauth2-bearer\b/gi;

/** A command that sends an HTTP request. `http`/`https` (httpie) only before a method. */
export const HTTP_COMMAND =
  /(?:^|[\s;|&(`$!])(?:curl|wget|xh|Invoke-RestMethod|Invoke-WebRequest|iwr|irm)(?:\.exe)?(?=\s)|(?:^|[\s;|&(`$!])(?:https?|xh)\s+(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/i;

export const REQUEST_LINE = /^\s*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S/;
const HOST_HEADER = /^\s*host\s*:/i;
const OTHER_URL = /\bhttps?:\/\/[A-Za-z0-9.-]+/i;
const FUNCTION_START =
  /^\s*(?:(?:export|public|private|protected|static|async|final|override|internal|open|pub)\s+)*(?:def|function|func|fun|fn|sub|class|module|interface)\b/;

/** Names too generic to carry "this is the PilotStatus URL" across a file. */
const GENERIC_NAMES = new Set(['url', 'uri', 'href', 'src', 'host', 'hostname', 'endpoint', 'base', 'link', 'value', 'default', 'http', 'https', 'api', 'target', 'path', 'raw']);

const WINDOW_LINES = 12;
const MAX_LINE_SLICE = 4000;

export function detectBearerAuth(context: TextScanContext): void {
  const { text, collector } = context;
  if (!collector.isEnabled('no-bearer-auth')) return;
  if (!/bearer/i.test(text)) return;
  if (context.hostMentions().length === 0 && !/pilot|(?<![A-Za-z0-9])ps_/i.test(text)) return;
  const evidence = new EvidenceFinder(context);
  const fences = context.classification.language === 'markdown' ? findFences(context) : undefined;
  const commands: Commands = new Map();
  const reported = new Set<LineRange>();
  BEARER_HEADER.lastIndex = 0;
  for (let match = BEARER_HEADER.exec(text); match; match = BEARER_HEADER.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const line = context.lines.lineOf(start);
    const fence = fences ? findFence(fences, line) : undefined;
    const decision = decide(context, evidence, line, start, fence, fences !== undefined, commands);
    if (!decision) continue;
    // One finding per command: its other Bearer headers need the same fix.
    if (decision === 'command') {
      const chain = commands.chains?.get(line);
      if (chain && reported.has(chain)) continue;
      if (chain) reported.add(chain);
    }
    const construct = `${match[0].toLowerCase().replace(/\s+/g, ' ')} ${decision}`;
    collector.addAt('no-bearer-auth', start, end, bearerMessage(), construct);
  }
}

/** Returns a short description of the request when the header goes to PilotStatus, else undefined. */
function decide(
  context: TextScanContext,
  evidence: EvidenceFinder,
  line: number,
  headerStart: number,
  fence: LineRange | undefined,
  markdown: boolean,
  commands: Commands,
): string | undefined {
  // Prose in Markdown is never a request, unless the line itself is a command (`$ curl …`).
  if (markdown && !fence && !/^\s*(?:[$>]\s*)?(?:curl|wget|http|xh)\b/.test(sliceLine(context, line))) return undefined;
  const command = findCommand(context, evidence, commands, line, headerStart);
  if (command.isCommand) return command.toApi ? 'command' : undefined;
  // Outside a command the header must stand where a header is written (a key, a list item, a
  // string of its own), not inside a sentence: `we used to send Authorization: Bearer …`.
  if (!isHeaderPosition(context.text, context.lines.lineStart(line), headerStart)) return undefined;
  const request = findRequestBlock(context, line, headerStart, fence);
  if (request) return evidence.has(request) ? 'request' : undefined;
  return evidence.nearestIsApi(line, fence, headerStart) ? 'code' : undefined;
}

/** Line start, an unescaped quote, or `{ [ ( ,` (skipping spaces) before the header name. */
function isHeaderPosition(text: string, lineStart: number, headerStart: number): boolean {
  let position = headerStart;
  const bound = Math.max(lineStart, headerStart - 32);
  while (position > bound && (text.charCodeAt(position - 1) === 32 || text.charCodeAt(position - 1) === 9)) position--;
  if (position === lineStart) return true;
  const previous = text[position - 1]!;
  if (previous === '"' || previous === "'" || previous === '`') return text[position - 2] !== '\\';
  return previous === '{' || previous === '[' || previous === '(' || previous === ',';
}

export interface LineRange {
  first: number;
  last: number;
}

function sliceLine(context: TextScanContext, line: number, around?: number): string {
  const start = context.lines.lineStart(line);
  const end = context.lines.lineEnd(line);
  if (end - start <= MAX_LINE_SLICE) return context.text.slice(start, end);
  const center = around ?? start;
  const from = Math.max(start, center - MAX_LINE_SLICE / 2);
  return context.text.slice(from, Math.min(end, from + MAX_LINE_SLICE));
}

function endsWithContinuation(context: TextScanContext, line: number): boolean {
  const start = context.lines.lineStart(line);
  let position = context.lines.lineEnd(line);
  const bound = Math.max(start, position - 64);
  while (position > bound && (context.text.charCodeAt(position - 1) === 32 || context.text.charCodeAt(position - 1) === 9)) position--;
  if (position === start) return false;
  const last = context.text[position - 1];
  if (last === '\\') return true;
  // `^` (cmd.exe) and `` ` `` (PowerShell) continue lines only in scripts; in prose they end code spans.
  return context.classification.language === 'shell' && (last === '^' || last === '`');
}

/**
 * The logical line (continuations joined) around `line`, when it runs an HTTP command, and whether
 * it points at the API. Decided once per logical line (and, on a line longer than a slice, once per
 * slice-sized stretch of it): a command with a thousand headers is read once, not once per header.
 */
function findCommand(context: TextScanContext, evidence: EvidenceFinder, commands: Commands, line: number, headerStart: number): CommandDecision {
  const { first, last } = findLogicalLine(context, commands, line);
  const lineStart = context.lines.lineStart(line);
  const long = context.lines.lineEnd(line) - lineStart > MAX_LINE_SLICE;
  // On a long line the slice is centred on the header's stretch, so it always holds the header ± a quarter slice.
  const stretch = long ? Math.floor((headerStart - lineStart) / (MAX_LINE_SLICE / 2)) : 0;
  const cacheKey = `${first}:${last}:${stretch}`;
  const cached = commands.get(cacheKey);
  if (cached) return cached;
  const center = long ? lineStart + stretch * (MAX_LINE_SLICE / 2) + MAX_LINE_SLICE / 4 : headerStart;
  const parts: string[] = [];
  for (let index = first; index <= last; index++) parts.push(sliceLine(context, index, index === line ? center : undefined));
  const text = parts.join('\n');
  const decision: CommandDecision = HTTP_COMMAND.test(text) ? { isCommand: true, toApi: evidence.has(text, true) } : { isCommand: false, toApi: false };
  commands.set(cacheKey, decision);
  return decision;
}

interface CommandDecision {
  isCommand: boolean;
  toApi: boolean;
}

interface Commands extends Map<string, CommandDecision> {
  /** First and last line of the logical line each line belongs to, filled in as headers are met. */
  chains?: Map<number, LineRange>;
}

/**
 * The lines joined to `line` by continuations. Every line visited is remembered with its chain, so
 * the headers of one long command cost one walk over it together, not one each.
 */
function findLogicalLine(context: TextScanContext, commands: Commands, line: number): LineRange {
  const chains = (commands.chains ??= new Map<number, LineRange>());
  const known = chains.get(line);
  if (known) return known;
  let first = line;
  while (first > 1 && endsWithContinuation(context, first - 1)) {
    const before = chains.get(first - 1);
    if (before) {
      first = before.first;
      break;
    }
    first--;
  }
  let last = line;
  while (last < context.lines.lineCount && endsWithContinuation(context, last)) last++;
  const chain = { first, last };
  for (let index = first; index <= last; index++) chains.set(index, chain);
  return chain;
}

/** A raw HTTP request (`POST https://… HTTP/1.1` then headers): its request line and `Host:` headers. */
function findRequestBlock(context: TextScanContext, line: number, headerStart: number, fence: LineRange | undefined): string | undefined {
  const lineStart = context.lines.lineStart(line);
  if (context.text.slice(lineStart, headerStart).trim() !== '') return undefined;
  const top = Math.max(fence?.first ?? 1, line - 40);
  const bottom = Math.min(fence?.last ?? context.lines.lineCount, line + 40);
  const parts: string[] = [];
  let requestLine = false;
  for (let index = line - 1; index >= top; index--) {
    const text = sliceLine(context, index);
    if (text.trim() === '') break;
    if (HOST_HEADER.test(text)) parts.push(text);
    if (REQUEST_LINE.test(text)) {
      parts.push(text);
      requestLine = true;
      break;
    }
  }
  if (!requestLine) return undefined;
  for (let index = line + 1; index <= bottom; index++) {
    const text = sliceLine(context, index);
    if (text.trim() === '') break;
    if (HOST_HEADER.test(text)) parts.push(text);
  }
  return parts.join('\n');
}

/** Fenced code blocks of a Markdown file, as line ranges of their content. */
export function findFences(context: TextScanContext): LineRange[] {
  const ranges: LineRange[] = [];
  const marker = /^[ \t]{0,3}(`{3,}|~{3,})/gm;
  let open: { line: number; fence: string } | undefined;
  for (let match = marker.exec(context.text); match; match = marker.exec(context.text)) {
    const line = context.lines.lineOf(match.index);
    const fence = match[1]!;
    if (!open) open = { line, fence };
    else if (fence[0] === open.fence[0] && fence.length >= open.fence.length) {
      ranges.push({ first: open.line + 1, last: line - 1 });
      open = undefined;
    }
  }
  if (open) ranges.push({ first: open.line + 1, last: context.lines.lineCount });
  return ranges;
}

export function findFence(ranges: readonly LineRange[], line: number): LineRange | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const range = ranges[middle]!;
    if (line < range.first) high = middle - 1;
    else if (line > range.last) low = middle + 1;
    else return range;
  }
  return undefined;
}

/**
 * What says "this goes to PilotStatus": an API host, a name that the file assigns an API URL to
 * (`pilot=https://pilotstatus.com.br/v1`, `$base = '…'`, `define('PS_URL', '…')`), or a name that
 * reads as the PilotStatus URL (`PILOTSTATUS_API_URL`, per `settings.urlNames`).
 */
class EvidenceFinder {
  readonly #context: TextScanContext;
  #names: Set<string> | undefined;
  readonly #urlNamePattern: RegExp;
  readonly #tokenCache = new Map<string, boolean>();

  constructor(context: TextScanContext) {
    this.#context = context;
    this.#urlNamePattern = new RegExp(context.settings.urlNames, 'i');
  }

  /**
   * True when `slice` (a short piece of the file) points at the API. `asUrl`: a host counts only
   * where it is written as a URL (`https://host`, `host/path`, `host:443`), not as a word in a
   * sentence (`curl to pilotstatus.com.br with …`).
   */
  has(slice: string, asUrl = false): boolean {
    if (asUrl ? mentionsApiHostAsUrl(slice, this.#context.settings.apiHosts) : mentionsApiHost(slice, this.#context.settings.apiHosts)) return true;
    if (!this.#mayHoldApiName(slice)) return false;
    const tokens = /[A-Za-z_][A-Za-z0-9_]*/g;
    for (let match = tokens.exec(slice); match; match = tokens.exec(slice)) {
      if (this.#isApiName(match[0])) return true;
    }
    return false;
  }

  /** In the neighbourhood of `line`, the nearest URL evidence is the API (and outweighs others). */
  nearestIsApi(line: number, fence: LineRange | undefined, headerStart: number): boolean {
    const context = this.#context;
    const code = context.classification.language === 'code';
    for (let distance = 0; distance <= WINDOW_LINES; distance++) {
      let api = 0;
      let other = 0;
      for (const candidate of distance === 0 ? [line] : [line - distance, line + distance]) {
        if (candidate < (fence?.first ?? 1) || candidate > (fence?.last ?? context.lines.lineCount)) continue;
        if (!this.#withinFunction(line, candidate, code)) continue;
        const text = sliceLine(context, candidate, candidate === line ? headerStart : undefined);
        if (this.has(text)) api++;
        else if (OTHER_URL.test(text)) other++;
      }
      if (api > other) return true;
      if (other > 0) return false;
    }
    return false;
  }

  /** No function or class boundary between the header line and `candidate` (code files only). */
  #withinFunction(line: number, candidate: number, code: boolean): boolean {
    if (!code || candidate === line) return true;
    if (candidate < line) {
      for (let index = line; index > candidate; index--) if (FUNCTION_START.test(sliceLine(this.#context, index))) return false;
      return true;
    }
    for (let index = line + 1; index <= candidate; index++) if (FUNCTION_START.test(sliceLine(this.#context, index))) return false;
    return true;
  }

  /**
   * A cheap exact test before tokenising: the default `urlNames` need `PILOT` or `PS` in the name,
   * and an assigned name must appear as written. Keeps dense header lines (thousands of Bearer
   * headers on one line) linear with a small constant.
   */
  #mayHoldApiName(slice: string): boolean {
    if (this.#context.settings.urlNames !== DEFAULT_SETTINGS.urlNames) return true;
    if (/pilot|ps/i.test(slice)) return true;
    for (const name of this.#assignedNames()) if (slice.includes(name)) return true;
    return false;
  }

  #isApiName(token: string): boolean {
    let result = this.#tokenCache.get(token);
    if (result === undefined) {
      result = this.#assignedNames().has(token) || this.#urlNamePattern.test(toUpperSnake(token));
      this.#tokenCache.set(token, result);
    }
    return result;
  }

  /** Names assigned an API URL somewhere in the file, read from the text before each host mention. */
  #assignedNames(): Set<string> {
    if (this.#names) return this.#names;
    const names = new Set<string>();
    const { text, lines } = this.#context;
    for (const offset of this.#context.hostMentions()) {
      const lineStart = lines.lineStart(lines.lineOf(offset));
      const prefix = text.slice(Math.max(lineStart, offset - 256), offset);
      const assigned =
        /([A-Za-z_][A-Za-z0-9_]*)["'\]]{0,2}\s*(?::=|=>|=|:)\s*["'`]?[^\s"'`]*$/.exec(prefix) ??
        /([A-Za-z_][A-Za-z0-9_]*)["']\s*,\s*["'`][^\s"'`]*$/.exec(prefix);
      const name = assigned?.[1];
      // `@base = …` declares a REST-client variable: specific to its `{{base}}` uses, however generic.
      const restVariable = name !== undefined && /^\s*@[A-Za-z_][\w-]*\s*=/.test(prefix);
      if (name && (restVariable || (name.length >= 3 && !GENERIC_NAMES.has(name.toLowerCase())))) names.add(name);
    }
    this.#names = names;
    return names;
  }
}

function mentionsApiHostAsUrl(slice: string, apiHosts: readonly string[]): boolean {
  const pattern = getHostPattern(apiHosts);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
    const after = slice[match.index + match[0].length];
    if (after === '/' || after === ':') return true;
    if (/:\/\/(?:[^\s/@]*@)?[A-Za-z0-9.-]*$/.test(slice.slice(Math.max(0, match.index - 128), match.index))) return true;
  }
  return false;
}

function bearerMessage() {
  return redactText(NO_BEARER_AUTH);
}
