/**
 * One file through the pipeline: read (size cap, binary sniff, decoding) → classify → lint or text
 * detectors → inline ignores. Runs on the main thread for linted source, and in the text workers
 * (`text-worker.ts`) for everything else, so it takes plain data and returns plain data.
 */
import type { PilotStatusSettings } from '../core/settings.js';
import { withContentProvider, type ContentProvider } from '../analysis/content.js';
import { isRelevantSource, isSettledWithoutFindings } from '../analysis/relevance.js';
import { classifyPath, hasMinifiedLine, type Classification } from './classify.js';
import { FindingCollector, type RuleSeverities } from './collector.js';
import { applyInlineIgnores } from './filter.js';
import type { Finding } from './finding.js';
import type { LintEngine } from './lint.js';
import { decodeContent, describeReadError, hasNul, mayHoldTextFindings, readFileCappedSync } from './read.js';
import { bufferSource, fileSource, isChunkable, LARGE_FILE_BYTES, scanLargeText, type ByteSource } from './large-file.js';
import { scanRawBytes } from './raw-bytes.js';
import { extractScriptBlocks } from './script-blocks.js';
import { scanKeysNotCovered, scanText } from './text/index.js';
import { LineIndex } from './text/line-index.js';

export interface WorkItem {
  absolute: string;
  relative: string;
  readPath: string | Buffer;
  /** Content already in memory (staged mode reads the index). */
  content?: Buffer;
  /** A file the linter can open by name (not a git blob of a non-UTF-8 path). */
  lintable: boolean;
  /** Listed by `git diff`: a file deleted since then is simply gone, not an error. */
  sinceMode?: boolean;
  /** What the analysis reads other files from (history: the blob's commit tree); default the working tree. */
  provider?: ContentProvider;
  /** The content is not the snapshot's version of the file (standard input under a file's name). */
  outsideSnapshot?: boolean;
}

/** True when the file goes to ESLint (decided by its name, before reading): such files stay on the main thread. */
export function isLintCandidate(item: WorkItem, textOnly: boolean): boolean {
  const kind = classifyPath(item.relative, { textOnly }).kind;
  return (kind === 'source' || kind === 'component') && item.lintable;
}

export interface ProcessContext {
  maxFileSize: number;
  byteMarkers: readonly Buffer[];
  textOnly: boolean;
  settings: PilotStatusSettings;
  severities: RuleSeverities;
  getEngine: () => Promise<LintEngine>;
  /** The snapshot other files are read from (`--staged`: the git index); the working tree when unset. */
  content?: ContentProvider;
}

export interface FileOutcome {
  findings: Finding[];
  error?: string;
  skipped?: { kind: 'binary' | 'tooLarge'; reason: string };
  engine?: 'eslint' | 'text';
  /** Linted with type information. */
  typed?: boolean;
  sourceMap?: boolean;
  inlineIgnored: number;
  /** Why the file took the path it took (`--verbose`). */
  route?: string;
}

export async function processFile(item: WorkItem, context: ProcessContext): Promise<FileOutcome> {
  let classification: Classification = classifyPath(item.relative, { textOnly: context.textOnly });
  // A history blob reads its own commit's tree; otherwise the scan's snapshot (the index, the tree).
  const provider = item.provider ?? context.content;
  const inSnapshot = <T>(body: () => T): T => (provider ? withContentProvider(provider, body) : body());
  const linted = (classification.kind === 'source' || classification.kind === 'component') && item.lintable && !context.textOnly;
  // Source the pre-filter has read already, as a module another file imports, and found empty.
  if (linted && !item.content && !item.outsideSnapshot && inSnapshot(() => isSettledWithoutFindings(item.absolute, context.settings))) {
    return { findings: [], engine: 'text', inlineIgnored: 0, route: 'text path, not read again: read as an import already, no key in its bytes, and its import closure holds no PilotStatus evidence any rule needs' };
  }
  let bytes: Buffer;
  if (item.content) {
    if (item.content.length > context.maxFileSize) return tooLarge(item.content.length, context.maxFileSize);
    bytes = item.content;
  } else {
    try {
      // A huge file is scanned from disk a window at a time, never read whole.
      const read = readFileCappedSync(item.readPath, context.maxFileSize, {
        above: LARGE_FILE_BYTES,
        handle: (descriptor, size) => scanLargeFileOnDisk(descriptor, size, item, classification, context),
      });
      if (read.kind === 'handled') return read.value;
      if (read.kind === 'too-large') return tooLarge(read.size, context.maxFileSize);
      if (read.kind === 'not-a-file') return { findings: [], error: 'not a regular file', inlineIgnored: 0 };
      bytes = read.bytes;
    } catch (error) {
      // A file deleted after `git diff` listed it has no content left to leak.
      if (item.sinceMode && (error as NodeJS.ErrnoException).code === 'ENOENT') return { findings: [], inlineIgnored: 0 };
      return { findings: [], error: describeReadError(error), inlineIgnored: 0 };
    }
  }
  // Text-path files with none of the markers cannot hold a finding: skip decoding them at all.
  const keysOnly = classification.kind !== 'text';
  if (!linted && !context.settings.keyPattern && !mayHoldTextFindings(bytes, context.byteMarkers, keysOnly)) {
    if (!classification.textByName && hasNul(bytes)) return { findings: [], skipped: { kind: 'binary', reason: 'binary file (NUL bytes)' }, inlineIgnored: 0 };
    return { findings: [], engine: 'text', inlineIgnored: 0, route: 'text path, not decoded: no key or PilotStatus marker in its bytes' };
  }
  // Staged content this large (already in memory): scanned chunk by chunk all the same, never decoded whole.
  if (isChunkable(bytes)) {
    if (!classification.textByName && hasNul(bytes)) return binary();
    return scanChunked(bufferSource(bytes), item, classification, context);
  }
  // The rules' own pre-filter decides which source files need the AST pass: a file that neither
  // holds nor imports any trigger word cannot get a rule finding (the text detectors still run).
  let relevant: boolean | undefined;
  if (linted && !context.settings.keyPattern && !mayHoldTextFindings(bytes, context.byteMarkers, true)) {
    // Most source of a tree is neither: then it is not decoded at all, as in --text-only. The
    // evidence words are ASCII, so the Latin-1 view of the bytes (a copy, no UTF-8 decoding) finds
    // the same ones (a UTF-16 file has a BOM, and mayHoldTextFindings let it through above); and
    // a file an importer has read already needs no view at all.
    relevant = inSnapshot(() => isRelevantSource(item.absolute, () => bytes.toString('latin1'), context.settings, { textIsSnapshot: !item.outsideSnapshot }));
    if (!relevant) return { findings: [], engine: 'text', inlineIgnored: 0, route: 'text path, not decoded: no key in its bytes, and its import closure holds no PilotStatus evidence any rule needs' };
  }
  const decoded = decodeContent(bytes, classification.textByName);
  if (decoded.kind === 'binary') {
    // Not text, but it holds a key marker: its raw bytes are searched for keys all the same.
    const raw = scanRawBytes(bytes, 'binary', [], { relative: item.relative, classification, settings: context.settings, severities: context.severities, byteMarkers: context.byteMarkers });
    if (raw.findings.length > 0) return { findings: raw.findings, engine: 'text', inlineIgnored: raw.inlineIgnored, route: 'text path: binary file (NUL bytes), searched as raw bytes for keys' };
    return { findings: [], skipped: { kind: 'binary', reason: 'binary file (NUL bytes)' }, inlineIgnored: 0 };
  }
  const text = decoded.text;
  if (classification.kind === 'source' && hasMinifiedLine(text)) {
    classification = { ...classification, kind: 'bundle' };
  }
  const lines = new LineIndex(text);
  const createCollector = () => new FindingCollector(item.relative, lines, context.severities, { keyPattern: context.settings.keyPattern });
  let collector = createCollector();
  let error: string | undefined;
  let engine: 'eslint' | 'text' = 'text';
  let typed = false;
  let route: string;
  const needsLint = (classification.kind === 'source' || classification.kind === 'component') && item.lintable && (relevant ?? inSnapshot(() => isRelevantSource(item.absolute, text, context.settings, { textIsSnapshot: !item.outsideSnapshot })));
  if (needsLint) {
    const blocks =
      classification.kind === 'source'
        ? [{ offset: 0, text, filename: item.absolute, virtual: false }]
        : extractScriptBlocks(item.absolute, text);
    const linter = await context.getEngine();
    const outcome = inSnapshot(() => linter.lint(item.absolute, blocks, lines, collector));
    if (outcome.ok) {
      engine = 'eslint';
      typed = outcome.typed;
      route = `${classification.kind === 'component' ? 'lint path: script blocks of a component' : 'lint path: JS/TS source'} whose import closure holds PilotStatus evidence a rule needs${typed ? ' (type-checked: it names a key brand type)' : ''}`;
      scanKeysNotCovered(text, lines, classification, context.settings, collector, (line) => outcome.keyLines.has(line));
    } else {
      // A syntax error never hides a key: the file is read as text, and the error is reported.
      error = outcome.reason;
      route = 'text path: did not parse, so it was scanned as text and the semantic rules did not run';
      collector = createCollector();
      scanText(text, lines, { ...classification, kind: 'bundle' }, context.settings, collector);
    }
  } else {
    route = textRoute(classification, item, context.textOnly);
    if (classification.kind === 'source' || classification.kind === 'component') classification = { ...classification, kind: 'bundle' };
    scanText(text, lines, classification, context.settings, collector);
  }
  const inline = applyInlineIgnores(collector.findings, lines);
  const raw = scanRawBytes(bytes, decoded.encoding, inline.kept, { relative: item.relative, classification, settings: context.settings, severities: context.severities, byteMarkers: context.byteMarkers });
  return {
    findings: [...inline.kept, ...raw.findings],
    ...(error ? { error } : {}),
    engine,
    ...(typed ? { typed } : {}),
    sourceMap: classification.kind === 'source-map',
    inlineIgnored: inline.dropped + raw.inlineIgnored,
    route,
  };
}

function textRoute(classification: Classification, item: WorkItem, textOnly: boolean): string {
  if (classification.kind === 'source' || classification.kind === 'component') {
    if (textOnly) return 'text path: --text-only';
    if (!item.lintable) return 'text path: its name is not valid UTF-8, so ESLint cannot open it';
    return 'text path: JS/TS source whose import closure holds no PilotStatus evidence any rule needs (no rule could report here)';
  }
  if (classification.kind === 'bundle') return 'text path: build output or minified code';
  if (classification.kind === 'source-map') return 'text path: source map (each sourcesContent entry)';
  return `text path: not JS/TS source (${classification.language})`;
}

/**
 * Files over `LARGE_FILE_BYTES` (huge bundles, source maps), on their open handle: binary sniff of the
 * first bytes, UTF-16 (which the chunks cannot decode: undefined, read it whole as usual), then
 * scanned in chunks read with positioned reads.
 * (Source this large is generated, not written: it is read as a bundle, never linted.)
 */
function scanLargeFileOnDisk(descriptor: number, size: number, item: WorkItem, classification: Classification, context: ProcessContext): FileOutcome | undefined {
  const source = fileSource(descriptor, size);
  const head = source.read(0, 8000);
  if (!isChunkable(head, size)) return undefined;
  if (!classification.textByName && hasNul(head)) return binary();
  return scanChunked(source, item, classification, context);
}

function scanChunked(source: ByteSource, item: WorkItem, classification: Classification, context: ProcessContext): FileOutcome {
  const kind = classification.kind === 'source' || classification.kind === 'component' ? { ...classification, kind: 'bundle' as const } : classification;
  const large = scanLargeText(source, { relative: item.relative, classification: kind, settings: context.settings, severities: context.severities, byteMarkers: context.byteMarkers });
  return { findings: large.findings, engine: 'text', sourceMap: classification.kind === 'source-map', inlineIgnored: large.inlineIgnored, route: 'text path: over 32 MB, scanned in chunks as text' };
}

function binary(): FileOutcome {
  return { findings: [], skipped: { kind: 'binary', reason: 'binary file (NUL bytes)' }, inlineIgnored: 0 };
}

function tooLarge(size: number, limit: number): FileOutcome {
  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;
  return { findings: [], skipped: { kind: 'tooLarge', reason: `larger than --max-file-size (${mb(size)} > ${mb(limit)})` }, inlineIgnored: 0 };
}
