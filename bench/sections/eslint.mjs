/**
 * Section 2: what the plugin's rules add to a type-checked ESLint run. On the TypeScript sources rxjs
 * ships (about 250 files) with a tsconfig, ESLint runs with the typescript-eslint parser and
 * `projectService` and no rules, then with `recommended-type-checked` of this plugin. Whole-process
 * medians, in turns; then one run with `stats: true` for the per-rule breakdown (ESLint's TIMING data).
 */
import { fileURLToPath } from 'node:url';
import { median, max, runMeasured } from '../lib/measure.mjs';
import { buildSourceTree } from '../lib/plant.mjs';
import { heading, note, ratio, rss, seconds, skipped, table, verdict } from '../lib/report.mjs';

export const ESLINT_CHILD = fileURLToPath(new URL('../lib/eslint-child.mjs', import.meta.url));

/** How many statements the source sections plant into rxjs (both sections use the same tree). */
export const SOURCE_PLANTS = 12;

/** The planted rxjs tree, built once per benchmark run and shared by sections 2 and 5. */
export function getSourceTree(context) {
  context.shared.sourceTree ??= buildSourceTree({ corpusDir: context.corpus.dir, workDir: context.workDir, name: 'rxjs-planted', seed: context.seed, plant: SOURCE_PLANTS });
  return context.shared.sourceTree;
}

export async function runEslintChild({ cwd, mode, stats = false, onlyRule, plugin, log, patterns = ['.'], timeoutMs = 10 * 60_000 }) {
  const input = JSON.stringify({ cwd, mode, stats, onlyRule, patterns, plugin });
  const result = await runMeasured({ command: process.execPath, args: [ESLINT_CHILD, input], cwd, timeoutMs });
  let parsed;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    log?.(`eslint ${mode}: failed (exit ${result.code}${result.timedOut ? ', timeout' : ''}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return { ...result, parsed };
}

export async function runEslintSection(context) {
  heading('2. Rule overhead in a type-checked ESLint run');
  const { corpus, runs, bin, log } = context;
  if (!bin.ok) return skipped('', bin.reason);
  if (!corpus.ok) return skipped('', corpus.reason);
  const tree = getSourceTree(context);
  if (tree.missing) return skipped('', tree.missing);
  note(`project: ${tree.root} (rxjs@${context.corpusVersions.rxjs} src/ and a tsconfig.json; ${tree.planted.length} statements planted for section 5)`);

  const modes = [
    { mode: 'none', label: 'parser + projectService, no rules' },
    { mode: 'plugin', label: '+ pilotstatus recommended-type-checked' },
    // what a real type-checked setup sees: typescript-eslint's own typed rules create the checker anyway
    { mode: 'tseslint', label: 'typescript-eslint recommended-type-checked' },
    { mode: 'tseslint-plugin', label: '  + pilotstatus recommended-type-checked' },
  ];
  const measured = new Map(modes.map((mode) => [mode, []]));
  context.shared.eslintPluginRuns = measured.get(modes[1]);
  for (let run = 1; run <= runs; run++) {
    for (const mode of modes) {
      const result = await runEslintChild({ cwd: tree.root, mode: mode.mode, plugin: bin.pluginModule, log });
      measured.get(mode).push(result);
      log(`run ${run}/${runs} eslint ${mode.mode}: ${seconds(result.wallMs)} (lintFiles ${seconds(result.parsed?.lintMs)}), ${rss(result.rssKb)}`);
    }
  }
  const rows = modes.map((mode) => {
    const ok = measured.get(mode).filter((run) => run.parsed);
    return {
      ...mode,
      wallMs: median(ok.map((run) => run.wallMs)),
      lintMs: median(ok.map((run) => run.parsed.lintMs)),
      rssKb: max(ok.map((run) => run.rssKb)),
      files: ok.at(-1)?.parsed.files,
      fatal: ok.at(-1)?.parsed.fatal.length,
      findings: ok.at(-1)?.parsed.findings.length,
    };
  });
  const [none, withPlugin, tseslint, tseslintPlugin] = rows;
  console.log('');
  note(`median of ${runs} run(s), one process per run: wall = whole process, lintFiles = time inside ESLint`);
  table(
    ['configuration', 'files', 'median wall', 'median lintFiles', 'peak RSS', 'findings', 'fatal'],
    rows.map((row) => [row.label, row.files, seconds(row.wallMs), seconds(row.lintMs), rss(row.rssKb), row.findings, row.fatal]),
  );
  const overhead = withPlugin.wallMs / none.wallMs;
  const lintOverhead = withPlugin.lintMs / none.lintMs;
  note(`ratio with rules ÷ without: wall ${ratio(overhead)}, lintFiles ${ratio(lintOverhead)}`);
  const realistic = tseslintPlugin.wallMs / tseslint.wallMs;
  const realisticLint = tseslintPlugin.lintMs / tseslint.lintMs;
  note(`over typescript-eslint's recommended-type-checked rules: wall ${ratio(realistic)}, lintFiles ${ratio(realisticLint)}`);

  // Per-rule breakdown (ESLint stats = the data TIMING=1 prints).
  const stats = await runEslintChild({ cwd: tree.root, mode: 'plugin', stats: true, plugin: bin.pluginModule, log });
  let timing;
  if (stats.parsed?.timing) {
    timing = stats.parsed.timing;
    const rulesTotal = Object.values(timing.rules).reduce((sum, value) => sum + value, 0);
    console.log('');
    note(`per-rule time (ESLint stats: true, one extra run, lintFiles ${seconds(stats.parsed.lintMs)}):`);
    table(
      ['rule', 'time', '% of lint total'],
      [
        ...Object.entries(timing.rules)
          .sort((a, b) => b[1] - a[1])
          .map(([rule, ms]) => [rule, `${ms.toFixed(0)} ms`, `${((ms / timing.total) * 100).toFixed(1)}%`]),
        ['(all pilotstatus rules)', `${rulesTotal.toFixed(0)} ms`, `${((rulesTotal / timing.total) * 100).toFixed(1)}%`],
        ['(parse, incl. building the program)', `${timing.parse.toFixed(0)} ms`, `${((timing.parse / timing.total) * 100).toFixed(1)}%`],
      ],
    );
    note('the first rule that asks for type information also pays for creating the type checker');
  } else {
    skipped('per-rule breakdown', 'the stats run failed');
  }
  let eachRule;
  if (context.eachRule && timing) {
    // typescript-eslint's advice: time one rule at a time, since the first typed rule pays for the checker.
    console.log('');
    note('each rule alone (one run per rule; + = lintFiles over the no-rules median):');
    eachRule = [];
    for (const rule of Object.keys(timing.rules).sort()) {
      const run = await runEslintChild({ cwd: tree.root, mode: 'plugin', onlyRule: rule, plugin: bin.pluginModule, log });
      if (run.parsed) eachRule.push({ rule, lintMs: run.parsed.lintMs, wallMs: run.wallMs });
    }
    table(
      ['rule alone', 'lintFiles', 'over no rules'],
      eachRule.map((entry) => [entry.rule, seconds(entry.lintMs), `+${(((entry.lintMs - none.lintMs) / none.lintMs) * 100).toFixed(1)}%`]),
    );
  }

  console.log('');
  const verdicts = [
    verdict('plugin adds ≤ 10% to a type-checked ESLint run', overhead <= 1.1, `+${((overhead - 1) * 100).toFixed(1)}% wall (lintFiles +${((lintOverhead - 1) * 100).toFixed(1)}%) over parser settings and no rules`),
    verdict("plugin adds ≤ 10% over typescript-eslint's recommended-type-checked rules (informative)", realistic <= 1.1, `+${((realistic - 1) * 100).toFixed(1)}% wall (lintFiles +${((realisticLint - 1) * 100).toFixed(1)}%)`),
  ];
  return { rows: rows.map(({ mode, wallMs, lintMs, rssKb, files }) => ({ mode, wallMs, lintMs, rssKb, files })), overhead, lintOverhead, realistic, realisticLint, timing, eachRule, verdicts };
}
