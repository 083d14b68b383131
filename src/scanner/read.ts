/**
 * Reading a file once and turning its bytes into text: size cap, binary sniff, BOMs and encodings.
 * A file that is text in any encoding we know is decoded and scanned; invalid UTF-8 is still scanned
 * (with replacement characters), because a broken byte elsewhere must not hide a key.
 */
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { KEY_PREFIX_SPELLINGS } from '../core/key.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type DecodeResult =
  | { kind: 'text'; text: string; encoding: Encoding; invalidBytes: boolean }
  | { kind: 'binary' };

/** Like git, look for a NUL in the first 8000 bytes. */
const SNIFF_BYTES = 8000;

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: false, ignoreBOM: true });

/**
 * Decodes file content. `textByName` says the file name promises text (`.env`, `.js`…): then a NUL
 * byte does not make the file binary, it is just a character to scan past.
 */
export function decodeContent(bytes: Uint8Array, textByName = false): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { kind: 'text', text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le', invalidBytes: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { kind: 'text', text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be', invalidBytes: false };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (!textByName && hasNul(body)) return { kind: 'binary' };
  // Most code is pure ASCII: then Latin-1 decoding gives the same string, about three times faster.
  if (isAscii(body)) {
    const text = (Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.length)).toString('latin1');
    return { kind: 'text', text, encoding: bom ? 'utf-8-bom' : 'utf-8', invalidBytes: false };
  }
  const text = utf8.decode(body);
  // Only decode strictly when a replacement character shows up, to tell real U+FFFD from bad bytes.
  const invalidBytes = text.includes('\ufffd') && !isValidUtf8(body);
  return { kind: 'text', text, encoding: bom ? 'utf-8-bom' : 'utf-8', invalidBytes };
}

export function hasNul(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, SNIFF_BYTES);
  for (let index = 0; index < limit; index++) if (bytes[index] === 0) return true;
  return false;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export type ReadResult<T = never> =
  | { kind: 'bytes'; bytes: Buffer; size: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'not-a-file' }
  | { kind: 'handled'; value: T };

/** Takes over a file above `above` bytes on its open handle (a huge file is scanned in windows, not read whole). */
export interface LargeFileHandler<T> {
  above: number;
  handle(descriptor: number, size: number): T | undefined;
}

const PROBE = Buffer.alloc(1);

/**
 * Reads a file whole, but checks its size on the open handle first, so a file that grows or is
 * swapped between discovery and reading is still held to the cap.
 *
 * Synchronous on purpose: for the many small files of a tree, one open/fstat/read/close on this
 * thread is several times faster than the same through the thread pool (measured in bench/).
 */
export function readFileCappedSync<T = never>(path: string | Buffer, maxBytes: number, large?: LargeFileHandler<T>): ReadResult<T> {
  const descriptor = openSync(path, 'r');
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { kind: 'not-a-file' };
    if (stats.size > maxBytes) return { kind: 'too-large', size: stats.size };
    if (large && stats.size > large.above) {
      const value = large.handle(descriptor, stats.size);
      if (value !== undefined) return { kind: 'handled', value };
    }
    let bytes = Buffer.allocUnsafe(stats.size);
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        // Read all fstat promised: one probe read tells whether the file grew since (rarely), and only
        // then is a larger buffer made, so the common case copies nothing.
        const probe = readSync(descriptor, PROBE, 0, 1, null);
        if (probe === 0) break;
        if (length + probe > maxBytes) return { kind: 'too-large', size: length + probe };
        const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(64 * 1024, bytes.length * 2)));
        bytes.copy(larger, 0, 0, length);
        larger[length] = PROBE[0]!;
        length += probe;
        bytes = larger;
        continue;
      }
      const read = readSync(descriptor, bytes, length, bytes.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { kind: 'too-large', size: length };
    return { kind: 'bytes', bytes: bytes.subarray(0, length), size: length };
  } finally {
    closeSync(descriptor);
  }
}

/** Words for a read failure that a person can act on; never includes file content. */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file disappeared before it could be read (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'ELOOP':
      return 'symbolic link loop (ELOOP)';
    case 'EISDIR':
      return 'is a directory (EISDIR)';
    case 'EMFILE':
    case 'ENFILE':
      return `too many open files (${code})`;
    default:
      return code ? `could not be read (${code})` : `could not be read (${error instanceof Error ? error.name : 'unknown error'})`;
  }
}

/**
 * The text detectors' cheap pre-filter, on the raw bytes before any decoding: every text finding
 * needs `ps_` (a key) or a PilotStatus host or name (a Bearer request). UTF-16 files are decoded
 * first (their bytes hold the markers interleaved with NULs), so this only answers for 8-bit text.
 */
export function createByteMarkers(apiHosts: readonly string[]): Buffer[] {
  const words: string[] = [...KEY_PREFIX_SPELLINGS, 'pilot', 'PILOT', 'Pilot'];
  for (const host of apiHosts) if (!/pilot/i.test(host)) words.push(host.toLowerCase(), host.toUpperCase());
  return words.map((word) => Buffer.from(word, 'utf8'));
}

/**
 * `keysOnly`: the file is build output or a source map, where every detector starts from a key (the
 * Bearer detector runs on text files only), so the names and hosts do not make it worth decoding: a
 * bundle that says "Copilot" is not read for that.
 */
export function mayHoldTextFindings(bytes: Uint8Array, markers: readonly Buffer[], keysOnly = false): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return markers.some((marker) => (isKeyMarker(marker) ? hasUngluedPrefix(buffer, marker) : !keysOnly && buffer.indexOf(marker) >= 0));
}

function isKeyMarker(marker: Buffer): boolean {
  return marker.length === 3 && marker[2] === 0x5f;
}

/** `ps_` that starts a token (`maps_`, `steps_` in minified code do not; an escape such as `\n` before it does). */
function hasUngluedPrefix(buffer: Buffer, marker: Buffer): boolean {
  for (let index = buffer.indexOf(marker); index >= 0; index = buffer.indexOf(marker, index + 1)) {
    if (index === 0) return true;
    const previous = buffer[index - 1]!;
    const isIdentifierByte = (previous >= 0x30 && previous <= 0x39) || (previous >= 0x41 && previous <= 0x5a) || (previous >= 0x61 && previous <= 0x7a) || previous === 0x5f || previous === 0x24;
    if (!isIdentifierByte || (index >= 2 && buffer[index - 2] === 0x5c)) return true;
  }
  return false;
}
