/**
 * Section 6: real code nobody here wrote (issue 12, item 7). Four measurements, each a ratio taken in
 * one run with the tools in turns:
 *   (a) the installed corpus (lib/corpus.mjs) as a vendored tree, nested `node_modules` renamed to
 *       `node_modules_` so they are scanned as ordinary source: default mode vs `--text-only`, peak RSS;
 *   (b) a class-heavy UI library's ESM build (monaco-editor, from the same pinned install) through
 *       ESLint with the plugin's `recommended` rules vs the same parser with no rules;
 *   (c) a TypeScript WhatsApp API server (github:EvolutionAPI/evolution-api, a git dir or checkout
 *       given with --realcode-repo or PILOTSTATUS_BENCH_EVOLUTION; cloned into the work folder, its
 *       dependencies not installed) through `recommended-type-checked` vs the type-aware parser alone;
 *   (d) `pilotstatus-scan --staged` in that clone with its 170 KB Baileys service file changed and staged;
 * plus the slowest single file's rule time per 1,000 lines over (b) and (c), from ESLint `stats: true`.
 * Fetched code is cloned under the cache's work folder only, never into the repository.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureTree } from '../lib/corpus.mjs';
import { median, max, runMeasured, spawnCollect } from '../lib/measure.mjs';
import { linkCopy } from '../lib/plant.mjs';
import { heading, megabytes, note, rate, ratio, rss, seconds, skipped, table, verdict } from '../lib/report.mjs';
import { runEslintChild } from './eslint.mjs';

const MINIMAL_SCAN = fileURLToPath(new URL('../lib/minimal-scan.mjs', import.meta.url));

/** (b): folders of monaco-editor's ESM build (pinned in lib/corpus.mjs). `base/browser/ui` holds
 * list/listView.js (1,388 lines of decorated classes: the size of the file issue 12 names, though on
 * this build it costs the rules ~13 ms); `inlineCompletions` is class-heavy code that
 * names Copilot-style completions, the kind of words the rules' gates react to. */
export const CLASS_HEAVY_DIRS = ['monaco-editor/esm/vs/base/browser/ui', 'monaco-editor/esm/vs/editor/contrib/inlineCompletions'];

/** (c), (d): the commit of evolution-api measured (tag release 2.3.6's merge). When the given
 * repository lacks it, its HEAD is measured and the header says so. */
export const EVOLUTION_COMMIT = '3454bec79f514995df9a5ea36a3554ab35cf1c82';
export const EVOLUTION_PATTERNS = ['src/**/*.ts'];
export const STAGED_FILE = 'src/api/integrations/channel/whatsapp/whatsapp.baileys.service.ts';

/** A file shorter than this is left out of the per-1,000-lines figure: a few ms of first-call set-up
 * in a 13-line file reads as hundreds of ms per 1,000 lines. */
const MIN_LINES_PER_KLOC = 100;

const TIMEOUT_MS = 15 * 60_000;

export const TARGETS = {
  vendoredRatio: 3,
  vendoredRssMb: 500,
  eslintRatio: 1.25,
  msPerKloc: 100,
  stagedMs: 1500,
};

/** Renames every directory named `node_modules` under `root` to `node_modules_` (deepest first). */
function renameNestedNodeModules(root) {
  let renamed = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      visit(path);
      if (entry.name === 'node_modules') {
        renameSync(path, `${path}_`);
        renamed++;
      }
    }
  };
  visit(root);
  return renamed;
}

function git(args, cwd) {
  return spawnCollect('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, timeoutMs: 5 * 60_000 });
}

/** Where the evolution-api repository is: --realcode-repo, else $PILOTSTATUS_BENCH_EVOLUTION. */
export function resolveEvolutionRepo(explicit) {
  const given = explicit ?? process.env.PILOTSTATUS_BENCH_EVOLUTION;
  if (!given) return { ok: false, reason: 'no evolution-api repository: pass --realcode-repo <git dir or checkout> or set PILOTSTATUS_BENCH_EVOLUTION (CI reaches only the npm registry)' };
  const path = resolve(given);
  if (!existsSync(path)) return { ok: false, reason: `${path} does not exist` };
  if (!existsSync(join(path, 'HEAD')) && !existsSync(join(path, '.git'))) return { ok: false, reason: `${path} is neither a git dir nor a checkout` };
  return { ok: true, path };
}

/** A fresh clone at the pinned commit (or HEAD) under the work folder. */
async function cloneEvolution(source, workDir) {
  const dir = join(workDir, 'realcode-evolution');
  rmSync(dir, { recursive: true, force: true });
  const clone = await git(['clone', '--quiet', '--no-checkout', source, dir]);
  if (clone.code !== 0) return { ok: false, reason: `git clone ${source} failed: ${clone.stderr.trim().split('\n').pop()}` };
  const hasPinned = (await git(['cat-file', '-e', `${EVOLUTION_COMMIT}^{commit}`], dir)).code === 0;
  const checkout = await git(['checkout', '--quiet', '--detach', hasPinned ? EVOLUTION_COMMIT : 'HEAD'], dir);
  if (checkout.code !== 0) return { ok: false, reason: `git checkout failed: ${checkout.stderr.trim().split('\n').pop()}` };
  const head = (await git(['rev-parse', 'HEAD'], dir)).stdout.trim();
  const describe = (await git(['log', '-1', '--format=%h %cs %s'], dir)).stdout.trim();
  await git(['config', 'user.email', 'bench@example.invalid'], dir);
  await git(['config', 'user.name', 'bench'], dir);
  return { ok: true, dir, head, describe, pinned: hasPinned };
}

const rulesTotal = (rules) => Object.values(rules ?? {}).reduce((sum, value) => sum + value, 0);

function ruleTable(timing) {
  const total = rulesTotal(timing.rules);
  table(
    ['rule', 'time', '% of lint total', '% of rules'],
    [
      ...Object.entries(timing.rules)
        .sort((a, b) => b[1] - a[1])
        .map(([rule, ms]) => [rule, `${ms.toFixed(0)} ms`, `${((ms / timing.total) * 100).toFixed(1)}%`, `${((ms / total) * 100).toFixed(1)}%`]),
      ['(all pilotstatus rules)', `${total.toFixed(0)} ms`, `${((total / timing.total) * 100).toFixed(1)}%`, '100.0%'],
      ['(parse)', `${timing.parse.toFixed(0)} ms`, `${((timing.parse / timing.total) * 100).toFixed(1)}%`, ''],
    ],
  );
}

/** Two ESLint configurations on one tree, in turns, both with `stats: true` (same cost each side). */
async function eslintPair({ label, cwd, patterns, modes, runs, bin, log }) {
  const measured = new Map(modes.map((mode) => [mode, []]));
  for (let run = 1; run <= runs; run++) {
    for (const mode of modes) {
      const result = await runEslintChild({ cwd, mode: mode.mode, stats: true, patterns, plugin: bin.pluginModule, log, timeoutMs: TIMEOUT_MS });
      measured.get(mode).push(result);
      log(`run ${run}/${runs} ${label} eslint ${mode.mode}: ${seconds(result.wallMs)} (lintFiles ${seconds(result.parsed?.lintMs)}), ${rss(result.rssKb)}${result.timedOut ? ', TIMEOUT' : ''}`);
    }
  }
  const rows = modes.map((mode) => {
    const ok = measured.get(mode).filter((run) => run.parsed);
    const last = ok.at(-1)?.parsed;
    return {
      ...mode,
      wallMs: median(ok.map((run) => run.wallMs)),
      lintMs: median(ok.map((run) => run.parsed.lintMs)),
      rssKb: max(ok.map((run) => run.rssKb)),
      files: last?.files,
      fatal: last?.fatal.length,
      findings: last?.findings.length,
      // the stats of the run whose lintFiles is the median (the last one when runs is even)
      timing: ok.sort((a, b) => a.parsed.lintMs - b.parsed.lintMs)[(ok.length - 1) >> 1]?.parsed.timing,
    };
  });
  const [without, withRules] = rows;
  console.log('');
  note(`median of ${runs} run(s), one process per run, both with stats: true: wall = whole process, lintFiles = time inside ESLint`);
  table(
    ['configuration', 'files', 'median wall', 'median lintFiles', 'peak RSS', 'findings', 'fatal'],
    rows.map((row) => [row.label, row.files, seconds(row.wallMs), seconds(row.lintMs), rss(row.rssKb), row.findings, row.fatal]),
  );
  const wallRatio = withRules.wallMs / without.wallMs;
  const lintRatio = withRules.lintMs / without.lintMs;
  note(`ratio with rules ÷ parser alone: wall ${ratio(wallRatio)}, lintFiles ${ratio(lintRatio)}`);
  if (withRules.timing) {
    console.log('');
    note(`per-rule time (stats of the median run with rules, lintFiles total ${seconds(withRules.timing.total)}):`);
    ruleTable(withRules.timing);
  }
  return { rows, wallRatio, lintRatio, timing: withRules.timing, fileRuns: measured.get(modes[1]).filter((run) => run.parsed).map((run) => run.parsed.timing?.files ?? []) };
}

/**
 * Each file's rule time as the least over the runs with rules (each run a fresh process, so first-use
 * costs are in every one): a garbage collection pause lands on whichever rule allocates at that
 * moment (on evolution-api one run has ~80 scavenges, up to ~45 ms each), and noise only adds time.
 * `median` is the file's time in the median run, printed beside it.
 */
function leastPerFile(fileRuns, medianFiles) {
  const byFile = new Map();
  for (const files of fileRuns) {
    for (const file of files) {
      const ms = rulesTotal(file.rules);
      const seen = byFile.get(file.file);
      if (!seen || ms < seen.ms) byFile.set(file.file, { ...file, ms });
    }
  }
  const median = new Map((medianFiles ?? []).map((file) => [file.file, rulesTotal(file.rules)]));
  return [...byFile.values()].map(({ ms, ...file }) => ({ ...file, runs: fileRuns.length, medianMs: median.get(file.file) ?? ms }));
}

function perKloc(files, source) {
  return (files ?? []).map((file) => {
    const ms = rulesTotal(file.rules);
    const top = Object.entries(file.rules).sort((a, b) => b[1] - a[1])[0];
    return { source, file: file.file, lines: file.lines, ms, medianMs: file.medianMs ?? ms, msPerKloc: file.lines > 0 ? (ms / file.lines) * 1000 : NaN, top: top ? `${top[0].replace('pilotstatus/', '')} ${top[1].toFixed(0)} ms` : '-' };
  });
}

export async function runRealcodeSection(context) {
  heading('6. Real code nobody here wrote (issue 12)');
  const { corpus, workDir, runs, bin, log } = context;
  if (!bin.ok) return skipped('', bin.reason);
  note(`measures the build in ${bin.path.replace(/\/src\/scanner\/bin\.js$/, '')} (the tree the bench runs in)`);
  const verdicts = [];
  const out = {};

  // ---------------------------------------------------------------- (a) vendored npm tree
  console.log('');
  note('(a) installed npm packages as a vendored tree: default mode vs --text-only');
  if (!corpus.ok) skipped('(a)', corpus.reason);
  else {
    const root = join(workDir, 'realcode-vendored');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    linkCopy(join(corpus.dir, 'node_modules'), join(root, 'node_modules_'));
    const renamed = renameNestedNodeModules(root);
    const size = measureTree(root);
    note(`tree ${root}: the corpus install (${Object.keys(context.corpusVersions).length} pinned packages and their dependencies) as node_modules_/, ${renamed} nested node_modules renamed; ${size.files} files, ${megabytes(size.bytes)} (hard links)`);
    await spawnCollect(process.execPath, [MINIMAL_SCAN, root]); // warm the page cache once, untimed
    const tools = [
      { id: 'text-only', label: 'pilotstatus-scan --text-only', args: [bin.path, '--format', 'json', '--text-only', '.'] },
      { id: 'default', label: 'pilotstatus-scan (default)', args: [bin.path, '--format', 'json', '.'] },
    ];
    const measured = new Map(tools.map((tool) => [tool, []]));
    for (let run = 1; run <= runs; run++) {
      for (const tool of tools) {
        const result = await runMeasured({ command: process.execPath, args: tool.args, cwd: root, timeoutMs: TIMEOUT_MS });
        try {
          const json = JSON.parse(result.stdout);
          result.stats = json.stats;
          result.findings = json.findings.length;
        } catch {
          log(`${tool.label}: failed (exit ${result.code}${result.timedOut ? `, timeout after ${seconds(TIMEOUT_MS)}` : ''}): ${result.stderr.trim().split('\n').pop()}`);
        }
        measured.get(tool).push(result);
        log(`run ${run}/${runs} ${tool.label}: ${seconds(result.wallMs)}, ${rss(result.rssKb)}${result.stats ? `, ${result.stats.linted} files linted` : ''}`);
      }
    }
    const rows = tools.map((tool) => {
      const all = measured.get(tool);
      const ok = all.filter((run) => run.stats);
      return { ...tool, wallMs: median(ok.map((run) => run.wallMs)), rssKb: max(all.map((run) => run.rssKb)), stats: ok.at(-1)?.stats, findings: ok.at(-1)?.findings, failed: all.length - ok.length };
    });
    const [textOnly, full] = rows;
    console.log('');
    note(`median of ${runs} run(s), whole process (cwd = the tree); MB/s over ${megabytes(size.bytes)}; peak RSS = max over runs`);
    table(
      ['tool', 'median wall', 'MB/s', 'peak RSS', 'linted', 'text-scanned', 'findings', 'failed runs'],
      rows.map((row) => [row.label, seconds(row.wallMs), rate(size.bytes, row.wallMs), rss(row.rssKb), row.stats?.linted, row.stats?.textScanned, row.findings, row.failed]),
    );
    note(`commands: node dist/src/scanner/bin.js --format json [--text-only] .   (timeout ${seconds(TIMEOUT_MS)} a run)`);
    const vendoredRatio = full.wallMs / textOnly.wallMs;
    const peak = max(rows.map((row) => row.rssKb));
    console.log('');
    verdicts.push(
      verdict(`(a) vendored npm tree: default ≤ ${TARGETS.vendoredRatio}× --text-only wall`, Number.isFinite(vendoredRatio) ? vendoredRatio <= TARGETS.vendoredRatio : false, Number.isFinite(vendoredRatio) ? `${ratio(vendoredRatio)} (${seconds(full.wallMs)} vs ${seconds(textOnly.wallMs)}; ${full.stats?.linted} files linted)` : `no completed default run (${full.failed} failed)`),
      verdict(`(a) vendored npm tree: peak RSS ≤ ${TARGETS.vendoredRssMb} MB`, peak === undefined ? undefined : peak <= TARGETS.vendoredRssMb * 1024, `${rss(full.rssKb)} default, ${rss(textOnly.rssKb)} --text-only`),
    );
    out.vendored = { bytes: size.bytes, files: size.files, rows: rows.map(({ id, wallMs, rssKb, stats, failed }) => ({ id, wallMs, rssKb, linted: stats?.linted, failed })), ratio: vendoredRatio };
    rmSync(root, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- (b) class-heavy library build
  const slowFiles = [];
  console.log('');
  note('(b) a class-heavy UI library ESM build through ESLint: recommended rules vs the parser alone');
  if (!corpus.ok) skipped('(b)', corpus.reason);
  else {
    const dirs = CLASS_HEAVY_DIRS.filter((dir) => existsSync(join(corpus.dir, 'node_modules', dir)));
    if (dirs.length === 0) skipped('(b)', `none of ${CLASS_HEAVY_DIRS.join(', ')} in the corpus install`);
    else {
      const root = join(workDir, 'realcode-classes');
      rmSync(root, { recursive: true, force: true });
      for (const dir of dirs) linkCopy(join(corpus.dir, 'node_modules', dir), join(root, dir.replace(/^monaco-editor\/esm\//, '')));
      const size = measureTree(root);
      note(`tree ${root}: monaco-editor@${context.corpusVersions['monaco-editor']} esm/{${dirs.map((dir) => dir.replace(/^monaco-editor\/esm\//, '')).join(', ')}}: ${size.files} files, ${megabytes(size.bytes)}`);
      note('configs: this plugin\'s `recommended` (typescript-eslint parser, no program) vs the same entry with rules and plugin taken out');
      const pair = await eslintPair({
        label: '(b)',
        cwd: root,
        patterns: ['.'],
        modes: [
          { mode: 'syntactic-none', label: 'parser alone (recommended, no rules)' },
          { mode: 'syntactic', label: '+ pilotstatus recommended' },
        ],
        runs,
        bin,
        log,
      });
      slowFiles.push(...perKloc(leastPerFile(pair.fileRuns, pair.timing?.files), '(b)'));
      console.log('');
      verdicts.push(verdict(`(b) class-heavy library build: rules ≤ ${TARGETS.eslintRatio}× the parser alone`, Number.isFinite(pair.wallRatio) ? pair.wallRatio <= TARGETS.eslintRatio : false, `${ratio(pair.wallRatio)} wall (lintFiles ${ratio(pair.lintRatio)}; ${seconds(pair.rows[1].wallMs)} vs ${seconds(pair.rows[0].wallMs)})`));
      out.classHeavy = { dirs, bytes: size.bytes, files: size.files, wallRatio: pair.wallRatio, lintRatio: pair.lintRatio, rows: pair.rows.map(({ mode, wallMs, lintMs, rssKb, files }) => ({ mode, wallMs, lintMs, rssKb, files })), rules: pair.timing?.rules };
      rmSync(root, { recursive: true, force: true });
    }
  }

  // ---------------------------------------------------------------- (c) and (d): evolution-api
  console.log('');
  note('(c) a TypeScript WhatsApp API server through recommended-type-checked vs the type-aware parser alone');
  const repo = resolveEvolutionRepo(context.realcodeRepo);
  let clone;
  if (!repo.ok) skipped('(c) and (d)', repo.reason);
  else {
    clone = await cloneEvolution(repo.path, workDir);
    if (!clone.ok) skipped('(c) and (d)', clone.reason);
  }
  if (clone?.ok) {
    const tsFiles = (await git(['ls-files', '--', 'src/*.ts'], clone.dir)).stdout.split('\n').filter(Boolean).length;
    note(`clone ${clone.dir} of ${repo.path}: ${clone.describe}${clone.pinned ? ' (the pinned commit)' : ` (WARNING: pinned ${EVOLUTION_COMMIT.slice(0, 8)} not in this repository; its HEAD is measured)`}; ${tsFiles} .ts files under src/; dependencies not installed`);
    note(`patterns ${EVOLUTION_PATTERNS.join(' ')}; the repository's own tsconfig.json through projectService`);
    const pair = await eslintPair({
      label: '(c)',
      cwd: clone.dir,
      patterns: EVOLUTION_PATTERNS,
      modes: [
        { mode: 'none', label: 'parser + projectService, no rules' },
        { mode: 'plugin', label: '+ pilotstatus recommended-type-checked' },
      ],
      runs,
      bin,
      log,
    });
    slowFiles.push(...perKloc(leastPerFile(pair.fileRuns, pair.timing?.files), '(c)'));
    console.log('');
    verdicts.push(verdict(`(c) TypeScript WhatsApp server: rules ≤ ${TARGETS.eslintRatio}× the parser alone`, Number.isFinite(pair.wallRatio) ? pair.wallRatio <= TARGETS.eslintRatio : false, `${ratio(pair.wallRatio)} wall (lintFiles ${ratio(pair.lintRatio)}; ${seconds(pair.rows[1].wallMs)} vs ${seconds(pair.rows[0].wallMs)})`));
    out.evolution = { commit: clone.head, pinned: clone.pinned, wallRatio: pair.wallRatio, lintRatio: pair.lintRatio, rows: pair.rows.map(({ mode, wallMs, lintMs, rssKb, files }) => ({ mode, wallMs, lintMs, rssKb, files })), rules: pair.timing?.rules };

    // (d) one large staged file
    console.log('');
    note(`(d) pilotstatus-scan --staged with one large file staged, in the same clone`);
    const staged = join(clone.dir, STAGED_FILE);
    if (!existsSync(staged)) skipped('(d)', `${STAGED_FILE} is not in this commit`);
    else {
      appendFileSync(staged, '\n// changed by the pilotstatus benchmark: staged for pilotstatus-scan --staged\n');
      const add = await git(['add', '--', STAGED_FILE], clone.dir);
      if (add.code !== 0) skipped('(d)', `git add failed: ${add.stderr.trim()}`);
      else {
        note(`staged ${STAGED_FILE} (${(statSync(staged).size / 1024).toFixed(0)} KB, one comment line appended); the rest of the tree is unchanged`);
        const tools = [
          { id: 'staged', label: 'pilotstatus-scan --staged', args: [bin.path, '--format', 'json', '--staged'] },
          { id: 'staged-no-types', label: 'pilotstatus-scan --staged --no-type-check', args: [bin.path, '--format', 'json', '--staged', '--no-type-check'] },
        ];
        const measured = new Map(tools.map((tool) => [tool, []]));
        for (let run = 1; run <= runs; run++) {
          for (const tool of tools) {
            const result = await runMeasured({ command: process.execPath, args: tool.args, cwd: clone.dir, timeoutMs: 5 * 60_000 });
            try {
              const json = JSON.parse(result.stdout);
              result.stats = json.stats;
              result.findings = json.findings.length;
            } catch {
              log(`${tool.label}: failed (exit ${result.code}): ${result.stderr.trim().split('\n').pop()}`);
            }
            measured.get(tool).push(result);
            log(`run ${run}/${runs} ${tool.label}: ${seconds(result.wallMs)}, ${rss(result.rssKb)}`);
          }
        }
        const rows = tools.map((tool) => {
          const ok = measured.get(tool).filter((run) => run.stats);
          return { ...tool, wallMs: median(ok.map((run) => run.wallMs)), rssKb: max(ok.map((run) => run.rssKb)), stats: ok.at(-1)?.stats, findings: ok.at(-1)?.findings, code: ok.at(-1)?.code };
        });
        console.log('');
        note(`median of ${runs} run(s), whole process (cwd = the clone)`);
        table(
          ['command', 'median wall', 'peak RSS', 'files', 'linted', 'findings', 'exit'],
          rows.map((row) => [row.label, seconds(row.wallMs), rss(row.rssKb), row.stats?.files, row.stats?.linted, row.findings, row.code]),
        );
        console.log('');
        verdicts.push(verdict(`(d) --staged with one 170 KB file staged: ≤ ${seconds(TARGETS.stagedMs)}`, Number.isFinite(rows[0].wallMs) ? rows[0].wallMs <= TARGETS.stagedMs : false, `${seconds(rows[0].wallMs)} (--no-type-check ${seconds(rows[1].wallMs)}, informative)`));
        out.staged = rows.map(({ id, wallMs, rssKb }) => ({ id, wallMs, rssKb }));
      }
    }
    rmSync(clone.dir, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- slowest file per 1,000 lines
  console.log('');
  note(`slowest single file: pilotstatus rule time per 1,000 lines over (b) and (c) (files of ≥ ${MIN_LINES_PER_KLOC} lines; each file's least time over the runs with rules, GC pauses being noise that only adds; its time in the median run beside it)`);
  const counted = slowFiles.filter((file) => file.lines >= MIN_LINES_PER_KLOC && Number.isFinite(file.msPerKloc));
  if (counted.length === 0) skipped('slowest file', 'no per-file stats from (b) or (c)');
  else {
    const top = [...counted].sort((a, b) => b.msPerKloc - a.msPerKloc).slice(0, 8);
    const slowestAbsolute = [...slowFiles].sort((a, b) => b.ms - a.ms)[0];
    table(
      ['part', 'file', 'lines', 'rule time', 'ms / 1,000 lines', 'median run', 'top rule'],
      top.map((file) => [file.source, file.file, file.lines, `${file.ms.toFixed(0)} ms`, file.msPerKloc.toFixed(0), `${file.medianMs.toFixed(0)} ms`, file.top]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
    );
    const slowestInMedianRun = [...counted].sort((a, b) => b.medianMs / b.lines - a.medianMs / a.lines)[0];
    note(`in the median run alone the slowest is ${slowestInMedianRun.source} ${slowestInMedianRun.file}: ${((slowestInMedianRun.medianMs / slowestInMedianRun.lines) * 1000).toFixed(0)} ms per 1,000 lines (${slowestInMedianRun.medianMs.toFixed(0)} ms)`);
    note(`most rule time in one file: ${slowestAbsolute.source} ${slowestAbsolute.file}, ${slowestAbsolute.lines} lines, ${slowestAbsolute.ms.toFixed(0)} ms (${slowestAbsolute.msPerKloc.toFixed(0)} ms per 1,000 lines)`);
    console.log('');
    verdicts.push(verdict(`slowest file ≤ ${TARGETS.msPerKloc} ms of rule time per 1,000 lines`, top[0].msPerKloc <= TARGETS.msPerKloc, `${top[0].msPerKloc.toFixed(0)} ms per 1,000 lines (${top[0].source} ${top[0].file}, ${top[0].lines} lines, ${top[0].ms.toFixed(0)} ms)`));
    out.slowest = top.map(({ source, file, lines, ms, msPerKloc }) => ({ source, file, lines, ms, msPerKloc }));
  }
  return { ...out, verdicts };
}
