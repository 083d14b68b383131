/**
 * The CLI for people: typos get the nearest option, out-of-range values are errors, `--quiet` and
 * `--verbose`, standard input named by `--stdin-filename`, and a bad config setting named in one line.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/scanner/cli.js';
import { scan } from '../../src/scanner/scan.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { writeTree, type JsonReport } from './tree.js';

const live = fakeKey(1510);
const keys = [live];

async function runCli(cwd: string, args: string[], stdin?: string) {
  const result = await run(args, { cwd, env: {}, ...(stdin !== undefined ? { readStdin: () => Promise.resolve(Buffer.from(stdin)) } : {}) });
  assertNoKeyIn(result.stdout + result.stderr, keys);
  return result;
}

describe('argument mistakes', () => {
  it('an unknown option suggests the nearest one, in one line', async () => {
    const root = writeTree({ 'a.md': 'ok\n' });
    const typo = await runCli(root, ['--formt', 'json']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe('pilotstatus-scan: unknown option --formt (did you mean --format?)');
    expect((await runCli(root, ['--stagged'])).stderr).toContain('did you mean --staged?');
    expect((await runCli(root, ['--max-filesize=1k'])).stderr).toContain('did you mean --max-file-size?');
    // nothing close: no guess
    expect((await runCli(root, ['--zzzzzzzz'])).stderr.split('\n')[0]).toBe('pilotstatus-scan: unknown option --zzzzzzzz');
  });

  it('--jobs out of range is an error, not a silent cap (CLI and API)', async () => {
    const root = writeTree({ 'a.md': 'ok\n' });
    for (const value of ['5', '64', '-1', 'two']) {
      const result = await runCli(root, ['--jobs', value]);
      expect(result.exitCode, value).toBe(2);
      expect(result.stderr).toMatch(/--jobs: expected a number of worker threads from 0 to 4|--jobs/);
    }
    expect((await runCli(root, ['--jobs', '4', '--format', 'json'])).exitCode).toBe(0);
    await expect(scan({ cwd: root, noConfig: true, jobs: 8 })).rejects.toThrow(/jobs: expected 0 to 4/);
  });

  it('a mistyped config setting is named in one line with the nearest name, no stack trace', async () => {
    const root = writeTree({ 'pilotstatus.config.json': '{ "serverFile": ["workers/**"] }', 'a.md': 'ok\n' });
    const result = await runCli(root, ['.']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^pilotstatus-scan: pilotstatus\.config\.json: "serverFile" is not a known option \(did you mean "serverFiles"\?\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const badValue = writeTree({ 'pilotstatus.config.json': '{ "serverFiles": "workers/**" }', 'a.md': 'ok\n' });
    const value = await runCli(badValue, ['.']);
    expect(value.exitCode).toBe(2);
    expect(value.stderr.trim()).toBe('pilotstatus-scan: pilotstatus.config.json: serverFiles must be an array of strings.');
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet prints nothing on stdout when clean, and the findings when not; exit codes unchanged', async () => {
    const clean = writeTree({ 'a.md': 'ok\n' });
    const loud = await runCli(clean, ['.']);
    expect(loud.stdout).not.toBe(''); // the default prints a summary, so --quiet has something to remove
    for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab']) {
      const quiet = await runCli(clean, ['--quiet', '--format', format, '.']);
      expect(quiet.exitCode, format).toBe(0);
      expect(quiet.stdout, format).toBe('');
    }
    const dirty = writeTree({ '.env': `K=${live}\n` });
    const found = await runCli(dirty, ['-q', '.']);
    expect(found.exitCode).toBe(1);
    expect(found.stdout).toContain('no-hardcoded-key');
    const broken = writeTree({ 'src/x.ts': "const url = 'https://api.pilotstatus.com.br' {{;\n" });
    expect((await runCli(broken, ['-q', '.'])).exitCode).toBe(3);
  });

  it('--verbose prints per-phase timings and which files went to the lint path and why, on stderr', async () => {
    const root = writeTree({
      'src/api.ts': "export const send = () => fetch('https://api.pilotstatus.com.br/v1/messages', { method: 'POST' });\n",
      'src/plain.ts': 'export const add = (a: number, b: number) => a + b;\n',
      // read by the pre-filter as plain.ts's import before its own turn: not read twice
      'src/a-sum.ts': "import { add } from './plain';\nexport const sum = (values: number[]) => values.reduce(add, 0);\n",
      'config/.env': `K=${live}\n`,
      'notes.md': 'nothing here\n',
    });
    const result = await runCli(root, ['--verbose', '--no-type-check', '--format', 'json', '.']);
    // stdout stays a clean report (the key, and the request without a key header)
    expect((JSON.parse(result.stdout) as JsonReport).findings.map((finding) => finding.ruleId).sort()).toEqual(['pilotstatus/no-hardcoded-key', 'pilotstatus/require-key-header']);
    expect(result.stderr).toMatch(/config \d+ ms, discovery \d+ ms, files \d+ ms, filters \d+ ms \(total \d+ ms\)/);
    expect(result.stderr).toContain('5 file(s): 1 linted, 4 text');
    expect(result.stderr).toContain('src/api.ts: lint path: JS/TS source whose import closure holds PilotStatus evidence');
    expect(result.stderr).toContain('src/a-sum.ts: text path, not decoded: no key in its bytes, and its import closure holds no PilotStatus evidence');
    expect(result.stderr).toContain('src/plain.ts: text path, not read again: read as an import already, no key in its bytes');
    expect(result.stderr).toContain('config/.env: text path: not JS/TS source (env)');
    expect(result.stderr).toContain('notes.md: text path, not decoded: no key or PilotStatus marker');
    expect((await runCli(root, ['--quiet', '--verbose'])).exitCode).toBe(2);
  });
});

describe('standard input', () => {
  it('"-" scans standard input under the --stdin-filename path: rules and classification follow the name', async () => {
    const root = writeTree({ 'package.json': '{ "name": "stdin-fixture" }' });
    const source = `const key = '${live}';\nfetch('https://api.pilotstatus.com.br/v1/messages', { headers: { Authorization: \`Bearer \${key}\` } });\n`;
    const asClient = await runCli(root, ['--format', 'json', '--no-type-check', '-', '--stdin-filename', 'src/components/Widget.client.tsx'], source);
    const report = JSON.parse(asClient.stdout) as JsonReport;
    expect(asClient.exitCode).toBe(1);
    expect(new Set(report.findings.map((finding) => finding.file))).toEqual(new Set(['src/components/Widget.client.tsx']));
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(expect.arrayContaining(['pilotstatus/no-bearer-auth', 'pilotstatus/no-hardcoded-key', 'pilotstatus/no-client-key']));
    // The same text named as a Markdown file goes to the text detectors: no AST rule (Bearer in code) runs.
    const asText = JSON.parse((await runCli(root, ['--format', 'json', '-', '--stdin-filename', 'notes.md'], `key: ${live}\n`)).stdout) as JsonReport;
    expect(asText.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['notes.md pilotstatus/no-hardcoded-key']);
    expect((await runCli(root, ['--format', 'json', '-', '--stdin-filename', 'ok.ts'], 'export {};\n')).exitCode).toBe(0);
  });

  it('"-" needs --stdin-filename, and is the only path', async () => {
    const root = writeTree({ 'a.md': 'ok\n' });
    expect((await runCli(root, ['-'], 'x')).stderr).toMatch(/--stdin-filename <path>/);
    expect((await runCli(root, ['-', 'src', '--stdin-filename', 'a.ts'], 'x')).exitCode).toBe(2);
    expect((await runCli(root, ['--stdin-filename', 'a.ts'])).exitCode).toBe(2);
    expect((await runCli(root, ['-', '--staged', '--stdin-filename', 'a.ts'], 'x')).exitCode).toBe(2);
  });

  it('the built bin reads the process standard input', () => {
    const root = writeTree({ 'a.md': 'ok\n' });
    const bin = join(import.meta.dirname, '..', '..', 'dist', 'src', 'scanner', 'bin.js');
    const result = spawnSync(process.execPath, [bin, '--format', 'json', '-', '--stdin-filename', 'deploy/.env'], { cwd: root, input: `KEY=${live}\n`, encoding: 'utf8' });
    assertNoKeyIn(result.stdout + result.stderr, keys);
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as JsonReport).findings.map((finding) => finding.file)).toEqual(['deploy/.env']);
  });
});
