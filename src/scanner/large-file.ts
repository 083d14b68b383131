/**
 * Text-path files larger than `LARGE_FILE_BYTES` (huge bundles and source maps) are scanned in
 * overlapping chunks: each chunk is decoded and scanned on its own, so memory stays at the file's
 * bytes plus one chunk, instead of the bytes plus a whole decoded copy (two bytes per character
 * once a single non-ASCII character appears). A finding belongs to the chunk its first character
 * lies in; the overlap around each chunk gives the detectors the context they read around a key.
 * Positions are translated to the whole file's lines and UTF-16 columns, and occurrence numbers
 * (fingerprints) run over the whole file.
 *
 * What differs from the whole-file path: source maps are read as plain text (a key in
 * `sourcesContent` is found and reported at the map, without the original file's position).
 */
import { isAscii } from 'node:buffer';
import type { PilotStatusSettings } from '../core/settings.js';
import type { Classification } from './classify.js';
import { FindingCollector, type RuleSeverities } from './collector.js';
import { applyInlineIgnores } from './filter.js';
import { OccurrenceCounter, type Finding } from './finding.js';
import { scanText } from './text/index.js';
import { LineIndex } from './text/line-index.js';

export const LARGE_FILE_BYTES = 32 * 1024 * 1024;
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Context each side of a chunk: far more than a key and the URL or assignment around it. */
const OVERLAP_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface LargeFileOptions {
  relative: string;
  classification: Classification;
  settings: PilotStatusSettings;
  severities: RuleSeverities;
}

/** True for bytes the chunked path can decode: UTF-8 (with or without a BOM), not UTF-16. */
export function isChunkable(bytes: Uint8Array): boolean {
  return bytes.length > LARGE_FILE_BYTES && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff);
}

export function scanLargeText(bytes: Buffer, options: LargeFileOptions): { findings: Finding[]; inlineIgnored: number } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const classification: Classification = options.classification.kind === 'source-map' ? { ...options.classification, kind: 'bundle' } : options.classification;
  const occurrences = new OccurrenceCounter();
  const findings: Finding[] = [];
  let inlineIgnored = 0;
  // Line number and UTF-16 column at `position`, advanced chunk by chunk (every byte is looked at once).
  const cursor = { position: bom, line: 1, column: 0 };
  let ownStart = bom;
  while (ownStart < bytes.length) {
    const ownEnd = findChunkEnd(bytes, ownStart);
    const windowStart = toCharBoundary(bytes, Math.max(bom, ownStart - OVERLAP_BYTES), 1);
    const windowEnd = toCharBoundary(bytes, Math.min(bytes.length, ownEnd + OVERLAP_BYTES), -1);
    advance(bytes, cursor, windowStart);
    const base = { line: cursor.line, column: cursor.column };
    const window = bytes.subarray(windowStart, windowEnd);
    const text = isAscii(window) ? window.toString('latin1') : utf8.decode(window);
    const ownFrom = countUnits(bytes, windowStart, ownStart);
    const ownTo = ownFrom + countUnits(bytes, ownStart, ownEnd);
    const lines = new LineIndex(text);
    const collector = new FindingCollector(options.relative, lines, options.severities, { keyPattern: options.settings.keyPattern }, {
      occurrences,
      // A match running into the window's end may continue past it: the whole-file view decides it, not this cut.
      accept: (start, end) => start >= ownFrom && start < ownTo && (end < text.length || windowEnd === bytes.length),
    });
    scanText(text, lines, classification, options.settings, collector);
    const inline = applyInlineIgnores(collector.findings, lines);
    inlineIgnored += inline.dropped;
    for (const finding of inline.kept) findings.push(relocate(finding, base));
    ownStart = ownEnd;
  }
  return { findings, inlineIgnored };
}

/** The chunk ends after a newline near its nominal end when there is one, so most chunks start at a line. */
function findChunkEnd(bytes: Buffer, start: number): number {
  const nominal = start + CHUNK_BYTES;
  if (nominal >= bytes.length) return bytes.length;
  const newline = bytes.indexOf(0x0a, nominal);
  if (newline !== -1 && newline - nominal < OVERLAP_BYTES) return newline + 1;
  return toCharBoundary(bytes, nominal, 1);
}

/** Moves `position` off UTF-8 continuation bytes, forward (`1`) or back (`-1`). */
function toCharBoundary(bytes: Buffer, position: number, direction: 1 | -1): number {
  let at = position;
  for (let steps = 0; steps < 3 && at > 0 && at < bytes.length && (bytes[at]! & 0xc0) === 0x80; steps++) at += direction;
  return at;
}

/** UTF-16 code units that the UTF-8 bytes `[from, to)` decode to (a 4-byte sequence is a surrogate pair). */
function countUnits(bytes: Buffer, from: number, to: number): number {
  let units = 0;
  for (let index = from; index < to; index++) {
    const byte = bytes[index]!;
    if ((byte & 0xc0) !== 0x80) units++;
    if (byte >= 0xf0) units++;
  }
  return units;
}

function advance(bytes: Buffer, cursor: { position: number; line: number; column: number }, to: number): void {
  if (to <= cursor.position) return;
  let lineStart = -1;
  for (let newline = bytes.indexOf(0x0a, cursor.position); newline !== -1 && newline < to; newline = bytes.indexOf(0x0a, newline + 1)) {
    cursor.line++;
    lineStart = newline + 1;
  }
  cursor.column = lineStart === -1 ? cursor.column + countUnits(bytes, cursor.position, to) : countUnits(bytes, lineStart, to);
  cursor.position = to;
}

/** From the chunk's lines and columns to the file's: the chunk's first line may start mid-line. */
function relocate(finding: Finding, base: { line: number; column: number }): Finding {
  const shift = (line: number, column: number) => (line === 1 ? column + base.column : column);
  return {
    ...finding,
    line: finding.line + base.line - 1,
    column: shift(finding.line, finding.column),
    endLine: finding.endLine + base.line - 1,
    endColumn: shift(finding.endLine, finding.endColumn),
    ...(finding.snippet ? { snippet: { ...finding.snippet, firstLine: finding.snippet.firstLine + base.line - 1 } } : {}),
  };
}
