/**
 * Fake PilotStatus keys generated at run time from a seed, so no key-shaped literal is committed
 * (the project passes its own scan) and every run uses the same keys.
 */
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** mulberry32: a small deterministic PRNG. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeKeyOptions {
  environment?: 'live' | 'test' | 'none';
  length?: number;
  alphabet?: 'base62' | 'lower';
}

const PREFIX = ['p', 's', '_'].join('');
/** The recognizer's placeholder substrings, in any case. */
const PLACEHOLDER_LIKE = /your|example|placeholder|changeme|dummy|sample|redacted|xxxx|fake/i;

/** A deterministic fake key for `seed`: `ps_live_<32 base62>` by default. */
export function fakeKey(seed: number, options: FakeKeyOptions = {}): string {
  const { environment = 'live', length = 32, alphabet = 'base62' } = options;
  const random = createRandom(seed);
  const characters = alphabet === 'lower' ? LOWER_ALNUM : BASE62;
  let body = '';
  while (body.length < length) {
    const character = characters[Math.floor(random() * characters.length)]!;
    body += character;
    // keep bodies free of long runs and guarantee a digit and a letter, as real keys have
    if (body.length === length && !(/\d/.test(body) && /[a-z]/i.test(body))) body = body.slice(0, -2) + 'q7';
    // a test key that happens to spell a placeholder word (`Fake`, `XXXX`) would be a flaky test: draw again
    // (cut at the word itself: it may sit anywhere in the body)
    const placeholder = body.length === length ? PLACEHOLDER_LIKE.exec(body) : null;
    if (placeholder) body = body.slice(0, placeholder.index);
    // …as would one with a run the recognizer reads as filler (`ooooo`): no character four times in a row
    if (body.length >= 4 && /(.)\1{3}$/.test(body)) body = body.slice(0, -1);
  }
  return environment === 'none' ? PREFIX + body : `${PREFIX}${environment}_${body}`;
}

/** A fake key id (`x-api-key-id` value). */
export function fakeKeyId(seed: number): string {
  const random = createRandom(seed);
  let body = '';
  for (let index = 0; index < 24; index++) body += LOWER_ALNUM[Math.floor(random() * LOWER_ALNUM.length)];
  return `key_${body}`;
}

/** Throws when `output` contains any of `keys` (or a long enough slice of one). */
export function assertNoKeyIn(output: string, keys: readonly string[]): void {
  for (const key of keys) {
    if (output.includes(key)) throw new Error(`output contains a full key (redacted: ${key.slice(0, 8)}…)`);
  }
}
