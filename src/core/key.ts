/**
 * The PilotStatus key recognizer and redaction: the only module that ever holds a full key.
 *
 * Everything else (rules, scanner, formatters) receives offsets and `Redacted` strings, so the
 * compiler stops a raw key from reaching an output. ESLint-free and TypeScript-free on purpose:
 * the text detectors of the scanner use it on bundles as the rules use it on literals.
 */
import { createHash } from 'node:crypto';

/** Text that is safe to print: every key inside it has been replaced by its redacted form. */
export type Redacted = string & { readonly __redacted: true };

/** How a key's prefix is spelt where the byte pre-filters look for one (a key in a shouted env file too). */
export const KEY_PREFIX_SPELLINGS = ['ps_', 'PS_', 'Ps_'] as const;

/** The thresholds of the recognizer, kept in one place. See `docs` in README "What counts as a key". */
export const KEY_THRESHOLDS = {
  /** Minimum body length after `ps_live_` / `ps_test_`. */
  minBodyWithEnvironment: 16,
  /** Minimum body length after a bare `ps_`. */
  minBodyWithoutEnvironment: 20,
  /** Minimum Shannon entropy of the body, in bits per character. Random base62 is about 4+. */
  minEntropy: 2.9,
  /** A run of the same character this long is filler (`xxxxx`, `00000`), not randomness. */
  maxRepeatedRun: 5,
  /** The longest segment between `_`/`-` separators must be at least this long (rejects snake_case words). */
  minLongestSegment: 12,
} as const;

/** Words that mark a documentation placeholder rather than a credential. */
const PLACEHOLDER_WORDS = [
  'your', 'example', 'placeholder', 'changeme', 'change_me', 'dummy', 'sample', 'fake', 'redacted',
  'insert', 'replace', 'xxxx', 'here', 'token', 'secret', 'apikey', 'api_key', 'mock', 'todo', 'demo',
];
/** Placeholder words that are also checked as substrings (long enough never to occur by chance). */
const PLACEHOLDER_SUBSTRINGS = ['your', 'example', 'placeholder', 'changeme', 'dummy', 'sample', 'redacted', 'xxxx', 'fake'];

/**
 * After a `ps_` found with `indexOf` (V8 searches a literal far faster than a regex with a
 * lookbehind): an optional environment segment, then the body. The body class is wide (base64url)
 * and the decision is made afterwards with measurable features, so matching stays linear.
 */
const KEY_TAIL = /(?:(live|test)_)?([A-Za-z0-9_-]+)/y;
const IDENTIFIER_CHARACTER = /[A-Za-z0-9_$]/;

/** `ps_` glued to a preceding identifier character is part of a name, unless a JSON/JS escape (`\n`) precedes it. */
function isGluedToIdentifier(text: string, index: number): boolean {
  if (index === 0) return false;
  const previous = text[index - 1]!;
  if (!IDENTIFIER_CHARACTER.test(previous)) return false;
  return !(index >= 2 && text[index - 2] === '\\' && 'nrtv0'.includes(previous));
}

export interface KeyRecognizerOptions {
  /** A regular expression source that replaces the built-in recognizer (`settings.pilotstatus.keyPattern`). */
  keyPattern?: string | undefined;
}

export interface KeyMatch {
  /** Offset of the first character of the key in the searched text. */
  start: number;
  /** Offset one past the last character of the key. */
  end: number;
  /** The environment segment, when the key has one. */
  environment: 'live' | 'test' | undefined;
  /** Printable form: short prefix plus a stable fingerprint. */
  redacted: Redacted;
  /** A stable hash of the full key (hex), for fingerprints and deduplication. */
  hash: string;
}

const customPatternCache = new Map<string, RegExp>();

function getCustomPattern(source: string): RegExp {
  let pattern = customPatternCache.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'g');
    customPatternCache.set(source, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Finds every PilotStatus-looking key in `text`. Cheap when `text` holds no `ps_`. */
export function findKeys(text: string, options: KeyRecognizerOptions = {}): KeyMatch[] {
  if (options.keyPattern) return findKeysWithPattern(text, options.keyPattern);
  const matches: KeyMatch[] = [];
  let start = text.indexOf('ps_');
  while (start >= 0) {
    let next = start + 3;
    if (!isGluedToIdentifier(text, start)) {
      KEY_TAIL.lastIndex = start + 3;
      const match = KEY_TAIL.exec(text);
      if (match) {
        // the whole candidate is consumed: `ps_ps_ps_…` is one candidate, not a million
        next = KEY_TAIL.lastIndex;
        const environment = match[1] as 'live' | 'test' | undefined;
        const body = trimSeparators(match[2]!);
        if (isKeyBody(body, environment)) {
          const end = start + 3 + (environment ? environment.length + 1 : 0) + body.length;
          matches.push(createKeyMatch(text.slice(start, end), start, environment));
        }
      }
    }
    start = text.indexOf('ps_', next);
  }
  return matches;
}

function findKeysWithPattern(text: string, source: string): KeyMatch[] {
  const matches: KeyMatch[] = [];
  const pattern = getCustomPattern(source);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (isPlaceholder(match[0])) continue;
    const environment = /^ps_(live|test)_/.exec(match[0])?.[1] as 'live' | 'test' | undefined;
    matches.push(createKeyMatch(match[0], match.index, environment));
  }
  return matches;
}

function createKeyMatch(key: string, start: number, environment: 'live' | 'test' | undefined): KeyMatch {
  const hash = hashKey(key);
  return { start, end: start + key.length, environment, redacted: formatRedacted(key, environment, hash), hash };
}

/** True when the whole of `text` is one key (surrounding whitespace allowed). */
export function isKey(text: string, options: KeyRecognizerOptions = {}): boolean {
  const trimmed = text.trim();
  const [match] = findKeys(trimmed, options);
  return match !== undefined && match.start === 0 && match.end === trimmed.length;
}

/** True when `text` contains at least one key. */
export function containsKey(text: string, options: KeyRecognizerOptions = {}): boolean {
  return findKeys(text, options).length > 0;
}

function trimSeparators(body: string): string {
  let end = body.length;
  while (end > 0 && (body[end - 1] === '_' || body[end - 1] === '-')) end--;
  return body.slice(0, end);
}

/** Decides whether a candidate body is random enough to be a credential. */
export function isKeyBody(body: string, environment: 'live' | 'test' | undefined): boolean {
  const minLength = environment ? KEY_THRESHOLDS.minBodyWithEnvironment : KEY_THRESHOLDS.minBodyWithoutEnvironment;
  if (body.length < minLength) return false;
  if (isPlaceholderBody(body)) return false;
  if (/[_-]/.test(body) && getLongestSegment(body) < KEY_THRESHOLDS.minLongestSegment) return false;
  const hasDigit = /\d/.test(body);
  const hasLower = /[a-z]/.test(body);
  const hasUpper = /[A-Z]/.test(body);
  // Random bodies mix classes: digits with letters (lowercase-only keys exist), or both cases.
  if (!((hasDigit && (hasLower || hasUpper)) || (hasLower && hasUpper))) return false;
  // Identifiers in camelCase (`ps_getUserNameFromDatabase`) mix cases but have no digits and read as words.
  if (!hasDigit && /^[a-z]+(?:[A-Z][a-z]+)+$/.test(body)) return false;
  if (hasRepeatedRun(body, KEY_THRESHOLDS.maxRepeatedRun)) return false;
  return shannonEntropy(body) >= KEY_THRESHOLDS.minEntropy;
}

/** The longest run between `_`/`-` separators (a loop: bodies can be megabytes long). */
function getLongestSegment(body: string): number {
  let longest = 0;
  let current = 0;
  for (let index = 0; index < body.length; index++) {
    const code = body.charCodeAt(index);
    if (code === 95 || code === 45) current = 0;
    else if (++current > longest) longest = current;
  }
  return longest;
}

function isPlaceholderBody(body: string): boolean {
  const lower = body.toLowerCase();
  // Only as a word is written (`your`, `YOUR`, `Your`): counted in any case, random bodies spelled one
  // (`XxXX`, `fAKe`) in about 3 keys in 10,000, and those real keys passed for placeholders; as words,
  // about 5 in 100,000 still do (a body with `XXXX` or `Fake` in it).
  if (PLACEHOLDER_SUBSTRINGS.some((word) => body.includes(word) || body.includes(word.toUpperCase()) || body.includes(word[0]!.toUpperCase() + word.slice(1)))) return true;
  const segments = lower.split(/[_-]+/);
  return segments.length > 1 && segments.some((segment) => PLACEHOLDER_WORDS.includes(segment));
}

/** True for documentation placeholders: `ps_your_key_here`, `ps_xxx…`, `ps_<…>`, `ps_***`, bare prefixes. */
export function isPlaceholder(text: string): boolean {
  const match = /ps_(?:(?:live|test)_)?(.*)$/s.exec(text.trim());
  if (!match) return false;
  const body = match[1]!;
  if (body.length === 0) return true;
  if (/^[<{[]/.test(body) || /^[x*.…_-]+$/i.test(body)) return true;
  return isPlaceholderBody(body);
}

function hasRepeatedRun(text: string, length: number): boolean {
  let run = 1;
  for (let index = 1; index < text.length; index++) {
    run = text[index] === text[index - 1] ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const probability = count / text.length;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}

/** A stable hex hash of a key; never reversible to the key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function formatRedacted(key: string, environment: 'live' | 'test' | undefined, hash: string): Redacted {
  const prefix = environment ? `ps_${environment}_` : 'ps_';
  const visible = key.slice(prefix.length, prefix.length + 2);
  return `${prefix}${visible}…#${hash.slice(0, 6)}` as Redacted;
}

/** The printable form of one key: `ps_live_Ab…#3f9c21`. */
export function redactKey(key: string): Redacted {
  const environment = /^ps_(live|test)_/.exec(key)?.[1] as 'live' | 'test' | undefined;
  return formatRedacted(key, environment, hashKey(key));
}

/**
 * Replaces every key in `text` by its redacted form. This is the only way to turn arbitrary text
 * (a source line, a parser error, a log message) into something printable.
 */
export function redactText(text: string, options: KeyRecognizerOptions = {}): Redacted {
  const matches = findKeys(text, options);
  if (matches.length === 0) return text as Redacted;
  let result = '';
  let last = 0;
  for (const match of matches) {
    result += text.slice(last, match.start) + match.redacted;
    last = match.end;
  }
  return (result + text.slice(last)) as Redacted;
}

/** Marks text that was built only from redacted parts and fixed wording. */
export function asRedacted(parts: TemplateStringsArray, ...values: Redacted[]): Redacted {
  let result = parts[0]!;
  values.forEach((value, index) => (result += value + parts[index + 1]!));
  return redactText(result);
}
