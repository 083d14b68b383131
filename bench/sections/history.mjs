/**
 * Section 7: history. A real repository (its path from --history-repo or
 * $PILOTSTATUS_BENCH_HISTORY_REPO; nothing is fetched) is cloned into the work folder with every ref,
 * and keys are planted in commits on top: added then deleted, only on a branch, in an env file later
 * masked. `pilotstatus-scan --history` must find each with the commit that introduced it, exit 1 and
 * print no key; its wall time is compared, in the same run, with
 * `git cat-file --batch-all-objects --batch | rg 'ps_[A-Za-z0-9]{24,}'` (target ≤ 5×, peak RSS ≤ 500 MB).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { median, max, runMeasured } from '../lib/measure.mjs';
import { fakeKey } from '../lib/random.mjs';
import { heading, note, ratio, rss, seconds, skipped, table, verdict } from '../lib/report.mjs';
import { findRipgrep } from './text.mjs';

export const HISTORY_REPO_ENV = 'PILOTSTATUS_BENCH_HISTORY_REPO';
const RG_PATTERN = 'ps_[A-Za-z0-9]{24,}';
const MAX_RSS_KB = 500 * 1024;

export async function runHistorySection(context) {
  heading('7. History: pilotstatus-scan --history on a real repository');
  const { bin, workDir, log, runs } = context;
  if (!bin.ok) return skipped('', bin.reason);
  const source = context.historyRepo ?? process.env[HISTORY_REPO_ENV];
  if (!source) return skipped('', `no repository: pass --history-repo <path> or set ${HISTORY_REPO_ENV} (a local clone or mirror; nothing is fetched)`);
  if (!existsSync(source)) return skipped('', `${source} does not exist`);

  const root = join(workDir, 'history-repo');
  log(`cloning ${source} (every ref) into ${root}`);
  const { planted, keys } = cloneAndPlant(source, root, context.seed);
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
  note(`repository: ${source}; ${git('rev-list', '--all', '--count')} commits on ${git('for-each-ref').split('\n').length} refs (after planting ${planted.length} keys)`);

  const scanner = { label: 'pilotstatus-scan --history', command: process.execPath, args: [bin.path, '--history', '--no-config', '--format', 'json'] };
  const rg = await findRipgrep({ install: context.installRg, log });
  const baseline = rg.ok ? { label: `git cat-file --batch-all-objects --batch | rg '${RG_PATTERN}'`, command: 'sh', args: ['-c', `git cat-file --batch-all-objects --batch | rg -c '${RG_PATTERN}'`] } : undefined;
  if (!rg.ok) skipped('ripgrep', rg.reason);

  // Turns (scanner, then baseline), so both see the same machine load.
  const samples = { scanner: [], baseline: [] };
  let lastScan;
  for (let run = 0; run < runs; run++) {
    lastScan = await runMeasured({ ...scanner, cwd: root, timeoutMs: 30 * 60_000 });
    samples.scanner.push(lastScan);
    if (baseline) samples.baseline.push(await runMeasured({ ...baseline, cwd: root, timeoutMs: 10 * 60_000 }));
  }

  let report;
  try {
    report = JSON.parse(lastScan.stdout);
  } catch {
    report = undefined;
  }
  const printed = lastScan.stdout + lastScan.stderr;
  const leaked = keys.filter((key) => printed.includes(key)).length;
  const found = planted.map((plant) => ({
    ...plant,
    ok: Boolean(report?.findings.some((finding) => finding.file === plant.file && finding.commit === plant.commit && finding.ruleId === 'pilotstatus/no-hardcoded-key')),
  }));

  const wall = median(samples.scanner.map((sample) => sample.wallMs));
  const peak = max(samples.scanner.map((sample) => sample.rssKb));
  const baseWall = baseline ? median(samples.baseline.map((sample) => sample.wallMs)) : NaN;
  table(
    ['command', 'median wall', 'peak RSS', 'exit', 'findings'],
    [
      [scanner.label, seconds(wall), rss(peak), lastScan.code, report ? report.findings.length : 'no report'],
      ...(baseline ? [[baseline.label, seconds(baseWall), rss(max(samples.baseline.map((sample) => sample.rssKb))), samples.baseline.at(-1).code, '(rg -c: matching objects)']] : []),
    ],
  );
  if (report) note(`scanned ${report.stats.files} (path, blob) pairs, linted ${report.stats.linted}; ${report.errors.length} error(s)`);
  table(
    ['planted', 'file', 'commit', 'found with its commit'],
    found.map((plant) => [plant.kind, plant.file, plant.commit.slice(0, 12), plant.ok ? 'yes' : 'NO']),
  );

  const verdicts = [
    verdict('every planted key found with the commit that introduced it', found.every((plant) => plant.ok), `${found.filter((plant) => plant.ok).length}/${found.length}`),
    verdict('exit code 1', lastScan.code === 1, String(lastScan.code)),
    verdict('no key printed', leaked === 0, leaked === 0 ? 'none of the planted keys in stdout or stderr' : `${leaked} key(s) printed`),
    verdict('history wall ≤ 5× cat-file | rg', baseline ? wall <= 5 * baseWall : undefined, baseline ? `${ratio(wall / baseWall)} (${seconds(wall)} vs ${seconds(baseWall)})` : 'ripgrep not measured'),
    verdict('peak RSS ≤ 500 MB', peak === undefined ? undefined : peak <= MAX_RSS_KB, rss(peak)),
  ];
  rmSync(root, { recursive: true, force: true });
  return { wallMs: wall, rssKb: peak, baselineWallMs: baseWall, planted: found.map(({ kind, ok }) => ({ kind, ok })), verdicts };
}

/** A full clone (every ref, as a mirror with a work tree) and the planted commits; returns what was planted where. */
function cloneAndPlant(source, root, seed) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  execFileSync('git', ['clone', '-q', '--mirror', resolve(source), join(root, '.git')]);
  let clock = Date.UTC(2030, 0, 1);
  const git = (...args) => {
    const date = new Date((clock += 60_000)).toISOString();
    const env = { ...process.env, GIT_AUTHOR_NAME: 'Bench Planter', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'Bench Planter', GIT_COMMITTER_EMAIL: 'bench@example.org', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8', env }).trim();
  };
  git('config', '--bool', 'core.bare', 'false');
  git('checkout', '-q', '-f', git('symbolic-ref', '--short', 'HEAD'));
  const write = (path, content) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const commit = (message) => (git('add', '-A'), git('commit', '-q', '-m', message), git('rev-parse', 'HEAD'));
  const keys = [141, 142, 143].map((offset) => plantableKey(seed * 1000 + offset));
  const planted = [];

  write('src/config/pilotstatus.ts', `export const PILOTSTATUS_API_KEY = '${keys[0]}';\n`);
  planted.push({ kind: 'added then deleted', file: 'src/config/pilotstatus.ts', commit: commit('bench: add a PilotStatus client config') });
  rmSync(join(root, 'src/config/pilotstatus.ts'));
  commit('bench: remove the key');

  const main = git('symbolic-ref', '--short', 'HEAD');
  git('checkout', '-q', '-b', 'bench/leak-branch');
  write('deploy/.env.production', `PILOTSTATUS_API_KEY=${keys[1]}\n`);
  planted.push({ kind: 'only on a branch', file: 'deploy/.env.production', commit: commit('bench: production env') });
  git('checkout', '-q', main);

  write('.env.pilotstatus', `PILOTSTATUS_API_KEY=${keys[2]}\n`);
  planted.push({ kind: 'env file later masked', file: '.env.pilotstatus', commit: commit('bench: env file') });
  write('.env.pilotstatus', `PILOTSTATUS_API_KEY=${keys[2].slice(0, 8)}********\n`);
  commit('bench: mask the key');
  return { planted, keys };
}

/** The recognizer drops placeholder-like keys (`…Fake…`, `XXXX`, long runs): draw again, so every seed plants real-looking keys. */
function plantableKey(seed) {
  for (let next = seed; ; next += 7919) {
    const key = fakeKey(next);
    if (!/your|example|placeholder|changeme|dummy|sample|redacted|xxxx|fake/i.test(key) && !/(.)\1{3}/.test(key)) return key;
  }
}
