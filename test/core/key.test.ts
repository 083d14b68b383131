import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKeys, isKey, isPlaceholder, redactKey, redactText } from '../../src/core/key.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';

const P = ['p', 's', '_'].join(''); // keeps key-shaped literals out of this file

describe('key recognizer', () => {
  const keys = [
    fakeKey(1),
    fakeKey(2, { environment: 'test' }),
    fakeKey(3, { environment: 'none', length: 36 }),
    fakeKey(4, { environment: 'none', length: 40 }),
    fakeKey(5, { alphabet: 'lower', length: 24 }),
    fakeKey(6, { environment: 'test', length: 16 }),
  ];

  it.each(keys.map((key) => [redactKey(key), key]))('recognizes %s', (_redacted, key) => {
    expect(isKey(key)).toBe(true);
  });

  it.each([
    ['in a string', (key: string) => `const k = '${key}';`],
    ['after a header name', (key: string) => `x-api-key: ${key}`],
    ['in a query string', (key: string) => `https://h/x?key=${key}&a=1`],
    ['after a JSON escape', (key: string) => `"line\\n${key}"`],
    ['at the end of text', (key: string) => key],
  ])('finds a key %s, at its exact offsets', (_name, wrap) => {
    const key = keys[0]!;
    const text = wrap(key);
    const [match] = findKeys(text);
    expect(match).toBeDefined();
    expect(text.slice(match!.start, match!.end)).toBe(key);
  });

  it.each([
    `${P}list`,
    `${P}get_user_name`,
    `${P}get_user_name_from_the_database_table`,
    `${P}getUserNameFromDatabaseTable`,
    `${P}live_`,
    `${P}test_`,
    `${P}live_test`,
    `${P}your_key_here`,
    `${P}your_current_key`,
    `${P}test_your_token_here`,
    `${P}xxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
    `${P}live_xxxxxxxxxxxxxxxxxxxx`,
    `${P}<tenant key>`,
    `${P}***`,
    `${P}test_***`,
    `${P}example_key_1234567890abcdef`,
    `${P}live_EXAMPLE1234567890abcdefgh`,
    `${P}dummy1234567890abcdefghijkl`,
    `${P}sample_key_for_docs_1234567890`,
    `${P}placeholder000000000000000000`,
    `${P}changeme1234567890abcdefghij`,
    `${P}pids`,
    `my${P}live_${'Ab3'.repeat(8)}`,
  ])('rejects %s', (text) => {
    expect(findKeys(text)).toEqual([]);
  });

  it('reports placeholders as placeholders', () => {
    for (const text of [`${P}your_key_here`, `${P}<…>`, `${P}***`, `${P}live_`, `${P}test_your_token_here`]) {
      expect(isPlaceholder(text)).toBe(true);
    }
    expect(isPlaceholder(keys[0]!)).toBe(false);
  });

  it('finds a random key whose body happens to spell a placeholder word in mixed case', () => {
    // Built by splicing a mixed-case word into generated keys (random bodies do this about 3 times in 10,000).
    for (const [index, word] of ['XxXX', 'fAKe', 'yOuR', 'SaMPle'].entries()) {
      const key = fakeKey(700 + index);
      const spliced = key.slice(0, 14) + word + key.slice(14 + word.length);
      // positions only: a failing assertion must not print the key
      expect(findKeys(` ${spliced} `).map((match) => [match.start, match.end])).toEqual([[1, 1 + spliced.length]]);
    }
  });

  it('uses settings.pilotstatus.keyPattern instead of the built-in thresholds', () => {
    const custom = `${P}abc123`;
    expect(findKeys(custom)).toEqual([]);
    expect(findKeys(custom, { keyPattern: `${P}[a-z0-9]{6}` })).toHaveLength(1);
  });
});

describe('redaction', () => {
  it('prints a short prefix and a stable fingerprint, never the key', () => {
    const key = fakeKey(11);
    const redacted = redactKey(key);
    expect(redacted).toMatch(/^ps_live_..…#[0-9a-f]{6}$/);
    expect(redactKey(key)).toBe(redacted);
    assertNoKeyIn(redacted, [key]);
    expect(redacted.length).toBeLessThan(key.length);
  });

  it('redacts every key inside arbitrary text', () => {
    const first = fakeKey(12);
    const second = fakeKey(13, { environment: 'none', length: 38 });
    const text = `a=${first}\nb="${second}" end`;
    const redacted = redactText(text);
    assertNoKeyIn(redacted, [first, second]);
    expect(redacted).toContain(redactKey(first));
    expect(redacted).toContain(redactKey(second));
    expect(redacted.startsWith('a=')).toBe(true);
    expect(redacted.endsWith('" end')).toBe(true);
  });

  it('leaves text without keys unchanged', () => {
    expect(redactText('no keys here, just startsWith(\'ps_live_\')')).toBe("no keys here, just startsWith('ps_live_')");
  });
});

describe('recognizer on code none of us wrote', () => {
  it('finds zero keys in the JavaScript of typescript, eslint, vitest and typescript-eslint', () => {
    const roots = ['typescript/lib', 'eslint/lib', 'vitest/dist', '@typescript-eslint', 'fast-glob', 'rolldown/dist'];
    let files = 0;
    let bytes = 0;
    const found: string[] = [];
    const visit = (path: string) => {
      const stats = statSync(path);
      if (stats.isDirectory()) {
        for (const name of readdirSync(path)) if (name !== 'node_modules') visit(join(path, name));
      } else if (/\.(c|m)?js$/.test(path)) {
        const text = readFileSync(path, 'utf8');
        files++;
        bytes += text.length;
        for (const match of findKeys(text)) found.push(`${path}: ${match.redacted}`);
      }
    };
    for (const root of roots) {
      const path = join('node_modules', root);
      try {
        visit(path);
      } catch {
        // a package layout changed: the other roots still count
      }
    }
    expect(files).toBeGreaterThan(500);
    expect(bytes).toBeGreaterThan(20_000_000);
    expect(found).toEqual([]);
  });
});
