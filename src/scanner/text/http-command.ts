/**
 * The HTTP command around an offset in text: the logical line (`\` continuations joined) when it
 * runs curl/wget/httpie, or a raw request line (`DELETE https://… HTTP/1.1` in `.http` files). Read
 * as a bounded slice, and parsed just enough to say which method and which hosts it uses.
 */
import { findFence, findFences, HTTP_COMMAND, REQUEST_LINE, type LineRange } from './bearer.js';
import type { TextScanContext } from './context.js';

export interface HttpCommand {
  /** Offsets of the logical line. */
  start: number;
  end: number;
  /** The command text (bounded), continuation lines joined. */
  text: string;
  /** Upper-case method: `-X`/`--request`, a data flag (POST), else GET. */
  method: string;
}

/** Lines a command may continue over, and the characters read of it. */
const MAX_CONTINUATION_LINES = 200;
const MAX_COMMAND_TEXT = 16_384;

/**
 * The HTTP command whose logical line holds an offset, if that line is one. Memoised per line: a
 * line with thousands of URLs or keys is read once, not once per match.
 */
export function createCommandFinder(context: TextScanContext): (offset: number) => HttpCommand | undefined {
  const byLine = new Map<number, HttpCommand | null>();
  let fences: LineRange[] | undefined;
  return (offset) => {
    const line = context.lines.lineOf(offset);
    let command = byLine.get(line);
    if (command === undefined) {
      const { first, last, found } = findHttpCommandOnLine(context, line);
      command = found ?? null;
      // Markdown prose that names a command is not one: outside fences the line must start with it.
      if (found && context.classification.language === 'markdown' && !MARKDOWN_COMMAND_START.test(found.text)) {
        fences ??= findFences(context);
        if (!findFence(fences, first)) command = null;
      }
      // every line of the logical line shares the decision: a long command is walked once
      for (let index = first; index <= last; index++) byLine.set(index, command);
    }
    return command ?? undefined;
  };
}

/** A Markdown line that is itself a command (`$ curl …`, `curl …`), not a sentence about one. */
const MARKDOWN_COMMAND_START = /^[ \t]{0,8}(?:[$>][ \t]{0,4})?(?:curl|wget|https?|xh)\b/;

function findHttpCommandOnLine(context: TextScanContext, line: number): { first: number; last: number; found: HttpCommand | undefined } {
  const { first, last, start, end, slice } = readLogicalLine(context, line);
  const requestLine = REQUEST_LINE.exec(slice);
  if (requestLine && first === line && last === line) {
    const method = /^\s*([A-Z]+)/.exec(slice)![1]!;
    return { first, last, found: { start, end, text: slice, method } };
  }
  if (!HTTP_COMMAND.test(slice)) return { first, last, found: undefined };
  return { first, last, found: { start, end, text: slice, method: findMethod(slice) } };
}

function readLogicalLine(context: TextScanContext, line: number) {
  const { lines, text } = context;
  let first = line;
  while (first > 1 && line - first < MAX_CONTINUATION_LINES && continues(context, first - 1)) first--;
  let last = line;
  while (last < lines.lineCount && last - line < MAX_CONTINUATION_LINES && continues(context, last)) last++;
  const start = lines.lineStart(first);
  const end = lines.lineEnd(last);
  const slice = text.slice(start, Math.min(end, start + MAX_COMMAND_TEXT));
  return { first, last, start, end, slice };
}

function continues(context: TextScanContext, line: number): boolean {
  const start = context.lines.lineStart(line);
  const end = context.lines.lineEnd(line);
  const tail = context.text.slice(Math.max(start, end - 64), end).trimEnd();
  return tail.endsWith('\\') || (context.classification.language === 'shell' && (tail.endsWith('^') || tail.endsWith('`')));
}

function findMethod(command: string): string {
  const explicit = /(?:^|\s)(?:-X\s*|--request[=\s]+|--method[=\s]+)["']?([A-Za-z]+)/.exec(command);
  if (explicit) return explicit[1]!.toUpperCase();
  const httpie = /(?:^|[\s;|&(`$!])(?:https?|xh)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/i.exec(command);
  if (httpie) return httpie[1]!.toUpperCase();
  if (/(?:^|\s)(?:-d|--data(?:-raw|-binary|-urlencode)?|--json|-F|--form|--post-data|--post-file)(?=[\s=]|["'])/.test(command)) return 'POST';
  return 'GET';
}

/** Hosts of the absolute URLs in `text`, lower-cased, in order. */
export function findUrlHosts(text: string): string[] {
  const hosts: string[] = [];
  const pattern = /\bhttps?:\/\/(?:[^\s/@"'`]*@)?([A-Za-z0-9.-]+)/gi;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) hosts.push(match[1]!.toLowerCase().replace(/\.$/, ''));
  return hosts;
}
