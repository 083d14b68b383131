/**
 * Suggestions produce code that still type-checks under `strict` where the original did (checked by
 * running `tsc` on the original and on the result), and follow the file's quote style.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import plugin from '../../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pilotstatus-fix-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], skipLibCheck: true },
    include: ['*.ts'],
  }),
);

/** `tsc` errors (codes) for one file of the temp project. */
function typeErrors(name: string, text: string): string[] {
  writeFileSync(join(dir, name), text);
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
  return [...result.stdout.matchAll(new RegExp(`${name.replace('.', '\\.')}\\(\\d+,\\d+\\): error (TS\\d+)`, 'g'))].map((match) => match[1]!);
}

/** Each suggestion of `ruleId`'s first report, applied to `code`. */
async function suggestedCode(name: string, code: string, typed: boolean, ruleId: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.recommended,
      ...(typed ? [{ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } }] : []),
      { rules: { 'pilotstatus/require-key-header': 'off' } },
    ],
  });
  writeFileSync(join(dir, name), code);
  const [result] = await eslint.lintFiles([join(dir, name)]);
  const message = result!.messages.find((entry) => entry.ruleId === ruleId);
  expect(message, JSON.stringify(result!.messages)).toBeDefined();
  return (message!.suggestions ?? []).map(({ fix }) => code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]));
}

async function applySuggestion(name: string, code: string, typed: boolean): Promise<string> {
  const [fixed] = await suggestedCode(name, code, typed, 'pilotstatus/no-bearer-auth');
  expect(fixed).toBeDefined();
  return fixed!;
}

describe('no-bearer-auth suggestion under tsc --strict', () => {
  const doubleQuoted = `export async function send(body: string) {
  return fetch("https://api.pilotstatus.com.br/v1/messages/send", {
    method: "POST",
    headers: { Authorization: \`Bearer \${process.env.PILOTSTATUS_API_KEY}\` },
    body,
  });
}
`;

  it('the original type-checks, and the bare rewrite would not (so this test has teeth)', () => {
    expect(typeErrors('original.ts', doubleQuoted)).toEqual([]);
    expect(typeErrors('bare.ts', doubleQuoted.replace('Authorization: `Bearer ${process.env.PILOTSTATUS_API_KEY}`', '"x-api-key": process.env.PILOTSTATUS_API_KEY'))).toContain('TS2769');
  });

  it.each([false, true])('env key in a double-quoted file (type information: %s): still type-checks, double quotes', async (typed) => {
    const fixed = await applySuggestion(`env-${typed}.ts`, doubleQuoted, typed);
    expect(fixed).toContain('headers: { "x-api-key": `${process.env.PILOTSTATUS_API_KEY}` },');
    expect(typeErrors(`env-${typed}-fixed.ts`, fixed)).toEqual([]);
  });

  it("a 'Bearer ' + key concatenation with a maybe-undefined key: single quotes kept, still type-checks", async () => {
    const code = `declare const key: string | undefined;
export const response = fetch('https://api.pilotstatus.com.br/v1/groups', { headers: { Authorization: 'Bearer ' + key } });
`;
    expect(typeErrors('concat.ts', code)).toEqual([]);
    const fixed = await applySuggestion('concat.ts', code, true);
    expect(fixed).toContain("headers: { 'x-api-key': `${key}` }");
    expect(typeErrors('concat-fixed.ts', fixed)).toEqual([]);
  });

  it('a key typed string, with type information: written bare, still type-checks', async () => {
    const code = `declare const key: string;
export const response = fetch('https://api.pilotstatus.com.br/v1/groups', { headers: { Authorization: \`Bearer \${key}\` } });
`;
    const fixed = await applySuggestion('typed-string.ts', code, true);
    expect(fixed).toContain("headers: { 'x-api-key': key }");
    expect(typeErrors('typed-string-fixed.ts', fixed)).toEqual([]);
  });
});

describe('no-key-logging mask suggestion under tsc --strict', () => {
  const code = (parameter: string) => `function maskKey(value: ${parameter}): string {
  return \`\${String(value).slice(0, 6)}…\`;
}
const key = process.env.PILOTSTATUS_API_KEY;
console.log(\`using \${key}\`);
export { maskKey };
`;

  it('is not offered when the mask would not accept the value (string | undefined into string)', async () => {
    expect(typeErrors('mask-narrow.ts', code('string'))).toEqual([]);
    expect(typeErrors('mask-narrow-wrapped.ts', code('string').replace('${key}', '${maskKey(key)}'))).toContain('TS2345'); // what the suggestion used to write
    expect(await suggestedCode('mask-narrow.ts', code('string'), true, 'pilotstatus/no-key-logging')).toEqual([]);
  });

  it('is offered, and type-checks, when the mask accepts the value', async () => {
    const [fixed] = await suggestedCode('mask-wide.ts', code('string | undefined'), true, 'pilotstatus/no-key-logging');
    expect(fixed).toContain('console.log(`using ${maskKey(key)}`);');
    expect(typeErrors('mask-wide-fixed.ts', fixed!)).toEqual([]);
  });
});
