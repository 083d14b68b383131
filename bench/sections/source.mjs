/**
 * Section 5: the source path. On rxjs's TypeScript sources with planted keys and PilotStatus requests,
 * the scanner's default run (type-checked where a tsconfig covers the file, with its pre-filter) must
 * report exactly what a full type-checked ESLint run with this plugin reports, and be ≥ 5× faster.
 */
import { median, max, runMeasured } from '../lib/measure.mjs';
import { heading, note, ratio, rss, seconds, skipped, table, verdict } from '../lib/report.mjs';
import { getSourceTree, runEslintChild } from './eslint.mjs';

const keyOf = (finding) => `${finding.file}:${finding.line} ${finding.ruleId}`;

export async function runSourceSection(context) {
  heading('5. Source path: scanner default run vs a full ESLint run with the plugin');
  const { corpus, runs, bin, log } = context;
  if (!bin.ok) return skipped('', bin.reason);
  if (!corpus.ok) return skipped('', corpus.reason);
  const tree = getSourceTree(context);
  if (tree.missing) return skipped('', tree.missing);
  note(`project: ${tree.root} (rxjs src/ + tsconfig.json), ${tree.planted.length} planted: ${[...new Set(tree.planted.map((item) => item.kind))].join(', ')}`);

  const contenders = [
    { id: 'scan', label: 'pilotstatus-scan (default)', args: [bin.path, '--format', 'json', '.'] },
    { id: 'scan-syntactic', label: 'pilotstatus-scan --no-type-check', args: [bin.path, '--format', 'json', '--no-type-check', '.'] },
    { id: 'eslint', label: 'ESLint + recommended-type-checked', eslint: 'plugin' },
  ];
  const measured = new Map(contenders.map((contender) => [contender, []]));
  // Section 2 already timed this very ESLint run on this tree: reuse it instead of paying twice.
  const reused = context.shared.eslintPluginRuns?.filter((run) => run.parsed);
  if (reused?.length) {
    measured.set(contenders[2], reused.map((run) => ({ ...run, findings: run.parsed.findings })));
    note(`ESLint + recommended-type-checked: the ${reused.length} run(s) of section 2 on the same tree are reused`);
  }
  for (let run = 1; run <= runs; run++) {
    for (const contender of contenders) {
      if (contender.eslint && reused?.length) continue;
      let result;
      if (contender.eslint) {
        result = await runEslintChild({ cwd: tree.root, mode: contender.eslint, plugin: bin.pluginModule, log });
        result.findings = result.parsed?.findings;
      } else {
        result = await runMeasured({ command: process.execPath, args: contender.args, cwd: tree.root, timeoutMs: 10 * 60_000 });
        try {
          const json = JSON.parse(result.stdout);
          result.findings = json.findings.map(({ file, line, ruleId }) => ({ file, line, ruleId }));
          result.stats = json.stats;
          result.errors = json.errors;
        } catch {
          log(`${contender.label}: failed (exit ${result.code}): ${result.stderr.trim().split('\n').pop()}`);
        }
      }
      measured.get(contender).push(result);
      log(`run ${run}/${runs} ${contender.label}: ${seconds(result.wallMs)}, ${rss(result.rssKb)}, ${result.findings?.length ?? 'failed'} findings`);
    }
  }
  const rows = contenders.map((contender) => {
    const ok = measured.get(contender).filter((run) => run.findings);
    const last = ok.at(-1);
    return { ...contender, wallMs: median(ok.map((run) => run.wallMs)), rssKb: max(ok.map((run) => run.rssKb)), findings: last?.findings, stats: last?.stats, errors: last?.errors };
  });
  const [scan, , eslint] = rows;
  console.log('');
  note(`median of ${runs} run(s), whole process (cwd = the project)`);
  table(
    ['contender', 'median wall', 'peak RSS', 'findings', 'files linted', 'ESLint ÷ this'],
    rows.map((row) => [row.label, seconds(row.wallMs), rss(row.rssKb), row.findings?.length, row.stats ? `${row.stats.linted}/${row.stats.files}` : '', row.findings && eslint.findings ? ratio(eslint.wallMs / row.wallMs) : '-']),
  );
  note('scanner: node dist/src/scanner/bin.js --format json [--no-type-check] .   ESLint: bench/lib/eslint-child.mjs (Node API, overrideConfigFile: true)');

  const verdicts = [];
  console.log('');
  if (scan.findings && eslint.findings) {
    const scanKeys = new Set(scan.findings.map(keyOf));
    const eslintKeys = new Set(eslint.findings.map(keyOf));
    const onlyScan = [...scanKeys].filter((key) => !eslintKeys.has(key)).sort();
    const onlyEslint = [...eslintKeys].filter((key) => !scanKeys.has(key)).sort();
    const same = onlyScan.length === 0 && onlyEslint.length === 0;
    console.log(`   COMPARE findings (file:line ruleId): scanner ${scanKeys.size}, ESLint ${eslintKeys.size} — ${same ? 'IDENTICAL' : 'DIFFERENT'}`);
    for (const key of onlyScan.slice(0, 10)) console.log(`      only scanner: ${key}`);
    for (const key of onlyEslint.slice(0, 10)) console.log(`      only ESLint:  ${key}`);
    const plantedLines = new Set(tree.planted.map((item) => `${item.file}:${item.line}`));
    const lines = new Set(scan.findings.map((finding) => `${finding.file}:${finding.line}`));
    const missed = tree.planted.filter((item) => !lines.has(`${item.file}:${item.line}`));
    const stray = [...lines].filter((line) => !plantedLines.has(line));
    console.log(`   planted: ${tree.planted.length - missed.length}/${tree.planted.length} found by the scanner; ${stray.length} finding line(s) where nothing was planted`);
    for (const item of missed) console.log(`      missed: ${item.file}:${item.line} (${item.kind})`);
    for (const line of stray.slice(0, 10)) console.log(`      unplanted: ${line}`);
    for (const error of (scan.errors ?? []).slice(0, 5)) console.log(`      scanner error: ${error.file}: ${error.reason}`);
    console.log('');
    verdicts.push(verdict('source path: findings identical to full ESLint', same, `${scanKeys.size} vs ${eslintKeys.size}${same ? '' : ` (${onlyScan.length} only in the scanner, ${onlyEslint.length} only in ESLint)`}`));
    verdicts.push(verdict('source path ≥ 5× faster than full ESLint', eslint.wallMs / scan.wallMs >= 5, `${ratio(eslint.wallMs / scan.wallMs)} (${seconds(scan.wallMs)} vs ${seconds(eslint.wallMs)}; linted ${scan.stats?.linted ?? '?'} of ${scan.stats?.files ?? '?'} files)`));
  } else {
    verdicts.push(verdict('source path', undefined, 'a contender failed; see the log above'));
  }
  return { rows: rows.map(({ label, wallMs, rssKb, findings, stats }) => ({ label, wallMs, rssKb, findings: findings?.length, linted: stats?.linted })), verdicts };
}
