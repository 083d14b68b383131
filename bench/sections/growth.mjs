/**
 * Section 3: growth. The same base tree (packages of the corpus, under dist/ so they are build
 * output) is duplicated 2×, 4×, 8× with hard links; the scanner's default run must cost time in
 * proportion to the bytes (8× ≤ 9× of 1×), and its peak RSS must not grow with the corpus.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureTree } from '../lib/corpus.mjs';
import { median, max, runMeasured, spawnCollect } from '../lib/measure.mjs';
import { buildGrowthTree, linkCopy } from '../lib/plant.mjs';
import { heading, megabytes, note, rate, ratio, rss, seconds, skipped, table, verdict } from '../lib/report.mjs';

const FULL_BASE = ['lodash', 'three', 'rxjs', 'vue', '@vue', 'react-dom', '@angular', 'date-fns'];
const QUICK_BASE = ['lodash', 'rxjs', 'vue', '@vue', 'react-dom'];
const FACTORS = [1, 2, 4, 8];
const MINIMAL_SCAN = fileURLToPath(new URL('../lib/minimal-scan.mjs', import.meta.url));

export async function runGrowthSection(context) {
  heading('3. Growth: 1×, 2×, 4×, 8× the corpus');
  const { corpus, workDir, bin, quick, log } = context;
  if (!bin.ok) return skipped('', bin.reason);
  if (!corpus.ok) return skipped('', corpus.reason);
  const runs = context.runs;

  // The base: a few packages of the corpus as build output (dist/<package>).
  const base = join(workDir, 'growth-base');
  rmSync(base, { recursive: true, force: true });
  const packages = (quick ? QUICK_BASE : FULL_BASE).filter((name) => existsSync(join(corpus.dir, 'node_modules', name)));
  mkdirSync(join(base, 'dist'), { recursive: true });
  for (const name of packages) linkCopy(join(corpus.dir, 'node_modules', name), join(base, 'dist', name));
  const baseSize = measureTree(base);
  note(`base: dist/{${packages.join(',')}}: ${baseSize.files} files, ${megabytes(baseSize.bytes)}; copies are hard links (same bytes, distinct paths)`);

  const trees = FACTORS.map((factor) => ({ factor, root: buildGrowthTree({ baseRoot: base, fromDirs: ['dist'], workDir, factor }), bytes: baseSize.bytes * factor, files: baseSize.files * factor }));
  // Start-up alone: the same command on a tree of one small file.
  const empty = join(workDir, 'growth-startup');
  rmSync(empty, { recursive: true, force: true });
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'README.md'), '# nothing here\n');
  const startup = { factor: 0, root: empty, bytes: 0, files: 1 };
  // Warm the page cache, dentries and inodes of every copy before timing (one untimed read of each).
  for (const tree of trees) await spawnCollect(process.execPath, [MINIMAL_SCAN, tree.root]);
  const results = new Map([startup, ...trees].map((tree) => [tree, []]));
  const args = [bin.path, '--format', 'json', '.'];
  for (let run = 1; run <= runs; run++) {
    for (const tree of [startup, ...trees]) {
      const result = await runMeasured({ command: process.execPath, args, cwd: tree.root, timeoutMs: 10 * 60_000 });
      let files;
      try {
        files = JSON.parse(result.stdout).stats.files;
      } catch {
        files = undefined;
      }
      if (files === undefined) log(`growth ${tree.factor}×: run failed (exit ${result.code}): ${result.stderr.trim().split('\n').pop()}`);
      results.get(tree).push({ ...result, files });
      log(`run ${run}/${runs} growth ${tree.factor}×: ${seconds(result.wallMs)}, ${rss(result.rssKb)}`);
    }
  }
  const startupMs = median(results.get(startup).filter((run) => run.files !== undefined).map((run) => run.wallMs));
  const rows = trees.map((tree) => {
    const ok = results.get(tree).filter((run) => run.files !== undefined);
    return { ...tree, wallMs: median(ok.map((run) => run.wallMs)), rssKb: max(ok.map((run) => run.rssKb)), scanned: ok.at(-1)?.files };
  });
  const one = rows[0];
  console.log('');
  note(`command (cwd = each tree): node dist/src/scanner/bin.js --format json .   (median of ${runs} run(s), whole process)`);
  note(`start-up (same command on a one-file tree): ${seconds(startupMs)}`);
  table(
    ['corpus', 'bytes', 'files', 'median wall', 'MB/s', 'peak RSS', 'time ÷ 1×', '(time − start-up) ÷ 1×'],
    rows.map((row) => [
      `${row.factor}×`,
      megabytes(row.bytes),
      row.scanned ?? row.files,
      seconds(row.wallMs),
      rate(row.bytes, row.wallMs),
      rss(row.rssKb),
      ratio(row.wallMs / one.wallMs),
      ratio((row.wallMs - startupMs) / (one.wallMs - startupMs)),
    ]),
  );
  const eight = rows.find((row) => row.factor === 8);
  console.log('');
  const verdicts = [
    verdict('linear growth: 8× run ≤ 9× the 1× run', eight.wallMs <= 9 * one.wallMs, `${ratio(eight.wallMs / one.wallMs)} (${ratio((eight.wallMs - startupMs) / (one.wallMs - startupMs))} without the ${seconds(startupMs)} start-up)`),
  ];
  verdicts.push(verdict('peak RSS < 300 MB at 8×', eight.rssKb === undefined ? undefined : eight.rssKb < 300 * 1024, `${rss(eight.rssKb)} (1×: ${rss(one.rssKb)})`));
  for (const tree of [startup, ...trees]) rmSync(tree.root, { recursive: true, force: true });
  return { base: { packages, bytes: baseSize.bytes, files: baseSize.files }, startupMs, rows: rows.map(({ factor, bytes, wallMs, rssKb }) => ({ factor, bytes, wallMs, rssKb })), verdicts };
}
