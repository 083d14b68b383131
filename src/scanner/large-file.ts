/**
 * Files larger than `LARGE_FILE_BYTES` (huge bundles and source maps) are scanned in overlapping
 * chunks, read from the file one window at a time (`fileSource`): each chunk is decoded and scanned on
 * its own, so memory stays at about one chunk, whatever the file's size, instead of the bytes plus a
 * whole decoded copy (two bytes per character once a single non-ASCII character appears). A finding belongs to the chunk its first character
 * lies in; the overlap around each chunk gives the detectors the context they read around a key.
 * Positions are translated to the whole file's lines and UTF-16 columns, and occurrence numbers
 * (fingerprints) run over the whole file.
 *
 * What differs from the whole-file path: source maps are read as plain text (a key in
 * `sourcesContent` is found and reported at the map, without the original file's position).
 */
import { isAscii } from 'node:buffer';
import { readSync } from 'node:fs';
import type { PilotStatusSettings } from '../core/settings.js';
import type { Classification } from './classify.js';
import { FindingCollector, type RuleSeverities } from './collector.js';
import { applyInlineIgnores } from './filter.js';
import { OccurrenceCounter, type Finding } from './finding.js';
import { scanText } from './text/index.js';
import { LineIndex } from './text/line-index.js';
import { mayHoldTextFindings } from './read.js';

export const LARGE_FILE_BYTES = 32 * 1024 * 1024;
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Context each side of a chunk: far more than a key and the URL or assignment around it. */
const OVERLAP_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Bytes `[start, end)` of a file or buffer: a huge file is read a window at a time, never whole. */
export interface ByteSource {
  size: number;
  read(start: number, end: number): Buffer;
}

export function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: (start, end) => bytes.subarray(start, end) };
}

/** Reads windows of an open file with positioned reads (`pread`), so only one window is in memory. */
export function fileSource(descriptor: number, size: number): ByteSource {
  return {
    size,
    read(start, end) {
      const window = Buffer.allocUnsafe(end - start);
      let length = 0;
      while (length < window.length) {
        const read = readSync(descriptor, window, length, window.length - length, start + length);
        if (read === 0) break; // the file shrank while it was read: scan what is there
        length += read;
      }
      return window.subarray(0, length);
    },
  };
}

export interface LargeFileOptions {
  relative: string;
  classification: Classification;
  settings: PilotStatusSettings;
  severities: RuleSeverities;
  /** The byte markers of the pre-filter: a chunk with none of them is not decoded. */
  byteMarkers: readonly Buffer[];
}

/** True for bytes the chunked path can decode: UTF-8 (with or without a BOM), not UTF-16. */
export function isChunkable(bytes: Uint8Array, size = bytes.length): boolean {
  return size > LARGE_FILE_BYTES && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff);
}

export function scanLargeText(source: ByteSource, options: LargeFileOptions): { findings: Finding[]; inlineIgnored: number } {
  const size = source.size;
  const head = source.read(0, Math.min(size, 3));
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const classification: Classification = options.classification.kind === 'source-map' ? { ...options.classification, kind: 'bundle' } : options.classification;
  const keysOnly = classification.kind !== 'text';
  const occurrences = new OccurrenceCounter();
  const findings: Finding[] = [];
  let inlineIgnored = 0;
  // Line number and UTF-16 column at `position`, advanced chunk by chunk (every byte is looked at once).
  const cursor = { position: bom, line: 1, column: 0 };
  let ownStart = bom;
  let windowStart = bom;
  while (ownStart < size) {
    // One read per chunk: the chunk, the context before it, and room to find its end and the context after.
    const regionStart = windowStart;
    const region = source.read(regionStart, Math.min(size, ownStart + CHUNK_BYTES + 2 * OVERLAP_BYTES));
    const regionEnd = regionStart + region.length;
    const at = (position: number) => position - regionStart;
    const ownEnd = Math.min(regionEnd, findChunkEnd(region, at(ownStart), regionEnd === size) + regionStart);
    const windowEnd = regionStart + toCharBoundary(region, at(Math.min(regionEnd, ownEnd + OVERLAP_BYTES)), -1);
    const base = { line: cursor.line, column: cursor.column };
    const window = region.subarray(0, at(windowEnd));
    if (options.settings.keyPattern || mayHoldTextFindings(window, options.byteMarkers, keysOnly)) {
      const text = isAscii(window) ? window.toString('latin1') : utf8.decode(window);
      const ownFrom = countUnits(region, 0, at(ownStart));
      const ownTo = ownFrom + countUnits(region, at(ownStart), at(ownEnd));
      const lines = new LineIndex(text);
      const collector = new FindingCollector(options.relative, lines, options.severities, { keyPattern: options.settings.keyPattern }, {
        occurrences,
        // A match running into the window's end may continue past it: the whole-file view decides it, not this cut.
        accept: (start, end) => start >= ownFrom && start < ownTo && (end < text.length || windowEnd === size),
      });
      scanText(text, lines, classification, options.settings, collector);
      const inline = applyInlineIgnores(collector.findings, lines);
      inlineIgnored += inline.dropped;
      for (const finding of inline.kept) findings.push(relocate(finding, base));
    }
    // The next window starts inside this region: move the cursor there while these bytes are at hand.
    const nextWindowStart = ownEnd >= size ? size : regionStart + toCharBoundary(region, at(Math.max(bom, ownEnd - OVERLAP_BYTES)), 1);
    advance(region, regionStart, cursor, nextWindowStart);
    ownStart = ownEnd;
    windowStart = nextWindowStart;
  }
  return { findings, inlineIgnored };
}

/**
 * End of the chunk starting at `start` (offsets into `region`): after a newline near its nominal
 * end when there is one, so most chunks start at a line; else at a character boundary.
 */
function findChunkEnd(region: Buffer, start: number, regionIsFileEnd: boolean): number {
  const nominal = start + CHUNK_BYTES;
  if (nominal >= region.length) return regionIsFileEnd ? region.length : toCharBoundary(region, Math.min(nominal, region.length - 1), 1);
  const newline = region.indexOf(0x0a, nominal);
  if (newline !== -1 && newline - nominal < OVERLAP_BYTES) return newline + 1;
  return toCharBoundary(region, nominal, 1);
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

/** Advances the cursor to the file offset `to` over the bytes of `region` (which starts at `regionStart`). */
function advance(region: Buffer, regionStart: number, cursor: { position: number; line: number; column: number }, to: number): void {
  if (to <= cursor.position) return;
  const from = cursor.position - regionStart;
  const end = to - regionStart;
  let lineStart = -1;
  for (let newline = region.indexOf(0x0a, from); newline !== -1 && newline < end; newline = region.indexOf(0x0a, newline + 1)) {
    cursor.line++;
    lineStart = newline + 1;
  }
  cursor.column = lineStart === -1 ? cursor.column + countUnits(region, from, end) : countUnits(region, lineStart, end);
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
