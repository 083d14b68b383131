/**
 * Keys in the raw bytes, whatever the decoder decided. A file that starts with a UTF-16 byte order
 * mark is decoded as UTF-16, but a mislabelled one (`FF FE` followed by plain ASCII) decodes to
 * nonsense, and a key in it would be missed. Its bytes are also read as 8-bit text (Latin-1: each byte
 * one character, so an ASCII `ps_…` run stays itself) and scanned again; findings the decoded text
 * did not give are added. A real UTF-16 file has NULs between its ASCII letters, so this finds nothing there.
 * A file skipped as binary (NUL bytes) that holds a key marker is searched the same way: a key compiled
 * into an app binary or an archive stored uncompressed has leaked all the same.
 */
import type { PilotStatusSettings } from '../core/settings.js';
import type { Classification } from './classify.js';
import { FindingCollector, type RuleSeverities } from './collector.js';
import { applyInlineIgnores } from './filter.js';
import type { Finding } from './finding.js';
import { mayHoldTextFindings, type Encoding } from './read.js';
import { scanText } from './text/index.js';
import { LineIndex } from './text/line-index.js';

export interface RawScanContext {
  relative: string;
  classification: Classification;
  settings: PilotStatusSettings;
  severities: RuleSeverities;
  byteMarkers: readonly Buffer[];
}

/**
 * Findings in the bytes read as 8-bit text that `found` lacks, after inline ignores; [] unless the file
 * was decoded as UTF-16 or judged binary.
 */
export function scanRawBytes(bytes: Buffer, encoding: Encoding | 'binary', found: readonly Finding[], context: RawScanContext): { findings: Finding[]; inlineIgnored: number } {
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && encoding !== 'binary') return { findings: [], inlineIgnored: 0 };
  const body = encoding === 'binary' ? bytes : bytes.subarray(2); // past the byte order mark
  if (!mayHoldTextFindings(body, context.byteMarkers, true)) return { findings: [], inlineIgnored: 0 };
  const text = body.toString('latin1');
  const lines = new LineIndex(text);
  const collector = new FindingCollector(context.relative, lines, context.severities, { keyPattern: context.settings.keyPattern });
  // Read as build output: the key detectors only (these bytes are not the code the rules would parse).
  const kind = encoding !== 'binary' && (context.classification.kind === 'text' || context.classification.kind === 'source-map') ? context.classification.kind : 'bundle';
  scanText(text, lines, { ...context.classification, kind }, context.settings, collector);
  const inline = applyInlineIgnores(collector.findings, lines);
  const known = new Set(found.map((finding) => `${finding.ruleId} ${finding.message}`));
  return { findings: inline.kept.filter((finding) => !known.has(`${finding.ruleId} ${finding.message}`)), inlineIgnored: inline.dropped };
}
