#!/usr/bin/env node
/**
 * `npm run bench`: the performance benchmark of the scanner and the plugin (issue 7; adversarial
 * input of issue 8). Prints tables; never part of `npm test`. See bench/README.md.
 *
 *   node bench/run.mjs [--quick] [--runs N] [--only text,eslint,growth,adversarial,source,realcode]
 *                      [--install-rg] [--seed N] [--cache DIR] [--build] [--eslint-each-rule]
 *                      [--history-repo PATH]
 *                      [--realcode-repo DIR]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_PACKAGES, ensureInstalled, getCacheDir, REPO_ROOT, SECRETLINT_PACKAGES } from './lib/corpus.mjs';
import { hasGnuTime, spawnCollect } from './lib/measure.mjs';
import { heading, note } from './lib/report.mjs';
import { runAdversarialSection } from './sections/adversarial.mjs';
import { runEslintSection } from './sections/eslint.mjs';
import { runGrowthSection } from './sections/growth.mjs';
import { HISTORY_REPO_ENV, runHistorySection } from './sections/history.mjs';
import { runRealcodeSection } from './sections/realcode.mjs';
import { runSourceSection } from './sections/source.mjs';
import { runTextSection } from './sections/text.mjs';

const SECTIONS = {
  text: runTextSection,
  eslint: runEslintSection,
  growth: runGrowthSection,
  adversarial: runAdversarialSection,
  source: runSourceSection,
  history: runHistorySection,
  realcode: runRealcodeSection,
};

const HELP = `Usage: node bench/run.mjs [options]   (npm run bench -- [options])

  --quick            one run per measurement, smaller growth base, adversarial sizes 1/2/4 MB
  --runs <n>         runs per measurement (median); default 3, or 1 with --quick
  --only <list>      comma-separated sections: ${Object.keys(SECTIONS).join(', ')}
  --install-rg       apt-get install -y ripgrep when rg is missing (otherwise rg is skipped)
  --seed <n>         seed of the planted keys and places (default 7)
  --cache <dir>      cache folder outside the repository (default $PILOTSTATUS_BENCH_CACHE
                     or ~/.cache/pilotstatus-bench)
  --build            run "npx tsc -p tsconfig.build.json" first
  --eslint-each-rule section 2 also times each rule alone (one more ESLint run per rule)
  --history-repo <path>
                     section history: a local git repository (clone or mirror) to scan with --history;
                     default $${HISTORY_REPO_ENV}; skipped when neither is set (nothing is fetched)
  --realcode-repo <dir>
                     evolution-api (a git dir or checkout) for section realcode (c), (d); default
                     $PILOTSTATUS_BENCH_EVOLUTION; without it (c) and (d) are skipped
  -h, --help         this help
`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    only: { type: 'string' },
    'install-rg': { type: 'boolean' },
    seed: { type: 'string' },
    cache: { type: 'string' },
    build: { type: 'boolean' },
    'eslint-each-rule': { type: 'boolean' },
    'history-repo': { type: 'string' },
    'realcode-repo': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const quick = values.quick === true;
const runs = values.runs ? Math.max(1, Number.parseInt(values.runs, 10)) : quick ? 1 : 3;
const seed = values.seed ? Number.parseInt(values.seed, 10) : 7;
const only = values.only ? values.only.split(',').map((name) => name.trim()).filter(Boolean) : Object.keys(SECTIONS);
for (const name of only) {
  if (!SECTIONS[name]) {
    process.stderr.write(`unknown section "${name}" (one of ${Object.keys(SECTIONS).join(', ')})\n`);
    process.exit(2);
  }
}

const startedAt = Date.now();
const log = (text) => console.log(`   · ${text}`);

if (values.build) {
  log('building: npx tsc -p tsconfig.build.json');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

let cacheDir;
try {
  cacheDir = getCacheDir(values.cache);
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(2);
}
const workDir = join(cacheDir, 'work');
mkdirSync(workDir, { recursive: true });

// ------------------------------------------------------------------ the build under test
function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
const binPath = join(REPO_ROOT, 'dist', 'src', 'scanner', 'bin.js');
const bin = existsSync(binPath)
  ? { ok: true, path: binPath, scanModule: join(REPO_ROOT, 'dist', 'src', 'scanner', 'index.js'), pluginModule: join(REPO_ROOT, 'dist', 'src', 'index.js') }
  : { ok: false, reason: 'dist/src/scanner/bin.js is missing: build first (npx tsc -p tsconfig.build.json, or pass --build)' };
const stale = bin.ok && Math.max(newestMtime(join(REPO_ROOT, 'src')), newestMtime(join(REPO_ROOT, 'rules'))) > statSync(binPath).mtimeMs;

// ------------------------------------------------------------------ header
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const versionOf = (name) => {
  try {
    return JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
let commit = '?';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'rules'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  if (dirty) commit += ' + uncommitted changes in src/ or rules/';
} catch {
  // not a git checkout
}
const cpuList = cpus();
heading(`${packageJson.name} ${packageJson.version} benchmark`);
note(`date ${new Date().toISOString()}; ${cpuList.length} cores (${cpuList[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM; Node ${process.version}`);
note(`commit ${commit}; eslint ${versionOf('eslint')}, typescript ${versionOf('typescript')}, @typescript-eslint/parser ${versionOf('@typescript-eslint/parser')}`);
note(`sections: ${only.join(', ')}; runs ${runs}${quick ? ' (--quick)' : ''}; seed ${seed}; cache ${cacheDir}`);
note(`peak RSS from ${(await hasGnuTime()) ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS (Node commands only)'}`);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
note(`load average at start: ${load()}`);
if (loadavg()[0] > cpuList.length * 0.5) note(`WARNING: the machine is busy (1-min load ${loadavg()[0].toFixed(1)} on ${cpuList.length} cores): wall times are inflated; ratios measured in turns suffer less`);
if (!bin.ok) note(`WARNING: ${bin.reason}`);
if (stale) note('WARNING: src/ or rules/ has .ts files newer than dist/src/scanner/bin.js: the build may be stale (pass --build)');

// ------------------------------------------------------------------ installs
const needsCorpus = only.some((name) => name !== 'adversarial' && name !== 'history');
let corpus = { ok: false, reason: 'not needed' };
if (needsCorpus) {
  corpus = await ensureInstalled(cacheDir, 'corpus', CORPUS_PACKAGES, { omitOptional: true, log });
  if (!corpus.ok) corpus.reason = `corpus install failed: ${corpus.reason}`;
  else note(`corpus: ${Object.entries(CORPUS_PACKAGES).map(([name, version]) => `${name}@${version}`).join(' ')} (${corpus.cached ? 'cached' : 'installed now'}; npm --omit=optional)`);
}
let secretlint = { ok: false, reason: 'not needed' };
if (only.includes('text')) {
  const installed = await ensureInstalled(cacheDir, 'secretlint', SECRETLINT_PACKAGES, { log });
  const secretlintBin = join(installed.dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (!installed.ok) secretlint = { ok: false, reason: installed.reason };
  else if (!existsSync(secretlintBin)) secretlint = { ok: false, reason: `${secretlintBin} not found` };
  else {
    const probe = await spawnCollect(process.execPath, [secretlintBin, '--version']);
    secretlint = probe.code === 0 ? { ok: true, bin: secretlintBin, version: probe.stdout.trim() } : { ok: false, reason: `secretlint does not start on Node ${process.version}: ${probe.stderr.trim().split('\n').pop()}` };
    if (secretlint.ok) note(`secretlint ${secretlint.version} + @secretlint/secretlint-rule-pattern ${SECRETLINT_PACKAGES['@secretlint/secretlint-rule-pattern']}`);
  }
}

// ------------------------------------------------------------------ sections
const context = {
  corpus,
  secretlint,
  workDir,
  cacheDir,
  runs,
  quick,
  seed,
  bin,
  installRg: values['install-rg'] === true,
  eachRule: values['eslint-each-rule'] === true,
  historyRepo: values['history-repo'],
  realcodeRepo: values['realcode-repo'],
  log,
  corpusVersions: CORPUS_PACKAGES,
  /** What one section prepared for another (the planted rxjs tree, section 2's ESLint runs). */
  shared: {},
};
const results = {};
const verdicts = [];
for (const name of only) {
  const sectionStarted = Date.now();
  try {
    const result = await SECTIONS[name](context);
    results[name] = result ?? { skipped: true };
    if (result?.verdicts) verdicts.push(...result.verdicts.map((entry) => ({ section: name, ...entry })));
  } catch (error) {
    console.log(`   skipped: section ${name} failed: ${error?.stack ?? error}`);
    results[name] = { error: String(error) };
  }
  log(`section ${name} took ${((Date.now() - sectionStarted) / 1000).toFixed(0)} s; load average ${load()}`);
}

heading('Targets (issues 7, 8 and 14)');
for (const entry of verdicts) {
  const word = entry.ok === undefined ? 'n/a ' : entry.ok ? 'PASS' : 'MISS';
  console.log(`   [${word}] ${entry.section}: ${entry.name}: ${entry.measured}`);
}
note(`total ${((Date.now() - startedAt) / 1000).toFixed(0)} s; load average at the end: ${load()}`);
const report = join(cacheDir, 'last-run.json');
writeFileSync(report, JSON.stringify({ date: new Date().toISOString(), commit, runs, quick, seed, cores: cpuList.length, results }, null, 2));
note(`machine-readable results: ${report}`);
