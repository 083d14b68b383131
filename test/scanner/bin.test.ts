/**
 * The built executable: shebang, exit codes, JSON on stdout, nothing leaked. Runs the build the global setup keeps current.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { writeMainScript } from '../support/main-script.js';
import { writeTree, type JsonReport } from './tree.js';

const packageRoot = join(import.meta.dirname, '..', '..');
const bin = join(packageRoot, 'dist', 'src', 'scanner', 'bin.js');
const live = fakeKey(601);
const keys = [live];

beforeAll(() => {
  // vitest's global setup (test/support/global-setup.ts) rebuilt a stale dist/ before any test file ran.
  if (!existsSync(bin)) throw new Error('dist/ is missing: the global setup should have built it');
});

function runBin(cwd: string, args: string[]) {
  const result = spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assertNoKeyIn(result.stdout + result.stderr, keys);
  return result;
}

describe('bin', () => {
  it('is an executable with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    // npm sets the mode on install; run it through its shebang here too.
    execFileSync('chmod', ['+x', bin]);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  it('exits 0 on a clean tree, 1 with findings (JSON on stdout), 2 on a usage error, 3 when a file cannot be parsed', () => {
    const clean = writeTree({ 'a.md': '# ok\n' });
    expect(runBin(clean, ['.']).status).toBe(0);

    const dirty = writeTree({ '.env': `K=${live}\n` });
    const found = runBin(dirty, ['--format', 'json', '.']);
    expect(found.status).toBe(1);
    const report = JSON.parse(found.stdout) as JsonReport;
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(['pilotstatus/no-hardcoded-key']);
    expect(report.errors).toEqual([]);

    expect(runBin(dirty, ['--no-such-option']).status).toBe(2);

    const broken = writeTree({ 'src/x.ts': `const k = '${live}' {{\n` });
    const incomplete = runBin(broken, ['--format', 'json', '.']);
    expect(incomplete.status).toBe(3);
    expect((JSON.parse(incomplete.stdout) as JsonReport).errors).toHaveLength(1);
    expect(incomplete.stderr).toMatch(/could not be fully scanned/);
  });

  it('prints --help and --version', () => {
    const help = runBin(packageRoot, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pilotstatus-scan/);
    const version = runBin(packageRoot, ['--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('a real SIGINT mid-scan exits 130 promptly and prints the findings so far to stderr, none on stdout', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`conf/${String(index).padStart(2, '0')}.env`, `K=${live}\n`]));
    const tree = writeTree(files);
    // After 3 files the scan announces itself on stderr and waits (on the event loop) for the abort.
    const script = writeMainScript(`{
      afterFile(done, signal) {
        if (done < 3) return;
        if (!globalThis.announced) process.stderr.write('pilotstatus-scan: test pause\\n');
        globalThis.announced = true;
        if (!signal || signal.aborted) return;
        return new Promise((resolve) => {
          const timer = setTimeout(resolve, 60_000); // keeps the event loop alive while waiting, and bounds the wait
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      },
    }`);
    const child = spawn(process.execPath, [script, '--format', 'json', '.'], { cwd: tree, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Send the signal only once the scan has started and is waiting with some files done.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('test pause')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before pausing: ${stderr}`)));
    });
    const signalled = performance.now();
    child.kill('SIGINT');
    const { code, signal } = await exited;
    const waited = performance.now() - signalled;
    expect(signal).toBeNull();
    expect(code).toBe(130);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Interrupted/);
    const reported = new Set([...stderr.matchAll(/conf\/(\d\d)\.env/g)].map((match) => match[1]));
    expect(reported.size).toBeGreaterThanOrEqual(3);
    expect(reported.size).toBeLessThan(40);
    assertNoKeyIn(stdout + stderr, keys);
    // Not a timing assertion of the scan: a hung process would otherwise only show as a test timeout.
    expect(waited).toBeLessThan(10_000);
  });
});

