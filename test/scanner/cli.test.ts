/**
 * The CLI end to end through `run(argv)`: formats, exit codes, config, suppressions and baselines.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/scanner/cli.js';
import { RULE_NAMES } from '../../src/scanner/finding.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { scanJson, summarize, writeTree, type JsonReport } from './tree.js';

/** The parts of a SARIF 2.1.0 log these tests read. */
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri: string; help: { text: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }>;
    }>;
  }>;
}

const live = fakeKey(201);
const test = fakeKey(202, { environment: 'test' });
const keys = [live, test];

function projectTree(): string {
  return writeTree({
    '.env': `PILOT_NUMBER_KEY=${live}\n`,
    'scripts/smoke.sh': `curl "https://pilotstatus.com.br/v1/messages/x" \\\n  -H "Authorization: Bearer $KEY"\n`,
    'docs/notes.md': 'Nothing to see.\n',
  });
}

describe('run(argv)', () => {
  it('prints help with the exit codes and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Exit codes:/);
    for (const code of ['0 ', '1 ', '2 ', '3 ', '130 ']) expect(result.stdout).toContain(`\n  ${code}`);
  });

  it('exits 2 on a usage error, an unknown format or a missing path', async () => {
    const root = projectTree();
    expect((await run(['--bogus'], { cwd: root })).exitCode).toBe(2);
    expect((await run(['--format', 'xml', '.'], { cwd: root })).exitCode).toBe(2);
    const missing = await run(['does-not-exist'], { cwd: root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/no such file or directory/);
    expect((await run(['--max-file-size', 'huge'], { cwd: root })).exitCode).toBe(2);
  });

  it('exits 0 with no findings and 1 with findings', async () => {
    const clean = writeTree({ 'src/a.md': '# hello\n' });
    expect((await run(['.'], { cwd: clean })).exitCode).toBe(0);
    const { result } = await scanJson(projectTree(), ['.'], keys);
    expect(result.exitCode).toBe(1);
  });

  it('writes the JSON schema: findings, errors, stats', async () => {
    const { report } = await scanJson(projectTree(), [], keys);
    expect(summarize(report)).toEqual(['.env:1 no-hardcoded-key', 'scripts/smoke.sh:2 no-bearer-auth']);
    const finding = report.findings[0]!;
    expect(Object.keys(finding).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'fingerprint', 'line', 'message', 'ruleId', 'severity']);
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(report.errors).toEqual([]);
    expect(report.stats).toMatchObject({ files: 3, findings: 2, errors: 0 });
  });

  it('stylish groups by file, shows a redacted code frame and totals, without colour off a TTY', async () => {
    const result = await run(['.'], { cwd: projectTree(), env: {} });
    assertNoKeyIn(result.stdout + result.stderr, keys);
    expect(result.stdout).toMatch(/^\.env\n {2}1:18 {5}error/m);
    expect(result.stdout).toContain('> 1 | PILOT_NUMBER_KEY=ps_live_');
    expect(result.stdout).toMatch(/✖ 2 problems \(2 errors, 0 warnings\) in 2 files/);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    const colored = await run(['--color', '.'], { cwd: projectTree(), env: {} });
    expect(colored.stdout).toMatch(/\u001b\[/);
  });

  it('SARIF 2.1.0 has the rules with help and links, results with partialFingerprints', async () => {
    const result = await run(['--format', 'sarif', '.'], { cwd: projectTree(), env: {} });
    assertNoKeyIn(result.stdout, keys);
    const sarif = JSON.parse(result.stdout) as SarifLog;
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver.rules.map((rule) => rule.id)).toEqual(RULE_NAMES.map((name) => `pilotstatus/${name}`));
    for (const rule of run0.tool.driver.rules) {
      expect(rule.helpUri).toBe(`https://github.com/pilotstatus/eslint-plugin-pilotstatus/blob/main/rules/${rule.id.replace('pilotstatus/', '')}.md`);
      expect(rule.help.text.length).toBeGreaterThan(20);
    }
    expect(run0.results).toHaveLength(2);
    const result0 = run0.results[0]!;
    expect(result0.partialFingerprints['pilotstatusFingerprint/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(result0.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: '.env', uriBaseId: '%SRCROOT%' });
    expect(run0.tool.driver.rules[result0.ruleIndex]!.id).toBe(result0.ruleId);
  });

  it('github annotations escape file names and messages', async () => {
    const root = writeTree({ 'odd,name:1%.env': `KEY=${live}\n` });
    const result = await run(['--format', 'github', '.'], { cwd: root, env: {} });
    assertNoKeyIn(result.stdout, keys);
    expect(result.stdout).toMatch(/^::error file=odd%2Cname%3A1%25\.env,line=1,col=5,endLine=1,endColumn=\d+,title=pilotstatus\/no-hardcoded-key::This looks like a PilotStatus API key/m);
  });

  it('honours pilotstatus-scan-ignore on the line or the line above, optionally per rule', async () => {
    const root = writeTree({
      '.env': [`A=${live} # pilotstatus-scan-ignore`, '# pilotstatus-scan-ignore', `B=${test}`, ''].join('\n'),
      '.env.production': ['# pilotstatus-scan-ignore no-client-key', `VITE_PILOT_KEY=${live}`, ''].join('\n'),
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['.env.production:2 no-hardcoded-key']);
    expect(report.stats.suppressed.inline).toBe(3);
  });

  it('reads pilotstatus.config.json: exclude, rule severities, disabled rules, allowlist', async () => {
    const root = writeTree({
      'pilotstatus.config.json': JSON.stringify({
        exclude: ['vendor/**'],
        rules: { 'no-bearer-auth': 'warn' },
        disabledRules: ['pilotstatus/no-key-in-url'],
        allowlist: { paths: ['fixtures/**'] },
      }),
      'vendor/lib.env': `K=${live}\n`,
      'fixtures/sample.env': `K=${live}\n`,
      'run.sh': `curl https://pilotstatus.com.br/v1/x -H "Authorization: Bearer $K"\n`,
      'feed.env': `FEED=https://example.org/feed?token=${test}\n`,
    });
    const { result, report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['feed.env:1 no-hardcoded-key', 'run.sh:1 no-bearer-auth']);
    expect(report.findings.find((finding) => finding.ruleId === 'pilotstatus/no-bearer-auth')?.severity).toBe('warning');
    expect(report.stats.suppressed.allowlist).toBe(1);
    expect(result.exitCode).toBe(1);
  });

  it('allowlists a key by its redacted form, as the report prints it', async () => {
    const root = writeTree({ 'a.env': `K=${live}\nL=${test}\n` });
    const first = await scanJson(root, ['.'], keys);
    const redacted = /(ps_[a-z]*_?..…#[0-9a-f]{6})/.exec(first.report.findings[0]!.message)![1]!;
    writeFileSync(join(root, 'pilotstatus.config.json'), JSON.stringify({ allowlist: { values: [redacted] } }));
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['a.env:2 no-hardcoded-key']);
  });

  it('reads the "pilotstatus" key of package.json', async () => {
    const root = writeTree({ 'package.json': JSON.stringify({ name: 'x', pilotstatus: { disabledRules: ['no-hardcoded-key'] } }), 'a.env': `K=${live}\n` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(report.findings).toEqual([]);
  });

  it('rejects an invalid config with exit 2 and a message that names the field', async () => {
    for (const [config, message] of [
      [{ rules: { 'no-such-rule': 'error' } }, /unknown rule "no-such-rule"/],
      [{ apiHosts: 'pilotstatus.com.br' }, /apiHosts must be an array of strings/],
      [{ exclude: [1] }, /"exclude" must be an array of strings/],
      [{ colour: true }, /"colour" is not a known option/],
      [{ rules: { 'no-client-key': 'loud' } }, /must be "off", "warn" or "error"/],
    ] as const) {
      const root = writeTree({ 'pilotstatus.config.json': JSON.stringify(config), 'a.md': '' });
      const result = await run(['.'], { cwd: root });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const broken = writeTree({ 'pilotstatus.config.json': '{ nope', 'a.md': '' });
    expect((await run(['.'], { cwd: broken })).stderr).toMatch(/not valid JSON/);
  });

  it('loads a JavaScript config from the scanned project', async () => {
    const root = writeTree({ 'pilotstatus.config.mjs': "export default { exclude: ['secret/**'] };\n", 'secret/a.env': `K=${live}\n`, 'b.env': `K=${test}\n` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['b.env:1 no-hardcoded-key']);
  });

  it('writes a baseline and then leaves its findings out, also after lines move', async () => {
    const root = writeTree({ '.env': `A=1\nK=${live}\n`, 'b.env': `K=${test}\n` });
    const write = await run(['--write-baseline', 'baseline.json', '.'], { cwd: root });
    expect(write.exitCode).toBe(0);
    const baseline = readFileSync(join(root, 'baseline.json'), 'utf8');
    assertNoKeyIn(baseline + write.stderr, keys);
    expect((JSON.parse(baseline) as JsonReport).findings).toHaveLength(2);
    // Insert lines above: fingerprints have no line number, so the baseline still matches.
    writeFileSync(join(root, '.env'), `# moved\n\nA=1\nK=${live}\n`);
    writeFileSync(join(root, 'c.env'), `K=${fakeKey(203)}\n`);
    const { result, report } = await scanJson(root, ['--baseline', 'baseline.json', '.'], [...keys, fakeKey(203)]);
    expect(summarize(report)).toEqual(['c.env:1 no-hardcoded-key']);
    expect(report.stats.suppressed.baseline).toBe(2);
    expect(result.exitCode).toBe(1);
    expect((await run(['--baseline', 'nope.json', '.'], { cwd: root })).exitCode).toBe(2);
  });

  it('gives two identical keys in one file distinct fingerprints', async () => {
    const root = writeTree({ 'a.env': `K=${live}\nL=${live}\n` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(new Set(report.findings.map((finding) => finding.fingerprint)).size).toBe(2);
  });

  it('--output writes the report to a file and keeps stdout empty', async () => {
    const root = projectTree();
    const result = await run(['--format', 'sarif', '--output', 'out.sarif', '.'], { cwd: root });
    expect(result.stdout).toBe('');
    expect((JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as SarifLog).version).toBe('2.1.0');
    expect(result.exitCode).toBe(1);
  });

  it('an aborted scan (SIGINT) prints partial results to stderr and exits 130', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run(['--format', 'json', '.'], { cwd: projectTree(), signal: controller.signal });
    expect(result.exitCode).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Interrupted/);
  });

  it('shows a progress line on a TTY stderr only once the scan takes over a second', async () => {
    const writes: string[] = [];
    await run(['.'], { cwd: projectTree(), stderrIsTTY: false, writeStderr: (text) => writes.push(text) });
    expect(writes).toEqual([]);
  });
});
