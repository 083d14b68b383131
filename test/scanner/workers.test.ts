/**
 * The text path on worker threads (the built bin): the same findings as on the main thread, and a
 * worker that dies takes only its in-flight files with it — they are listed in `errors`, the exit
 * code says the scan is incomplete, and every other file is still scanned.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { writeMainScript } from '../support/main-script.js';
import { writeTree } from './tree.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'scanner', 'bin.js');
const FILES = 600;
const keys = Array.from({ length: FILES }, (_, index) => fakeKey(5000 + index));

interface Report {
  findings: Array<{ file: string; ruleId: string; fingerprint: string }>;
  errors: Array<{ file: string; reason: string }>;
}

function scanTree(root: string, args: string[], scanOptions?: string) {
  const entry = scanOptions ? writeMainScript(scanOptions) : BIN;
  const result = spawnSync(process.execPath, [entry, '--format', 'json', ...args, '.'], { cwd: root, encoding: 'utf8' });
  assertNoKeyIn(result.stdout + result.stderr, keys);
  return { status: result.status, report: JSON.parse(result.stdout) as Report };
}

describe('text workers', () => {
  const files: Record<string, string> = { 'package.json': '{ "name": "workers-fixture" }' };
  keys.forEach((key, index) => (files[`config/service-${index}.env`] = `NAME=service-${index}\nPILOTSTATUS_API_KEY=${key}\n`));

  it('the built bin exists (npm test builds first)', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('report the same findings as the main thread', () => {
    const root = writeTree(files);
    const single = scanTree(root, ['--jobs', '0']);
    const parallel = scanTree(root, ['--jobs', '2']);
    const byDefault = scanTree(root, []);
    expect(byDefault.report.findings).toEqual(single.report.findings);
    expect(single.status).toBe(1);
    expect(parallel.status).toBe(1);
    expect(single.report.findings).toHaveLength(FILES);
    expect(parallel.report.findings).toEqual(single.report.findings);
    expect(parallel.report.errors).toEqual([]);
  });

  it('a worker that dies loses no file: its in-flight files are errors, the rest is scanned', () => {
    const root = writeTree(files);
    const { status, report } = scanTree(root, ['--jobs', '2'], '{ workerExitAfter: 20 }');
    expect(status).toBe(3);
    expect(report.errors.length).toBeGreaterThan(0);
    for (const error of report.errors) expect(error.reason).toMatch(/scan worker stopped unexpectedly/);
    // every file with a key is either reported or listed as not scanned, exactly once
    const errored = report.errors.map((error) => error.file).filter((file) => file.startsWith('config/'));
    const reported = report.findings.map((finding) => finding.file);
    expect(new Set([...reported, ...errored]).size).toBe(FILES);
    expect(reported.length + errored.length).toBe(FILES);
    expect(reported.length).toBeGreaterThan(0);
  });
});
