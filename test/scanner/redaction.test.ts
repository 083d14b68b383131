/**
 * Redaction is an invariant (issue 8): random text with random real-looking keys at random places
 * (start, end, across a line break, inside JSON strings, inside a source map's sourcesContent, inside
 * a file that does not parse): every key is found, and no full key appears in any output — stylish,
 * json, sarif, github, the baseline file, error messages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/scanner/cli.js';
import { findKeys, redactText } from '../../src/core/key.js';
import { LineIndex } from '../../src/scanner/text/line-index.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { writeTree } from './tree.js';

const environments = ['live', 'test', 'none'] as const;
/** A generated key that prints as the call that makes it: a failing property's counterexample must not show the key. */
interface GeneratedKey {
  text: string;
  [fc.toStringMethod](): string;
}
const keyArbitrary = fc
  .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), environment: fc.constantFrom(...environments), length: fc.integer({ min: 24, max: 40 }) })
  .map(({ seed, environment, length }): GeneratedKey => ({
    text: fakeKey(seed, { environment, length }),
    [fc.toStringMethod]: () => `fakeKey(${seed}, { environment: '${environment}', length: ${length} })`,
  }));
const noise = fc.string({ maxLength: 40 }).map((text) => text.replace(/[A-Za-z0-9_$\\-]$/, ' '));
const separators = fc.constantFrom(' ', '\n', '\r\n', '"', "'", '=', ': ', '(', '\t');

type Shape = 'env' | 'json' | 'map' | 'broken-ts' | 'markdown';
const shapes: Shape[] = ['env', 'json', 'map', 'broken-ts', 'markdown'];

function render(shape: Shape, parts: Array<{ before: string; key: string; after: string }>): { file: string; content: string } {
  const body = parts.map(({ before, key, after }) => `${before}${key}${after}`).join('\n');
  switch (shape) {
    case 'env':
      return { file: 'fuzz.env', content: body };
    case 'json':
      return { file: 'fuzz.json', content: JSON.stringify({ values: parts.map(({ before, key, after }) => `${before}${key}${after}`) }) };
    case 'map':
      return { file: 'dist/fuzz.js.map', content: JSON.stringify({ version: 3, sources: ['a.js'], sourcesContent: [body], mappings: '' }) };
    case 'broken-ts':
      return { file: 'src/fuzz.ts', content: `const broken = {{{ ${body.replace(/\*\//g, '')}` };
    case 'markdown':
      return { file: 'FUZZ.md', content: `# notes\n\n${body}\n` };
  }
}

describe('redaction invariant', () => {
  it('finds every key and prints none, in every format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...shapes),
        fc.array(fc.record({ before: fc.tuple(noise, separators).map(([a, b]) => a + b), key: keyArbitrary, after: fc.tuple(separators, noise).map(([a, b]) => a + b) }), { minLength: 1, maxLength: 4 }),
        async (shape, generated) => {
          const parts = generated.map((part) => ({ ...part, key: part.key.text }));
          const keys = parts.map((part) => part.key);
          const { file, content } = render(shape, parts);
          const root = writeTree({ [file]: content });
          const outputs: string[] = [];
          for (const format of ['json', 'stylish', 'sarif', 'github']) {
            const result = await run(['--format', format, '--color', '.'], { cwd: root, env: {} });
            outputs.push(result.stdout, result.stderr);
            if (format === 'json') {
              const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; message: string }> };
              const hardcoded = report.findings.filter((finding) => finding.ruleId === 'pilotstatus/no-hardcoded-key');
              // Each distinct key was found (its redacted form is in a message).
              for (const key of new Set(keys)) {
                const redacted = redactText(key);
                expect(hardcoded.some((finding) => finding.message.includes(redacted))).toBe(true);
              }
            }
          }
          const baseline = await run(['--write-baseline', 'baseline.json', '.'], { cwd: root, env: {} });
          outputs.push(baseline.stdout, baseline.stderr, readFileSync(join(root, 'baseline.json'), 'utf8'));
          assertNoKeyIn(outputs.join('\n'), keys);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('code frames never show part of a key the recognizer could miss, whatever the window', () => {
    fc.assert(
      fc.property(keyArbitrary, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), ({ text: key }, before, after) => {
        const text = `${'x'.repeat(before)} ${key} ${'y'.repeat(after)}\n`;
        const lines = new LineIndex(text);
        const [match] = findKeys(text);
        expect(match).toBeDefined();
        for (const column of [1, Math.max(1, before - 10), before + 2, before + 2 + key.length]) {
          const snippet = lines.snippet({ line: 1, column, endLine: 1, endColumn: column + 1 });
          const shown = snippet.lines.join('\n');
          // No 12-character stretch of the key body survives in the frame.
          const body = key.replace(/^ps_(live_|test_)?/, '');
          for (let index = 0; index + 12 <= body.length; index++) expect(shown).not.toContain(body.slice(index, index + 12));
        }
      }),
      { numRuns: 200 },
    );
  });
});
