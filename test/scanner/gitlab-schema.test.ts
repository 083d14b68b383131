/**
 * `--format gitlab` validates against GitLab's published secret-detection report schema (vendored in
 * test/schemas/, see its README for the source and version), with findings, errors and odd names.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { run } from '../../src/scanner/cli.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { writeTree } from './tree.js';

/** The parts of a GitLab secret detection report these tests read. */
interface GitlabReport { vulnerabilities: Array<{ location: { commit: { sha: string } } }> }

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'schemas', 'gitlab-secret-detection-report-format-15.2.1.json'), 'utf8')) as { self: { version: string } };
const validate = new (Ajv as unknown as typeof Ajv.default)({ allErrors: true, strict: false }).compile(schema);

describe('GitLab secret-detection report', () => {
  it('the validator rejects a report that does not fit the schema (so a pass means something)', () => {
    expect(schema.self.version).toBe('15.2.1');
    expect(validate({ version: '15.2.1', scan: { type: 'sast' }, vulnerabilities: [{ id: 'x', identifiers: [], location: {} }] })).toBe(false);
  });

  it('is valid for findings of several rules, a parse error and odd file names, and names the commit', async () => {
    const live = fakeKey(1540);
    const test = fakeKey(1541, { environment: 'test' });
    const root = writeTree({
      'package.json': '{ "name": "gitlab-fixture" }',
      '.env': `VITE_PILOTSTATUS_API_KEY=${live}\n`,
      'docs/send.md': '```sh\ncurl -H "Authorization: Bearer $PILOTSTATUS_API_KEY" https://pilotstatus.com.br/v1/messages/send\n```\n',
      'src/broken.ts': `export const = '${test}';\n`,
      'odd name "quoted".env': `KEY=${test}\n`,
    });
    const sha = 'a'.repeat(40);
    const result = await run(['--format', 'gitlab', '.'], { cwd: root, env: { CI_COMMIT_SHA: sha } });
    assertNoKeyIn(result.stdout + result.stderr, [live, test]);
    expect(result.exitCode).toBe(3);
    const report = JSON.parse(result.stdout) as {
      version: string;
      scan: { type: string; analyzer: { id: string }; scanner: { id: string }; messages?: Array<{ level: string; value: string }> };
      vulnerabilities: Array<{ category: string; severity: string; identifiers: Array<{ value: string }>; location: { file: string; start_line: number; commit: { sha: string } } }>;
    };
    expect(validate(report), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(report.scan.type).toBe('secret_detection');
    expect(report.scan.analyzer.id).toBe('pilotstatus-scan');
    const summary = report.vulnerabilities.map((vulnerability) => `${vulnerability.location.file}:${vulnerability.location.start_line} ${vulnerability.identifiers[0]!.value} ${vulnerability.severity}`).sort();
    expect(summary).toEqual(
      expect.arrayContaining(['.env:1 pilotstatus/no-hardcoded-key Critical', '.env:1 pilotstatus/no-client-key Critical', 'docs/send.md:2 pilotstatus/no-bearer-auth High', 'odd name "quoted".env:1 pilotstatus/no-hardcoded-key Critical']),
    );
    for (const vulnerability of report.vulnerabilities) {
      expect(vulnerability.category).toBe('secret_detection');
      expect(vulnerability.location.commit.sha).toBe(sha);
    }
    expect(report.scan.messages?.map((message) => message.level)).toEqual(['warn']);
    expect(report.scan.messages?.[0]?.value).toMatch(/^src\/broken\.ts: not fully scanned/);
  });

  it('takes the commit from git when CI_COMMIT_SHA is not set; a clean scan is a valid empty report', async () => {
    const root = writeTree({ 'a.md': 'ok\n' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', 'x');
    const head = git('rev-parse', 'HEAD').trim();
    const live = fakeKey(1542);
    const dirty = await run(['--format', 'gitlab', '-', '--stdin-filename', 'b.env'], { cwd: root, env: {}, readStdin: () => Promise.resolve(Buffer.from(`K=${live}\n`)) });
    const report = JSON.parse(dirty.stdout) as GitlabReport;
    expect(validate(report)).toBe(true);
    expect(report.vulnerabilities[0]!.location.commit.sha).toBe(head);
    const clean = await run(['--format', 'gitlab', '.'], { cwd: root, env: {} });
    expect(clean.exitCode).toBe(0);
    expect(validate(JSON.parse(clean.stdout))).toBe(true);
    expect((JSON.parse(clean.stdout) as GitlabReport).vulnerabilities).toEqual([]);
  });
});
