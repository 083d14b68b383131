/**
 * The cheap pre-filter, one text test per file before any AST work. Every finding needs evidence of
 * PilotStatus in the file or in a module it imports: key material, a key-named variable, a key
 * header, a PilotStatus host or URL-named variable, the SDK, a key brand type. Each kind of evidence
 * is one bit, found by words (not substrings: `copilot` is no PilotStatus host, a bare `apiKey` no
 * PilotStatus key name), and each rule states what it needs (`RULE_PRECONDITIONS`). A file
 * that fails a rule's precondition costs that rule one bit test.
 *
 * Other files are read through the content provider (`content.ts`), so a scan of the git index sees
 * the staged imports. The scanner lints only files that pass some rule's precondition.
 */
import { getContentProvider } from './content.js';
import { KEY_PREFIX_SPELLINGS } from '../core/key.js';
import { DEFAULT_SETTINGS, type PilotStatusSettings } from '../core/settings.js';
import { isPilotStatusKeyName, isPilotStatusUrlName } from '../core/names.js';
import { REQUEST_CLIENT_WORDS } from './http-clients.js';
import { resolveModuleFile } from './module-resolution.js';
import type { TypeInfo } from './type-info.js';

/** Kinds of evidence, one bit each. */
export const Evidence = {
  /** `ps_` where a key could start (not inside an identifier). */
  keyMarker: 1,
  /** A name that says PilotStatus key or key id (`settings.keyNames`). */
  keyName: 2,
  /** `x-api-key` / `x-api-key-id`. */
  keyHeader: 4,
  /** A host of `settings.apiHosts`. */
  apiHost: 8,
  /** A name that says PilotStatus base URL (`settings.urlNames`). */
  urlName: 16,
  /** The vendor SDK. */
  sdk: 32,
  /** The word `Bearer`. */
  bearer: 64,
  /** An `api-keys` path (key management, the regenerate endpoint). */
  keyEndpoint: 128,
  /** A key brand type name or a scope annotation. */
  brand: 256,
  /** An HTTP client the request model knows (`REQUEST_CLIENT_WORDS` of `http-clients.ts`). */
  requestClient: 512,
  /** A type named for PilotStatus declared next to an API key field (`interface PilotConfig { apiKey: string }`). */
  keyType: 1024,
} as const;

const PILOTSTATUS_REQUESTS = Evidence.apiHost | Evidence.urlName | Evidence.sdk;
/** Evidence that is PilotStatus's on its own: key material, key names, brand types, key-holding PilotStatus types, the SDK. */
const KEY_SOURCES = Evidence.keyMarker | Evidence.keyName | Evidence.brand | Evidence.keyType | Evidence.sdk;
/**
 * `x-api-key` and `api-keys` are words of many APIs: in the file itself they count (a key header
 * built and logged here is a key either way); from an imported module only next to a PilotStatus
 * host, URL name or SDK in the import closure (in a large app one shared header constant would
 * otherwise make every importer a candidate).
 */
const SHARED_WORDS = Evidence.keyHeader | Evidence.keyEndpoint;

export interface FileEvidence {
  /** The file's own bits. */
  own: number;
  /** The bits of the file and of the modules it imports. */
  closure: number;
}

const has = (bits: number, mask: number) => (bits & mask) !== 0;

/**
 * A key literal, key name, key brand or type, or the SDK in the file or its import closure: without
 * one, only what the file's own words say is a key (a key header's value, a keyed request) can be.
 */
export const hasKeySourceInReach = ({ closure }: FileEvidence): boolean => has(closure, KEY_SOURCES);

/**
 * Whether the only words in reach that say "key" are the file's own key headers and `api-keys` paths
 * (any vendor's words): no key source or PilotStatus request in the file or its imports, and no
 * imported module naming a key header either. Then every key the taint engine can find starts at one
 * of those words in the file (`taint/reach.ts`).
 */
export function keyWordsOnlyHere(file: string, specifiers: readonly string[], evidence: FileEvidence, settings: PilotStatusSettings): boolean {
  return !has(evidence.closure, KEY_SOURCES | PILOTSTATUS_REQUESTS) && !importsHave(file, specifiers, SHARED_WORDS, settings);
}

/**
 * Whether a module `file` imports (by `specifiers`, its import specifiers, and on to `MAX_IMPORT_DEPTH`)
 * has `mask`'s evidence, `file` itself left out even where an import cycle leads back to it. An
 * imported module that cannot be read counts as having it.
 */
function importsHave(file: string, specifiers: readonly string[], mask: number, settings: PilotStatusSettings): boolean {
  const seen = new Set([file]);
  let level = [{ from: file, specifiers }];
  for (let depth = 0; depth < MAX_IMPORT_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { from, specifiers: imports } of level) {
      for (const specifier of imports) {
        const imported = resolveModuleFile(from, specifier);
        if (!imported || seen.has(imported)) continue;
        seen.add(imported);
        const entry = readEntry(imported, settings);
        if (!entry || (entry.evidence & mask) !== 0) return true;
        next.push({ from: imported, specifiers: entry.imports });
      }
    }
    level = next;
  }
  return false;
}

/**
 * With types: whether a program file other than the linted one has evidence of `mask` (by default a
 * word that says key or PilotStatus); the checker can lead a call or a type there only then.
 */
export function programNamesKeyElsewhere(typeInfo: TypeInfo, settings: PilotStatusSettings, lintedFile: string, mask = KEY_SOURCES | SHARED_WORDS | PILOTSTATUS_REQUESTS): boolean {
  // TypeScript names files with `/`; ESLint with the platform's separator
  const here = lintedFile.replaceAll('\\', '/');
  for (const [file, bits] of findProgramEvidence(typeInfo, settings)) {
    if (has(bits, mask) && file !== here) return true;
  }
  return false;
}
/** A key can flow in: a key source, a key word here, or a key word where PilotStatus is requested. */
const mayHoldKey = ({ own, closure }: FileEvidence) =>
  hasKeySourceInReach({ own, closure }) || has(own, SHARED_WORDS) || (has(closure, SHARED_WORDS) && has(closure, PILOTSTATUS_REQUESTS));

/**
 * What each rule needs in the file (`own`) or its import closure before it looks at the AST. A rule
 * missing here is never skipped.
 */
export const RULE_PRECONDITIONS: Readonly<Record<string, (evidence: FileEvidence) => boolean>> = {
  // a key written here, or a literal key id in a key header
  'no-hardcoded-key': ({ own }) => has(own, Evidence.keyMarker | Evidence.keyHeader),
  'no-client-key': mayHoldKey,
  'no-bearer-auth': ({ closure }) => has(closure, Evidence.bearer) && has(closure, PILOTSTATUS_REQUESTS | Evidence.keyName | Evidence.keyMarker),
  'require-key-header': ({ closure }) => has(closure, PILOTSTATUS_REQUESTS),
  'no-key-in-url': ({ closure }) => has(closure, PILOTSTATUS_REQUESTS | Evidence.keyName | Evidence.keyMarker),
  'key-scope-mismatch': ({ closure }) => has(closure, PILOTSTATUS_REQUESTS),
  // source-first: nothing can be logged where no key source can flow in
  'no-key-logging': mayHoldKey,
  // an `api-keys` path to PilotStatus, or the SDK (whose `apiKeys` resource names no path)
  'no-sub-key-api': ({ closure }) => (has(closure, Evidence.keyEndpoint) && has(closure, PILOTSTATUS_REQUESTS)) || has(closure, Evidence.sdk),
  // a PilotStatus key by literal, name or type (a value in an `x-api-key` header alone is any vendor's key)
  'no-key-to-foreign-host': hasKeySourceInReach,
};

/**
 * `from './x'`, `import '@/x'`, `import('#lib/x')`, `require('./x')`: one keyword, optional `(`, the
 * quoted specifier (packages too: a tsconfig `paths` alias looks like one; resolution tells them apart).
 */
const IMPORT_SPECIFIER = /\b(?:from|import|require)[ \t]*(?:\([ \t]*)?["']([^"'\n]{1,300})["']/g;
const MAX_IMPORT_DEPTH = 3;

const PILOT_WORD = /pilot/i;
/**
 * The case-insensitive words, found in one pass (one pass over an alternation costs about what one
 * word alone costs): `x-api-key` after a word boundary, `bearer` and `api-keys` as words, `pilot`
 * anywhere. Each match is checked for its boundaries in `findCaseFreeWords`.
 */
const CASE_FREE_WORDS = /x-api-key|api-keys|bearer|pilot/gi;
const SDK_WORDS = /@pilot-status\/sdk|\bPilotStatusClient\b/;
/**
 * Brand type names of `src/types.ts` and user brands (`TenantApiKey`, `PilotStatusNumberKey`,
 * `ScopedKey`), read backwards from each `Key`: the words before it, up to `Key`. With the word
 * `__scope` and `@pilotstatusScope` this is `\b(?:Pilot|Tenant|Number)[A-Za-z]{0,40}Key(?:Id)?\b|\bScoped(?:Api)?Key\b`.
 */
const BRAND_HEAD = /(?:^|[^\w])(?:(?:Pilot|Tenant|Number)[A-Za-z]{0,40}|Scoped(?:Api)?)$/;
/** As long as the longest head with the character before it. */
const BRAND_HEAD_REACH = 47;
/** Identifier-like words (also `kebab-case` and `UPPER_SNAKE`), capped so a minified line stays linear. */
/** `interface PilotConfig`, `type PilotStatusOptions`: with an `apiKey:` field in the same text, a key-holding type. */
const PILOT_TYPE_DECLARATION = /\b(?:interface|type|class)\s+Pilot/;
const API_KEY_FIELD = /\bapi_?key\??\s*:/i;
const WORD = /[A-Za-z_$][\w$-]{0,200}/g;
const KEY_WORD_HINT = /key|token/i;
/** The prefixes of the default `keyNames` / `urlNames` (PILOT, PILOT_STATUS, PS, WHATSAPP, WA, EVOLUTION, MONITOR_STATUS) as they start a word part. */
const NAME_PREFIX_HINTS = /[Pp]ilot|PILOT|[Ww]hats[Aa]pp|WHATSAPP|[Ee]volution|EVOLUTION|[Mm]onitor|MONITOR|(?:(?<![A-Za-z0-9])(?:ps|wa)|(?<![A-Z])(?:Ps|PS|Wa|WA))(?![a-z])/g;
const URL_WORD_HINT = /url|host|base|endpoint|origin|api/i;

interface FileEntry {
  stamp: string;
  /** When the stamp was last checked: a lint run asks about the same modules for every importer. */
  checkedAt: number;
  evidence: number;
  imports: string[];
  /** The text's length (UTF-16 units), to tell a changed buffer from the file it came from. */
  length: number;
  /** Read as bytes (`readWords`): whether they hold `ps_` in any case or start with a UTF-16 BOM. */
  keyPrefixInBytes?: boolean;
}

/** What the scanner's byte pre-filter looks for in source before it decodes it (`read.ts`, `mayHoldTextFindings`), as Latin-1 text. */
const KEY_PREFIX_OR_UTF16 = (text: string) => KEY_PREFIX_SPELLINGS.some((prefix) => text.includes(prefix)) || text.startsWith('\xff\xfe') || text.startsWith('\xfe\xff');

const fileCache = new Map<string, FileEntry>();
const hostPatterns = new Map<string, RegExp>();

function getHostPattern(settings: PilotStatusSettings): RegExp {
  const key = settings.apiHosts.join(',');
  let pattern = hostPatterns.get(key);
  if (!pattern) {
    const hosts = settings.apiHosts.map((host) => host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`(?<![\\w-])(?:${hosts.join('|') || '(?!)'})(?![\\w-])`, 'i');
    hostPatterns.set(key, pattern);
  }
  return pattern;
}

function settingsSignature(settings: PilotStatusSettings): string {
  return [settings.keyNames, settings.urlNames, settings.keyPattern ?? '', settings.apiHosts.join(',')].join('\u0000');
}

/** The evidence bits of one text (no imports). */
export function findEvidence(text: string, settings: PilotStatusSettings): number {
  // Every file of a tree passes through here, so each test is one fast pass: literal searches where
  // a regular expression would start with `\b`, a look-behind or an alternation (those scan slowly).
  let bits = 0;
  if (settings.keyPattern !== undefined || hasKeyMarker(text)) bits |= Evidence.keyMarker;
  const words = findCaseFreeWords(text);
  bits |= words.bits;
  // the SDK's names and the default hosts all say "pilot": most files do not, and skip both tests
  const mayNamePilot = words.pilot;
  if ((mayNamePilot || !settings.apiHosts.every((host) => PILOT_WORD.test(host))) && getHostPattern(settings).test(text)) bits |= Evidence.apiHost;
  if (mayNamePilot && SDK_WORDS.test(text)) bits |= Evidence.sdk;
  if (hasBrandWord(text)) bits |= Evidence.brand;
  if (REQUEST_CLIENT_WORDS.test(text)) bits |= Evidence.requestClient;
  if (mayNamePilot && PILOT_TYPE_DECLARATION.test(text) && API_KEY_FIELD.test(text)) bits |= Evidence.keyType;
  // Names: the default patterns need a key/token (URL) word, so only such words are normalised and tested.
  const anyKeyWord = settings.keyNames !== DEFAULT_SETTINGS.keyNames;
  const anyUrlWord = settings.urlNames !== DEFAULT_SETTINGS.urlNames;
  const seen = new Set<string>();
  const look = (word: string) => {
    if (seen.has(word)) return;
    seen.add(word);
    if (!(bits & Evidence.keyName) && (anyKeyWord || KEY_WORD_HINT.test(word)) && isPilotStatusKeyName(word, settings)) bits |= Evidence.keyName;
    if (!(bits & Evidence.urlName) && (anyUrlWord || URL_WORD_HINT.test(word)) && isPilotStatusUrlName(word, settings)) bits |= Evidence.urlName;
  };
  const done = () => (bits & Evidence.keyName) !== 0 && (bits & Evidence.urlName) !== 0;
  if (anyKeyWord || anyUrlWord) {
    // user patterns may match any word
    WORD.lastIndex = 0;
    for (let match = WORD.exec(text); match && !done(); match = WORD.exec(text)) look(match[0]);
    return bits;
  }
  // The default patterns need one of their prefix words: only the words around those are looked at
  // (a large file that says "Monitor" once is not split into all its words).
  NAME_PREFIX_HINTS.lastIndex = 0;
  for (let match = NAME_PREFIX_HINTS.exec(text); match && !done(); match = NAME_PREFIX_HINTS.exec(text)) {
    const [start, end] = wordAround(text, match.index, match.index + match[0].length);
    look(text.slice(start, end));
    NAME_PREFIX_HINTS.lastIndex = Math.max(end, match.index + 1);
  }
  return bits;
}

/** The bits of `CASE_FREE_WORDS`: `keyHeader` (`\bx-api-key`), `bearer` (`\bbearer\b`), `keyEndpoint` (`\bapi-keys\b`); and whether `pilot` occurs. */
function findCaseFreeWords(text: string): { bits: number; pilot: boolean } {
  let bits = 0;
  let pilot = false;
  const bounded = (start: number, end: number) => !isWordCharacter(text.charCodeAt(start - 1)) && !isWordCharacter(text.charCodeAt(end));
  CASE_FREE_WORDS.lastIndex = 0;
  for (let match = CASE_FREE_WORDS.exec(text); match; match = CASE_FREE_WORDS.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    switch (match[0].toLowerCase()) {
      case 'x-api-key':
        if (!isWordCharacter(text.charCodeAt(start - 1))) bits |= Evidence.keyHeader;
        break;
      case 'api-keys':
        if (bounded(start, end)) bits |= Evidence.keyEndpoint;
        break;
      case 'bearer':
        if (bounded(start, end)) bits |= Evidence.bearer;
        break;
      default:
        pilot = true;
    }
    // `x-api-keys` holds `api-keys` too: look again from the next character
    CASE_FREE_WORDS.lastIndex = start + 1;
  }
  return { bits, pilot };
}

/** `ps_` where a key could start: not inside an identifier (`maps_`). */
function hasKeyMarker(text: string): boolean {
  for (let index = text.indexOf('ps_'); index >= 0; index = text.indexOf('ps_', index + 1)) {
    if (index === 0 || !isIdentifierPart(text.charCodeAt(index - 1))) return true;
  }
  return false;
}

function hasBrandWord(text: string): boolean {
  if (text.includes('@pilotstatusScope')) return true;
  // the brand property `__scope`, not Vue's `__scopeId`
  for (let index = text.indexOf('__scope'); index >= 0; index = text.indexOf('__scope', index + 7)) {
    if (!isIdentifierPart(text.charCodeAt(index + 7))) return true;
  }
  for (let index = text.indexOf('Key'); index >= 0; index = text.indexOf('Key', index + 3)) {
    // `Key` or `KeyId`, then a word boundary
    const next = index + 3;
    if (isWordCharacter(text.charCodeAt(next)) && !(text.startsWith('Id', next) && !isWordCharacter(text.charCodeAt(next + 2)))) continue;
    // a slice that does not start the text is longer than any head, so its `^` cannot match
    if (BRAND_HEAD.test(text.slice(Math.max(0, index - BRAND_HEAD_REACH), index))) return true;
  }
  return false;
}

/** `\w` of a regular expression without the `u` flag (NaN, past the end, is none). */
const isWordCharacter = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isIdentifierPart = (code: number) => isWordCharacter(code) || code === 36;
const isWordPart = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code === 45;
const isWordStart = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;

/** The `WORD` that holds `[from, to)`: the run of word characters around it, from its first letter, `_` or `$`. */
function wordAround(text: string, from: number, to: number): [number, number] {
  let start = from;
  while (start > 0 && from - start < 200 && isWordPart(text.charCodeAt(start - 1))) start--;
  while (start < from && !isWordStart(text.charCodeAt(start))) start++;
  let end = to;
  while (end < text.length && end - start < 201 && isWordPart(text.charCodeAt(end))) end++;
  return [start, end];
}

/** As module resolution: a lint run is short; a long-lived process (an editor) looks again after this long. */
const RECHECK_AFTER_MS = 5_000;

function readEntry(file: string, settings: PilotStatusSettings): FileEntry | undefined {
  const content = getContentProvider();
  const key = `${content.id}\u0000${settingsSignature(settings)}\u0000${file}`;
  const cached = fileCache.get(key);
  const now = Date.now();
  if (cached && now - cached.checkedAt < RECHECK_AFTER_MS) return cached;
  const stamp = content.stamp(file);
  if (stamp === undefined) return undefined;
  if (cached && cached.stamp === stamp) {
    cached.checkedAt = now;
    return cached;
  }
  // only ASCII words are looked for: Latin-1 when the provider can, no UTF-8 decoding
  const asBytes = content.readWords !== undefined;
  const text = asBytes ? content.readWords!(file) : content.readText(file);
  if (text === undefined) return undefined;
  const entry: FileEntry = { stamp, checkedAt: now, evidence: findEvidence(text, settings), imports: findImportSpecifiers(text), length: text.length, ...(asBytes ? { keyPrefixInBytes: KEY_PREFIX_OR_UTF16(text) } : {}) };
  if (fileCache.size > 20_000) fileCache.clear();
  fileCache.set(key, entry);
  return entry;
}

function findImportSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  IMPORT_SPECIFIER.lastIndex = 0;
  for (let match = IMPORT_SPECIFIER.exec(text); match; match = IMPORT_SPECIFIER.exec(text)) specifiers.push(match[1]!);
  return specifiers;
}

/**
 * The evidence of `text` (the content of `filename`) and of the modules it imports, a few levels
 * deep, in one breadth-first pass: `own` holds the file's bits alone, `closure` all of them.
 */
export function findClosureEvidence(filename: string, content: string | (() => string), settings: PilotStatusSettings, textIsSnapshot = false): FileEvidence {
  const provider = getContentProvider();
  const key = `${provider.id}\u0000${settingsSignature(settings)}\u0000${filename}`;
  // An importer may have read this file's words already: reuse them when the text is that same content
  // (the scanner says so: it read the file from the snapshot, maybe as Latin-1, so lengths differ, and
  // then need not even make the text), or has the same length (not an editor's unsaved buffer) and was
  // read a moment ago.
  let entry = fileCache.get(key);
  const reusable = entry && (textIsSnapshot ? entry.stamp === provider.stamp(filename) : entry.length === textOf(content).length && Date.now() - entry.checkedAt < RECHECK_AFTER_MS);
  if (!entry || !reusable) {
    const text = textOf(content);
    const stamp = provider.stamp(filename);
    entry = { stamp: stamp ?? '', checkedAt: Date.now(), evidence: findEvidence(text, settings), imports: findImportSpecifiers(text), length: text.length };
    // Remember this file's own words: a scan meets its importers next, and then need not read it again.
    if (stamp !== undefined) fileCache.set(key, entry);
  }
  return evidenceOf(filename, entry, settings);
}

/** A file's own bits and, with the modules it imports, its closure's. */
function evidenceOf(file: string, entry: FileEntry, settings: PilotStatusSettings): FileEvidence {
  return { own: entry.evidence, closure: entry.evidence | importedEvidence(file, entry.imports, settings) };
}

/** True when some rule's precondition holds for `evidence` (all rules by default). */
function anyRuleMayReport(evidence: FileEvidence, rules: readonly string[] = Object.keys(RULE_PRECONDITIONS)): boolean {
  return rules.some((rule) => meetsPrecondition(rule, evidence));
}


/** The evidence of the modules `filename` imports (and theirs, to `MAX_IMPORT_DEPTH`). */
function importedEvidence(filename: string, specifiers: readonly string[], settings: PilotStatusSettings): number {
  let bits = 0;
  for (const specifier of specifiers) {
    const file = resolveModuleFile(filename, specifier);
    if (file && file !== filename) bits |= closureWithin(file, MAX_IMPORT_DEPTH - 1, settings);
  }
  return bits;
}

/** Closures by (snapshot, settings, file, depth): a tree's files share their imports, so each is walked once. */
const depthClosures = new Map<string, { checkedAt: number; bits: number }>();

/**
 * The bits of `file` and of the modules it imports within `depth` more levels. The union over all
 * import paths of that length, so memoising it per (file, depth) is exact, cycles included (the depth
 * bounds the recursion).
 */
function closureWithin(file: string, depth: number, settings: PilotStatusSettings): number {
  const entry = readEntry(file, settings);
  if (!entry) return 0;
  if (depth === 0 || entry.imports.length === 0) return entry.evidence;
  const key = `${getContentProvider().id}\u0000${settingsSignature(settings)}\u0000${depth}\u0000${file}`;
  const now = Date.now();
  const cached = depthClosures.get(key);
  if (cached && now - cached.checkedAt < RECHECK_AFTER_MS) return cached.bits;
  let bits = entry.evidence;
  for (const specifier of entry.imports) {
    const imported = resolveModuleFile(file, specifier);
    if (imported && imported !== file) bits |= closureWithin(imported, depth - 1, settings);
  }
  if (depthClosures.size > 60_000) depthClosures.clear();
  depthClosures.set(key, { checkedAt: now, bits });
  return bits;
}

/**
 * With types: the evidence bits of each file of the program, by its TypeScript file name, read once
 * per program (and settings) for every question that asks the whole program before the checker.
 */
export function findProgramEvidence(typeInfo: TypeInfo, settings: PilotStatusSettings): ReadonlyMap<string, number> {
  // most files were read already (as imports of files linted before): the same text has the same words
  const provider = getContentProvider();
  const signature = settingsSignature(settings);
  return typeInfo.readProgramTexts(`evidence\u0000${signature}`, (text, fileName) => {
    const entry = fileCache.get(`${provider.id}\u0000${signature}\u0000${fileName}`);
    // (a file read as bytes has its UTF-8 length, not the program text's: its ASCII words are the same)
    return entry && (entry.length === text.length || entry.keyPrefixInBytes !== undefined) ? entry.evidence : findEvidence(text, settings);
  });
}

/** True when `evidence` meets `rule`'s precondition (a rule without one always passes). */
export function meetsPrecondition(rule: string, evidence: FileEvidence): boolean {
  const precondition = RULE_PRECONDITIONS[rule];
  return precondition ? precondition(evidence) : true;
}

/**
 * True when some rule's precondition holds for `text` (the content of `filename`): false means no rule
 * of the plugin can report in this file, so the scanner need not lint it.
 */
const textOf = (content: string | (() => string)) => (typeof content === 'string' ? content : content());

export function isRelevantSource(filename: string, text: string | (() => string), settings: PilotStatusSettings, options: { rules?: readonly string[]; textIsSnapshot?: boolean } = {}): boolean {
  return anyRuleMayReport(findClosureEvidence(filename, text, settings, options.textIsSnapshot ?? false), options.rules);
}

/**
 * True when a key source can flow into the module `file` (the source-first rules' precondition, over
 * it and its imports), or `file` cannot be read here (the caller finds out). Asked before a call is
 * followed into another module: a function of a module without one returns no key of its own.
 */
export function moduleMayHoldKey(file: string, settings: PilotStatusSettings): boolean {
  const entry = readEntry(file, settings);
  if (!entry) return true;
  return mayHoldKey({ own: entry.evidence, closure: closureWithin(file, MAX_IMPORT_DEPTH, settings) });
}

/**
 * For the scanner, before it reads a source file: true when the pre-filter has read `file` from the
 * current snapshot already (a module another file imports), its bytes hold no `ps_` in any case (so
 * the text detectors have nothing to look at) and no rule's precondition holds for it. Such a file
 * can hold no finding: it need not be read again.
 */
export function isSettledWithoutFindings(file: string, settings: PilotStatusSettings): boolean {
  if (settings.keyPattern !== undefined) return false;
  const provider = getContentProvider();
  const entry = fileCache.get(`${provider.id}\u0000${settingsSignature(settings)}\u0000${file}`);
  if (entry?.keyPrefixInBytes !== false || entry.stamp !== provider.stamp(file)) return false;
  return !anyRuleMayReport(evidenceOf(file, entry, settings));
}

/**
 * False when neither `file` nor a module it imports (a few levels deep) mentions an HTTP client: then
 * nothing it exports makes or wraps a request, and a call into it need not be parsed or followed.
 */
export function mayReachRequestClient(file: string, settings: PilotStatusSettings): boolean {
  return moduleClosureHas(file, Evidence.requestClient, settings);
}

/** True when `file`'s own text (not its imports) holds evidence of `mask`; false when it cannot be read. */
export function fileHas(file: string, mask: number, settings: PilotStatusSettings): boolean {
  return ((readEntry(file, settings)?.evidence ?? 0) & mask) !== 0;
}

/**
 * True when `file` or a module it imports holds evidence of `mask` (or `file` cannot be read here:
 * the caller finds out). Asked before a call is followed into another module.
 */
export function moduleClosureHas(file: string, mask: number, settings: PilotStatusSettings, depth = MAX_IMPORT_DEPTH): boolean {
  if (!readEntry(file, settings)) return true;
  return (closureWithin(file, Math.min(depth, MAX_IMPORT_DEPTH), settings) & mask) !== 0;
}
