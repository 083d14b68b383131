/**
 * Source maps ship next to their bundle, and `sourcesContent` holds the original code whole. Keys are
 * found in the map's own text (so `file`/`line` are the map's: it is the map that ships), and each is
 * paired with the original source and line it came from (`origin`).
 */
import { findKeys, type KeyMatch } from '../../core/key.js';
import type { FindingOrigin } from '../finding.js';
import { LineIndex } from './line-index.js';
import type { TextScanContext } from './context.js';
import { detectKeys } from './keys.js';
import { detectKeysInUrls } from './key-in-url.js';

interface DecodedKey {
  origin: FindingOrigin;
}

export function detectInSourceMap(context: TextScanContext): void {
  const origins = new Map<KeyMatch, FindingOrigin>();
  const decoded = findKeysInSourcesContent(context);
  if (decoded) {
    for (const key of context.keys) {
      const queue = decoded.get(key.hash);
      const next = queue?.shift();
      if (next) origins.set(key, next.origin);
    }
    // Keys the raw text does not show (escaped inside the JSON string) are reported at `sourcesContent`.
    const anchor = context.text.indexOf('"sourcesContent"');
    const leftovers: KeyMatch[] = [];
    for (const [hash, queue] of decoded) {
      for (const item of queue) {
        if (anchor >= 0) {
          const synthetic: KeyMatch = { start: anchor, end: anchor + '"sourcesContent"'.length, environment: undefined, redacted: item.redacted, hash };
          origins.set(synthetic, item.origin);
          leftovers.push(synthetic);
        }
      }
    }
    if (leftovers.length > 0) context.keys = [...context.keys, ...leftovers].sort((a, b) => a.start - b.start);
  }
  detectKeys(context, origins);
  detectKeysInUrls(context);
}

/** Key hash → where each occurrence sits in the original sources; undefined when the map is not JSON. */
function findKeysInSourcesContent(context: TextScanContext): Map<string, (DecodedKey & { redacted: KeyMatch['redacted'] })[]> | undefined {
  let map: unknown;
  try {
    map = JSON.parse(context.text.startsWith(")]}'") ? context.text.slice(context.text.indexOf('\n') + 1) : context.text);
  } catch {
    return undefined;
  }
  const result = new Map<string, (DecodedKey & { redacted: KeyMatch['redacted'] })[]>();
  for (const section of getSections(map)) {
    const sources = Array.isArray(section.sources) ? section.sources : [];
    const contents = Array.isArray(section.sourcesContent) ? section.sourcesContent : [];
    contents.forEach((content: unknown, index: number) => {
      if (typeof content !== 'string' || !content.includes('ps_')) return;
      const keys = findKeys(content, context.keyOptions);
      if (keys.length === 0) return;
      const lines = new LineIndex(content);
      const source = typeof sources[index] === 'string' ? sources[index] : `sourcesContent[${index}]`;
      for (const key of keys) {
        const queue = result.get(key.hash) ?? [];
        queue.push({ origin: { source, line: lines.lineOf(key.start) }, redacted: key.redacted });
        result.set(key.hash, queue);
      }
    });
  }
  return result;
}

interface MapSection {
  sources?: unknown;
  sourcesContent?: unknown;
}

/** A plain map, or the sections of an index map. */
function getSections(map: unknown): MapSection[] {
  if (!map || typeof map !== 'object') return [];
  const sections = (map as { sections?: unknown }).sections;
  if (Array.isArray(sections)) {
    return sections.flatMap((section) => getSections((section as { map?: unknown } | null)?.map));
  }
  return [map];
}
