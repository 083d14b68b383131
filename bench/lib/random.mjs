/**
 * Seeded randomness for the benchmark: the same seed plants the same keys at the same places.
 * A re-implementation of `test/support/fake-key.ts` (mulberry32 + the same key shape), because a
 * plain `.mjs` script cannot import TypeScript. No key-shaped literal is written in this folder.
 */
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX = ['p', 's', '_'].join('');

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic fake key for `seed`: `<prefix>live_<32 base62>` (as `fakeKey()` in the tests). */
export function fakeKey(seed, { environment = 'live', length = 32 } = {}) {
  const random = createRandom(seed);
  let body = '';
  while (body.length < length) {
    body += BASE62[Math.floor(random() * BASE62.length)];
    if (body.length === length && !(/\d/.test(body) && /[a-z]/i.test(body))) body = body.slice(0, -2) + 'q7';
  }
  return environment === 'none' ? PREFIX + body : `${PREFIX}${environment}_${body}`;
}

/** Helpers bound to one PRNG. */
export function createPicker(seed) {
  const random = createRandom(seed);
  const int = (max) => Math.floor(random() * max);
  return {
    random,
    int,
    pick: (items) => items[int(items.length)],
    /** `count` distinct items, in a random order. */
    sample(items, count) {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = int(index + 1);
        [copy[index], copy[other]] = [copy[other], copy[index]];
      }
      return copy.slice(0, count);
    },
  };
}
