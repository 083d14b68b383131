/**
 * The text side of the scanner: runs the detectors that fit the file's classification over one
 * decoded text. Pure (no I/O), so a worker thread can run it as well as the main thread.
 */
import type { PilotStatusSettings } from '../../core/settings.js';
import type { Classification } from '../classify.js';
import { FindingCollector } from '../collector.js';
import { detectBearerAuth } from './bearer.js';
import { createTextScanContext } from './context.js';
import { detectKeysToForeignHosts } from './foreign-host.js';
import { detectKeysInUrls } from './key-in-url.js';
import { detectKeys } from './keys.js';
import type { LineIndex } from './line-index.js';
import { detectInSourceMap } from './source-map.js';
import { detectSubKeyApi } from './sub-key-api.js';

/** Runs the text detectors for `classification` into `collector`. */
export function scanText(text: string, lines: LineIndex, classification: Classification, settings: PilotStatusSettings, collector: FindingCollector): void {
  const context = createTextScanContext(text, lines, classification, settings, collector);
  if (classification.kind === 'source-map') {
    detectInSourceMap(context);
    return;
  }
  detectKeys(context);
  detectKeysInUrls(context);
  // Bearer headers in JavaScript are the ESLint rule's business; bundles are not requests people write.
  if (classification.kind === 'text') {
    detectBearerAuth(context);
    detectSubKeyApi(context);
    detectKeysToForeignHosts(context);
  }
}

/**
 * The safety net for linted source: keys that no `no-hardcoded-key` report (or suppression) of the
 * rule covers, e.g. in a comment, are still reported. When the plugin has no such rule yet, this is
 * what finds keys in source.
 */
export function scanKeysNotCovered(
  text: string,
  lines: LineIndex,
  classification: Classification,
  settings: PilotStatusSettings,
  collector: FindingCollector,
  covered: (line: number) => boolean,
): void {
  const context = createTextScanContext(text, lines, classification, settings, collector);
  context.keys = context.keys.filter((key) => !covered(lines.lineOf(key.start)));
  if (context.keys.length === 0) return;
  detectKeys(context);
}
