/**
 * The rule docs are tested like code (after typescript-eslint's tests/docs.test.mts):
 *
 * - every rule has `rules/<id>.md` with the header eslint-doc-generator writes and the required
 *   sections;
 * - every code block under `### ❌ Incorrect` lints with at least one report of that doc's rule, and
 *   every code block under `### ✅ Correct` lints with no report of any rule of the plugin;
 * - no doc (nor the README) holds a key-shaped literal, and no lint output holds a generated key.
 *
 * Examples are linted by ESLint's `Linter` with the plugin's `recommended` config (the
 * typescript-eslint parser for TypeScript blocks, espree for JavaScript), from a real file in a
 * throwaway project (a `package.json` makes it the project root), because client-code detection
 * looks at the path. The file is `file.<lang>` unless the info string names one:
 *
 *     ```tsx filename="src/components/SendButton.tsx"
 *
 * MARKERS. A ❌ example for no-hardcoded-key / no-client-key needs a literal key, and no key-shaped
 * literal may be committed. Such examples write a marker that this test replaces with a key generated
 * by test/support/fake-key.ts at run time:
 *
 *     <FAKE_KEY>       a whole key:            ps_live_ + 32 random base62 characters
 *     <FAKE_KEY_BODY>  the part after ps_live_ (for `'ps_live_' + '<FAKE_KEY_BODY>'`)
 *     <FAKE_KEY_ID>    an `x-api-key-id` value
 */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import plugin from '../src/index.js';
import { findKeys } from '../src/core/key.js';
import { assertNoKeyIn, fakeKey, fakeKeyId } from './support/fake-key.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RULES_DIR = join(ROOT, 'rules');

const FAKE_KEY = fakeKey(9101);
const FAKE_KEY_BODY = fakeKey(9102).slice('ps_live_'.length);
const FAKE_KEY_ID = fakeKeyId(9103);
/** Every key the examples can contain once the markers are replaced. */
const GENERATED_KEYS = [FAKE_KEY, `ps_live_${FAKE_KEY_BODY}`, FAKE_KEY_ID];

const REQUIRED_SECTIONS = ['## Options', '## Type information', '## Scanner coverage', '## When not to use it'];
const LINTED_LANGUAGES = new Set(['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts']);

const ruleIds = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'index.ts' && name !== 'names.ts')
  .map((name) => name.slice(0, -3))
  .sort();

interface Example {
  kind: 'incorrect' | 'correct';
  language: string;
  filename: string;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

/** Code blocks under the ❌ Incorrect / ✅ Correct headings. */
function extractExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let kind: Example['kind'] | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = heading[2]!;
      kind = text.includes('❌') ? 'incorrect' : text.includes('✅') ? 'correct' : heading[1]!.length <= 3 ? undefined : kind;
      continue;
    }
    const fence = /^(`{3,})(\w*)(.*)$/.exec(line);
    if (!fence) continue;
    const [, ticks, language = '', info = ''] = fence;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !lines[index]!.startsWith(ticks!); index++) body.push(lines[index]!);
    if (!kind || !LINTED_LANGUAGES.has(language)) continue;
    const filename = /filename="([^"]+)"/.exec(info)?.[1] ?? `file.${language}`;
    examples.push({ kind, language, filename, code: body.join('\n') + '\n', line: start + 1 });
  }
  return examples;
}

function substituteMarkers(code: string): string {
  return code.replaceAll('<FAKE_KEY_BODY>', FAKE_KEY_BODY).replaceAll('<FAKE_KEY_ID>', FAKE_KEY_ID).replaceAll('<FAKE_KEY>', FAKE_KEY);
}

const temporaryRoots: string[] = [];
afterAll(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

/** Lints `example` from a file of its own project, as a user's ESLint would with `recommended`. */
function lintExample(example: Example): Linter.LintMessage[] {
  const root = mkdtempSync(join(tmpdir(), 'pilotstatus-docs-'));
  temporaryRoots.push(root);
  writeFileSync(join(root, 'package.json'), '{ "name": "docs-example", "private": true }\n');
  const filename = join(root, example.filename);
  mkdirSync(dirname(filename), { recursive: true });
  const code = substituteMarkers(example.code);
  writeFileSync(filename, code);
  const linter = new Linter({ cwd: root });
  return linter.verify(code, [plugin.configs.recommended], { filename });
}

test('no doc and not the README holds a key-shaped literal', () => {
  const files = [join(ROOT, 'README.md'), ...readdirSync(RULES_DIR).filter((name) => name.endsWith('.md')).map((name) => join(RULES_DIR, name))];
  for (const file of files) {
    const found = findKeys(readFileSync(file, 'utf8'));
    expect(found.map((match) => match.redacted), file).toEqual([]);
  }
});

describe.each(ruleIds)('rules/%s.md', (id) => {
  const path = join(RULES_DIR, `${id}.md`);
  const markdown = (() => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  })();

  test('exists', () => {
    expect(markdown, `${path} is missing`).toBeDefined();
  });
  if (markdown === undefined) return;

  test('has the generated header and the required sections', () => {
    const title = markdown.split('\n')[0]!;
    expect(title).toMatch(new RegExp(`^# .+ \\(\`pilotstatus/${id}\`\\)$`));
    expect(markdown).toContain('<!-- end auto-generated rule header -->');
    for (const section of REQUIRED_SECTIONS) {
      expect(markdown.split('\n'), `${id}.md lacks "${section}"`).toContain(section);
    }
    expect(markdown, `${id}.md lacks "### ❌ Incorrect"`).toMatch(/^### ❌ Incorrect$/m);
    expect(markdown, `${id}.md lacks "### ✅ Correct"`).toMatch(/^### ✅ Correct$/m);
  });

  test('documents every option under "## Options"', () => {
    const schema = (plugin.rules[id]?.meta.schema ?? []) as Array<{ properties?: Record<string, unknown> }>;
    const options = markdown.slice(markdown.indexOf('\n## Options'));
    for (const name of schema.flatMap((item) => Object.keys(item?.properties ?? {}))) {
      expect(options, `${id}.md does not document the option \`${name}\``).toContain(`\`${name}\``);
    }
  });

  test('quotes the vendor rule it enforces', () => {
    expect(markdown).toMatch(/^> .+\n(?:>.*\n)*> — PilotStatus API docs/m);
  });

  const examples = extractExamples(markdown);

  test('has ❌ and ✅ examples', () => {
    expect(examples.filter((example) => example.kind === 'incorrect').length).toBeGreaterThan(0);
    expect(examples.filter((example) => example.kind === 'correct').length).toBeGreaterThan(0);
  });

  test.each(examples.map((example) => [`${example.kind === 'incorrect' ? '❌' : '✅'} line ${example.line} (${example.filename})`, example] as const))(
    '%s',
    (_name, example) => {
      const messages = lintExample(example);
      assertNoKeyIn(JSON.stringify(messages), GENERATED_KEYS);
      const fatal = messages.filter((message) => message.fatal);
      expect(fatal.map((message) => message.message), 'the example does not parse').toEqual([]);
      const ours = messages.filter((message) => message.ruleId?.startsWith('pilotstatus/'));
      const summary = ours.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.messageId ?? ''}`);
      if (example.kind === 'incorrect') {
        expect(ours.filter((message) => message.ruleId === `pilotstatus/${id}`).length, `expected a pilotstatus/${id} report; got ${JSON.stringify(summary)}`).toBeGreaterThan(0);
      } else {
        expect(summary, 'a ✅ example must lint clean').toEqual([]);
      }
    },
  );
});
