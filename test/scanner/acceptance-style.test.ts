/**
 * A small app in the acceptance sample's layout (`EXPECTED.json` labels, `NEGATIVES.md` traps) run
 * end to end: the scanner's JSON findings and ESLint with `recommended-type-checked` must be exactly
 * the labelled lines, and nothing either prints may contain the key. The app is copied to a temp
 * directory with one generated file holding a key (no key-shaped literal is committed).
 *
 * test/fixtures/trees/logged-objects: logged objects that carry the key (issue 13 item 3).
 * test/fixtures/trees/framework-patterns: request hooks, client code decided per project, one key per
 * instance, a file outside every tsconfig (issue 13 items 1, 2, 4, 5).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { scanJson, writeTree } from './tree.js';

const TREES = join(import.meta.dirname, '..', 'fixtures', 'trees');
const key = fakeKey(531);

interface Label {
  file: string;
  line: number;
  rule: string;
  kind: string;
}

function readApp(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = relative(directory, join(entry.parentPath, entry.name));
    if (path !== 'EXPECTED.json' && path !== 'NEGATIVES.md') files[path] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

/** A developer's key pasted into a seed script: the one file with a key, written at run time. */
const SEED_SCRIPT = [
  "const DEV_KEY = process.env.PILOTSTATUS_API_KEY ?? '" + key + "';",
  'console.log(`seeding reminders with ${DEV_KEY}`);',
  '',
].join('\n');
const SEED_LABELS: Label[] = [
  { file: 'scripts/seed-dev.ts', line: 1, rule: 'pilotstatus/no-hardcoded-key', kind: 'syntactic' },
  { file: 'scripts/seed-dev.ts', line: 2, rule: 'pilotstatus/no-key-logging', kind: 'dataflow' },
];

interface App {
  name: string;
  title: string;
  /** Files written at run time (the only ones that may hold a generated key), with their labels. */
  extraFiles?: Record<string, string>;
  extraLabels?: Label[];
}

const APPS: App[] = [
  { name: 'logged-objects', title: 'logged objects that carry the key', extraFiles: { 'scripts/seed-dev.ts': SEED_SCRIPT }, extraLabels: SEED_LABELS },
  { name: 'framework-patterns', title: 'request hooks, client code per project, one key per instance, files outside tsconfig' },
];

describe.each(APPS)('acceptance-style app $name: $title', (app) => {
  const directory = join(TREES, app.name);
  const labels = [...(JSON.parse(readFileSync(join(directory, 'EXPECTED.json'), 'utf8')) as Label[]), ...(app.extraLabels ?? [])];
  const negatives = [...readFileSync(join(directory, 'NEGATIVES.md'), 'utf8').matchAll(/^- `([^`:]+):(\d+)`/gm)].map(([, file, line]) => `${file}:${line}`);
  const expected = labels.map((label) => `${label.file}:${label.line} ${label.rule}`).sort();
  const root = writeTree({ ...readApp(directory), ...app.extraFiles });

  it('lists traps that lie outside every label', () => {
    expect(negatives.length).toBeGreaterThan(6);
    for (const negative of negatives) expect(expected.map((entry) => entry.split(' ')[0]), negative).not.toContain(negative);
  });

  it('the scanner reports exactly the labelled lines, and prints no key', async () => {
    const { result, report } = await scanJson(root, ['.'], [key]);
    expect(report.errors).toEqual([]);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort()).toEqual(expected);
    expect(result.exitCode).toBe(1);
  });

  it('ESLint with recommended-type-checked reports exactly the labelled lines (no file fails for lack of a tsconfig), and prints no key', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...plugin.configs['recommended-type-checked']] });
    const results = await eslint.lintFiles(['**/*.ts']);
    const messages = results.flatMap((result) => result.messages.map((message) => ({ ...message, file: relative(root, result.filePath) })));
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`).sort()).toEqual(expected);
    assertNoKeyIn(JSON.stringify(messages), [key]);
  });
});
