/**
 * What every text detector gets: the text once, its line index, the keys found once by the core
 * recognizer, and the file's classification. Detectors read slices of `text`; none copies it whole.
 */
import { findKeys, type KeyMatch, type KeyRecognizerOptions } from '../../core/key.js';
import type { PilotStatusSettings } from '../../core/settings.js';
import type { Classification } from '../classify.js';
import type { FindingCollector } from '../collector.js';
import { LineIndex } from './line-index.js';

export interface TextScanContext {
  text: string;
  lines: LineIndex;
  classification: Classification;
  settings: PilotStatusSettings;
  keyOptions: KeyRecognizerOptions;
  /** Every key in the text, in order. Computed once, shared by the detectors. */
  keys: KeyMatch[];
  collector: FindingCollector;
  /** Offsets of every API host mention, sorted; computed on first use. */
  hostMentions(): readonly number[];
}

export function createTextScanContext(
  text: string,
  lines: LineIndex,
  classification: Classification,
  settings: PilotStatusSettings,
  collector: FindingCollector,
): TextScanContext {
  const keyOptions: KeyRecognizerOptions = { keyPattern: settings.keyPattern };
  let mentions: number[] | undefined;
  return {
    text,
    lines,
    classification,
    settings,
    keyOptions,
    keys: findKeys(text, keyOptions),
    collector,
    hostMentions: () => (mentions ??= findHostMentions(text, settings.apiHosts)),
  };
}

/** Characters that end an unquoted token (a URL, an env value) in any of the text formats. */
export function isTokenBoundary(code: number): boolean {
  return (
    code <= 32 || code === 34 /* " */ || code === 39 /* ' */ || code === 96 /* ` */ || code === 60 /* < */ ||
    code === 62 /* > */ || code === 40 /* ( */ || code === 41 /* ) */ || code === 92 /* \ */ || code === 127
  );
}

/** Host names of the API (and subdomains) as one linear regex; cached per host list. */
const hostPatternCache = new Map<string, RegExp>();
export function getHostPattern(apiHosts: readonly string[]): RegExp {
  const id = apiHosts.join('\n');
  let pattern = hostPatternCache.get(id);
  if (!pattern) {
    const alternatives = [...apiHosts]
      .sort((a, b) => b.length - a.length)
      .map((host) => host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|');
    // Not glued to a preceding host character (a subdomain's `.` is fine), and not followed by more host.
    pattern = new RegExp(`(?<![A-Za-z0-9-])(?:${alternatives || '(?!)'})(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'gi');
    hostPatternCache.set(id, pattern);
  }
  return pattern;
}

/** Offsets of every API host mention in `text`, in one pass. */
export function findHostMentions(text: string, apiHosts: readonly string[]): number[] {
  const pattern = getHostPattern(apiHosts);
  const offsets: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) offsets.push(match.index);
  return offsets;
}

/** True when `text` (a short slice) mentions an API host. */
export function mentionsApiHost(text: string, apiHosts: readonly string[]): boolean {
  const pattern = getHostPattern(apiHosts);
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** Index of the first element of sorted `values` that is >= `target`. */
export function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
