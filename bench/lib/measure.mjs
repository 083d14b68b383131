/**
 * Runs a command as a whole process and measures it: wall time (hrtime around the spawn), peak RSS
 * (GNU `/usr/bin/time -f %M` when present; for Node commands otherwise a preload that reports
 * `process.resourceUsage().maxRSS`), exit code and captured output.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const RSS_PRELOAD = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));
let timeWorks;

/** GNU time (not a BSD/busybox one that lacks `-f`/`-o`). Checked once. */
export async function hasGnuTime() {
  if (timeWorks !== undefined) return timeWorks;
  if (!existsSync(GNU_TIME)) return (timeWorks = false);
  const probe = await spawnCollect(GNU_TIME, ['-f', '%M', 'true'], {});
  timeWorks = probe.code === 0 && /^\d+\s*$/m.test(probe.stderr);
  return timeWorks;
}

/**
 * @param {object} spec
 * @param {string} spec.command   executable (use process.execPath for Node scripts)
 * @param {string[]} spec.args
 * @param {string} [spec.cwd]
 * @param {Record<string,string>} [spec.env]   added to process.env
 * @param {number} [spec.timeoutMs]
 * @returns {Promise<{wallMs:number, rssKb:number|undefined, code:number|null, signal:string|null, stdout:string, stderr:string, timedOut:boolean}>}
 */
export async function runMeasured(spec) {
  const scratch = mkdtempSync(join(tmpdir(), 'pilotstatus-bench-'));
  const rssFile = join(scratch, 'rss');
  const env = { ...process.env, ...(spec.env ?? {}) };
  let command = spec.command;
  let args = spec.args;
  if (await hasGnuTime()) {
    args = ['-f', '%M', '-o', rssFile, command, ...args];
    command = GNU_TIME;
  } else if (command === process.execPath) {
    args = ['--import', RSS_PRELOAD, ...args];
    env.PILOTSTATUS_BENCH_RSS_FILE = rssFile;
  }
  const started = process.hrtime.bigint();
  const result = await spawnCollect(command, args, { cwd: spec.cwd, env, timeoutMs: spec.timeoutMs });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let rssKb;
  try {
    // GNU time writes "Command exited with non-zero status N" before the figure.
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const value = Number(lines[lines.length - 1]);
    if (Number.isFinite(value) && value > 0) rssKb = value;
  } catch {
    rssKb = undefined;
  }
  rmSync(scratch, { recursive: true, force: true });
  return { wallMs, rssKb, ...result };
}

/** Spawns without a shell; collects stdout/stderr; kills the process group on timeout. */
export function spawnCollect(command, args, { cwd, env, timeoutMs, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const out = [];
    const err = [];
    let timedOut = false;
    let timer;
    if (timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, timeoutMs);
    }
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout: '', stderr: String(error), timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function max(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length ? Math.max(...finite) : undefined;
}
