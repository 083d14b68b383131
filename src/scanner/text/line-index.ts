/**
 * Offset → line/column for one text, from a line-start table built in one pass. Lookups are a binary
 * search, so a bundle with a million findings on one 20 MB line costs no more than one with one.
 */
import { findKeys, redactText, type KeyRecognizerOptions, type Redacted } from '../../core/key.js';
import type { Location, Snippet } from '../finding.js';

export class LineIndex {
  readonly text: string;
  #starts: Uint32Array;
  #count: number;

  constructor(text: string) {
    this.text = text;
    let starts = new Uint32Array(Math.max(16, Math.min(text.length >>> 5, 1 << 20)));
    let count = 1;
    starts[0] = 0;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      if (count === starts.length) {
        const grown = new Uint32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = index + 1;
    }
    this.#starts = starts;
    this.#count = count;
  }

  get lineCount(): number {
    return this.#count;
  }

  /** 1-based line of `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.#count - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.#starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** Offset of the first character of 1-based `line`. */
  lineStart(line: number): number {
    return this.#starts[Math.min(Math.max(line, 1), this.#count) - 1]!;
  }

  /** Offset of the end of 1-based `line`, before its `\n` (and before a `\r` of a CRLF). */
  lineEnd(line: number): number {
    if (line >= this.#count) return this.text.length;
    let end = this.#starts[line]! - 1;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** ESLint-style location: 1-based lines and columns, `endColumn` one past the last character. */
  locate(start: number, end: number): Location {
    const line = this.lineOf(start);
    const endLine = end > start ? this.lineOf(end - 1) : line;
    return {
      line,
      column: start - this.lineStart(line) + 1,
      endLine,
      endColumn: end - this.lineStart(endLine) + 1,
    };
  }

  /**
   * The lines around a location, redacted, for a code frame. Long lines are cut to a window around
   * the finding; the window is widened so it never cuts through a key (half a key could escape
   * redaction).
   */
  snippet(location: Location, keyOptions: KeyRecognizerOptions = {}): Snippet {
    const firstLine = Math.max(1, location.line - 1);
    const lastLine = Math.min(this.#count, Math.min(location.endLine, location.line + 2) + 1);
    const anchor = location.column - 1;
    const windowStart = Math.max(0, anchor - 60);
    const lines: Redacted[] = [];
    let column = 1;
    for (let line = firstLine; line <= lastLine; line++) {
      const start = this.lineStart(line);
      const end = this.lineEnd(line);
      const from = Math.min(end, start + windowStart);
      const to = Math.min(end, from + 160);
      const shown = renderWindow(this.text, start, end, from, to, line === location.line ? start + anchor : -1, keyOptions);
      lines.push(shown.text);
      if (line === location.line) column = shown.column;
    }
    return { firstLine, lines, column };
  }
}

/**
 * `text[from, to)` of one line, redacted. Keys are found in a wider slice around the window, so a key
 * keeps the context the recognizer needs (`\nps_…` in JSON) and a key that crosses the window edge is
 * shown whole, in its redacted form. Other runs of key characters cut by the window are dropped (`…`).
 */
function renderWindow(
  text: string,
  lineStart: number,
  lineEnd: number,
  from: number,
  to: number,
  anchor: number,
  keyOptions: KeyRecognizerOptions,
): { text: Redacted; column: number } {
  const contextStart = Math.max(lineStart, from - 300);
  const contextEnd = Math.min(lineEnd, to + 300);
  const region = text.slice(contextStart, contextEnd);
  const keys = findKeys(region, keyOptions).map((key) => ({ ...key, start: key.start + contextStart, end: key.end + contextStart }));
  const cut = findCut(text, from, to, lineStart, lineEnd);
  let left = cut.left;
  let right = cut.right;
  let prefix = cut.prefix;
  let suffix = cut.suffix;
  for (const key of keys) {
    if (key.end > left && key.start < left) {
      left = key.start;
      prefix = '';
    }
    if (key.start < right && key.end > right) {
      right = key.end;
      suffix = '';
    }
  }
  // A cropped line says so at each cut, so a context line never reads as different code.
  if (left > lineStart) prefix = '…';
  if (right < lineEnd) suffix = '…';
  let output = prefix;
  let column = -1;
  let position = left;
  for (const key of keys) {
    if (key.end <= left || key.start >= right) continue;
    if (anchor >= position && anchor <= key.start && column < 0) column = output.length + (anchor - position) + 1;
    output += text.slice(position, key.start);
    if (anchor >= key.start && anchor < key.end && column < 0) column = output.length + 1;
    output += key.redacted;
    position = key.end;
  }
  if (anchor >= position && anchor <= right && column < 0) column = output.length + (anchor - position) + 1;
  output += text.slice(position, right) + suffix;
  // Last line of defence: whatever the cutting did, redact what is shown once more.
  const redacted = redactText(output, keyOptions);
  return { text: redacted, column: column < 0 ? 1 : Math.min(column, redacted.length + 1) };
}

/** Key characters are `[A-Za-z0-9_-]`. */
function isKeyCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

interface Cut {
  left: number;
  right: number;
  prefix: string;
  suffix: string;
}

/**
 * Where to cut `[from, to)` out of a line: the cut points move off runs of key characters (up to 128
 * characters each way, to stay linear); a run that would still be cut is dropped and shown as `…`, so
 * no fragment of a key that the recognizer can no longer see is ever printed.
 */
function findCut(text: string, from: number, to: number, lineStart: number, lineEnd: number): Cut {
  let left = from;
  const leftBound = Math.max(lineStart, from - 128);
  while (left > leftBound && isKeyCharacter(text.charCodeAt(left - 1))) left--;
  let right = to;
  const rightBound = Math.min(lineEnd, to + 128);
  while (right < rightBound && isKeyCharacter(text.charCodeAt(right))) right++;
  let prefix = '';
  let suffix = '';
  if (left > lineStart && isKeyCharacter(text.charCodeAt(left - 1))) {
    while (left < right && isKeyCharacter(text.charCodeAt(left))) left++;
    prefix = '…';
  }
  if (right < lineEnd && isKeyCharacter(text.charCodeAt(right))) {
    while (right > left && isKeyCharacter(text.charCodeAt(right - 1))) right--;
    suffix = '…';
  }
  return { left, right, prefix, suffix };
}
