/**
 * Section 1: a text scan of a large real tree. The installed corpus is copied to `dist/` (build
 * output), with real ES modules under `src/` and shell scripts under `scripts/`; known findings are
 * planted. Our scanner (three settings), ripgrep (default threads and -j1) and secretlint with its
 * pattern rule run in turns on the same tree. Then the planted findings are checked.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureTree } from '../lib/corpus.mjs';
import { median, max, runMeasured, spawnCollect } from '../lib/measure.mjs';
import { buildTextTree } from '../lib/plant.mjs';
import { heading, megabytes, note, rate, ratio, rss, seconds, skipped, table, verdict } from '../lib/report.mjs';

const MINIMAL_SCAN = fileURLToPath(new URL('../lib/minimal-scan.mjs', import.meta.url));

/** The ps_ key pattern as a user would write it for grep-like tools (same thresholds as the recognizer). */
export const RG_KEY_PATTERN = '(?:^|[^A-Za-z0-9_$])ps_(?:(?:live|test)_[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]{20,})';
export const JS_KEY_PATTERN = '/(?<![A-Za-z0-9_$])ps_(?:(?:live|test)_[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]{20,})/';

export async function findRipgrep({ install, log }) {
  const probe = await spawnCollect('rg', ['--version']);
  if (probe.code === 0) return { ok: true, version: probe.stdout.split('\n')[0] };
  if (!install) return { ok: false, reason: 'rg is not installed (run with --install-rg to apt-get install ripgrep)' };
  log('installing ripgrep: apt-get install -y ripgrep');
  let result = await spawnCollect('apt-get', ['install', '-y', 'ripgrep'], { timeoutMs: 5 * 60_000 });
  if (result.code !== 0) {
    log('apt-get install failed; running apt-get update first');
    await spawnCollect('apt-get', ['update'], { timeoutMs: 5 * 60_000 });
    result = await spawnCollect('apt-get', ['install', '-y', 'ripgrep'], { timeoutMs: 5 * 60_000 });
  }
  const again = await spawnCollect('rg', ['--version']);
  if (again.code === 0) return { ok: true, version: again.stdout.split('\n')[0] };
  return { ok: false, reason: `apt-get install ripgrep failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}` };
}

function parseScannerJson(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

/** Lines with a finding, `file:line` → rule ids. */
function findingLines(findings) {
  const lines = new Map();
  for (const finding of findings) {
    const key = `${finding.file}:${finding.line}`;
    if (!lines.has(key)) lines.set(key, new Set());
    lines.get(key).add(finding.ruleId.replace(/^pilotstatus\//, ''));
  }
  return lines;
}

/**
 * Every planted item expected in this mode must have a finding on its line; no finding may be on a
 * line where nothing was planted. `--text-only` never sees the JS Bearer calls (no AST): those are
 * not expected there, and not counted as unexpected either.
 */
export function checkPlanted(planted, findings, { textOnly }) {
  const lines = findingLines(findings);
  const plantedKeys = new Set(planted.map((item) => `${item.file}:${item.line}`));
  const expected = planted.filter((item) => !(textOnly && item.ast));
  const missed = expected.filter((item) => !lines.has(`${item.file}:${item.line}`));
  const ruleMismatch = expected.filter((item) => {
    const found = lines.get(`${item.file}:${item.line}`);
    return found && item.rules && !item.rules.some((rule) => found.has(rule));
  });
  const unexpected = [...lines.entries()].filter(([key]) => !plantedKeys.has(key)).map(([key, rules]) => `${key} ${[...rules].join(',')}`);
  return { expected: expected.length, found: expected.length - missed.length, missed, unexpected, ruleMismatch, ok: missed.length === 0 && unexpected.length === 0 };
}

export async function runTextSection(context) {
  heading('1. Text scan of a large real tree');
  const { corpus, workDir, runs, seed, bin, secretlint, log } = context;
  if (!bin.ok) return skipped('', bin.reason);
  if (!corpus.ok) return skipped('', corpus.reason);

  const started = Date.now();
  const { root, planted } = buildTextTree({ corpusDir: corpus.dir, workDir, seed });
  const size = measureTree(root);
  const plantedKinds = {};
  for (const item of planted) plantedKinds[item.kind] = (plantedKinds[item.kind] ?? 0) + 1;
  note(`tree ${root}: ${size.files} files, ${megabytes(size.bytes)} (built in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  note(`planted ${planted.length}: ${Object.entries(plantedKinds).map(([kind, count]) => `${count} ${kind}`).join(', ')} (seed ${seed})`);

  const tools = [];
  const scanner = (label, flags) => ({
    label,
    command: process.execPath,
    args: [bin.path, '--format', 'json', ...flags, '.'],
    display: `node dist/src/scanner/bin.js --format json ${flags.join(' ')} .`.replace(/\s+/g, ' '),
    okCodes: [0, 1, 3],
    parse: (stdout) => {
      const json = parseScannerJson(stdout);
      return json ? { count: json.findings.length, json } : undefined;
    },
  });
  tools.push(scanner('pilotstatus-scan --text-only', ['--text-only']));
  tools.push(scanner('pilotstatus-scan --no-type-check', ['--no-type-check']));
  tools.push(scanner('pilotstatus-scan (default)', []));
  tools.push({
    label: 'node minimal walk + regex (reference)',
    command: process.execPath,
    args: [MINIMAL_SCAN, '.'],
    display: 'node bench/lib/minimal-scan.mjs .  (readFileSync + one regex per file, one thread)',
    okCodes: [0],
    parse: (stdout) => ({ count: Number(stdout.trim()) }),
  });

  const rg = await findRipgrep({ install: context.installRg, log });
  const rgParse = (stdout) => ({ count: stdout.split('\n').filter(Boolean).reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(':') + 1) || 0), 0) });
  if (rg.ok) {
    const rgArgs = ['-uu', '--count-matches', '--no-messages', '-e', RG_KEY_PATTERN, '.'];
    tools.push({ label: 'rg (default threads)', command: 'rg', args: rgArgs, display: `rg ${rgArgs.map((arg) => (arg === RG_KEY_PATTERN ? `'${arg}'` : arg)).join(' ')}`, okCodes: [0, 1], parse: rgParse, rg: 'default' });
    tools.push({ label: 'rg -j1', command: 'rg', args: ['-j1', ...rgArgs], display: 'rg -j1 (same arguments)', okCodes: [0, 1], parse: rgParse, rg: 'j1' });
  } else {
    skipped('ripgrep', rg.reason);
  }

  if (secretlint.ok) {
    const config = join(workDir, 'secretlintrc.json');
    writeFileSync(
      config,
      JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-pattern', options: { patterns: [{ name: 'PilotStatus API key', patterns: [JS_KEY_PATTERN] }] } }] }, null, 2),
    );
    const args = [secretlint.bin, '--secretlintrc', config, '--format', 'unix', '--no-color', '--no-gitignore', '**/*'];
    tools.push({
      label: 'secretlint + rule-pattern',
      command: process.execPath,
      args,
      display: `secretlint --secretlintrc <cache>/work/secretlintrc.json --format unix --no-color --no-gitignore '**/*'`,
      okCodes: [0, 1],
      parse: (stdout) => ({ count: stdout.split('\n').filter((line) => /:\d+:\d+: /.test(line)).length }),
      secretlint: true,
    });
  } else {
    skipped('secretlint', secretlint.reason);
  }

  // In turns: run 1 of every tool, then run 2 of every tool, …
  const measurements = new Map(tools.map((tool) => [tool, []]));
  for (let run = 1; run <= runs; run++) {
    for (const tool of tools) {
      const result = await runMeasured({ command: tool.command, args: tool.args, cwd: root, timeoutMs: 10 * 60_000 });
      const parsed = tool.okCodes.includes(result.code) ? tool.parse(result.stdout) : undefined;
      if (!parsed) log(`${tool.label}: run ${run} failed (exit ${result.code}${result.timedOut ? ', timeout' : ''}): ${result.stderr.trim().split('\n').slice(-2).join(' | ')}`);
      measurements.get(tool).push({ ...result, parsed });
      log(`run ${run}/${runs} ${tool.label}: ${seconds(result.wallMs)}, ${rss(result.rssKb)}, ${parsed ? parsed.count : 'failed'}`);
    }
  }

  const summary = tools.map((tool) => {
    const runsOf = measurements.get(tool).filter((run) => run.parsed);
    return {
      tool,
      wallMs: median(runsOf.map((run) => run.wallMs)),
      rssKb: max(runsOf.map((run) => run.rssKb)),
      count: runsOf.at(-1)?.parsed.count,
      json: runsOf.at(-1)?.parsed.json,
      ok: runsOf.length > 0,
    };
  });
  const rgDefault = summary.find((row) => row.tool.rg === 'default' && row.ok);
  const secretlintRow = summary.find((row) => row.tool.secretlint && row.ok);
  console.log('');
  note(`median of ${runs} run(s), whole process; MB/s over ${megabytes(size.bytes)}; peak RSS = max over runs`);
  table(
    ['tool', 'median wall', 'MB/s', 'peak RSS', 'findings', 'vs rg', 'secretlint ÷ this'],
    summary.map((row) => [
      row.tool.label,
      row.ok ? seconds(row.wallMs) : 'failed',
      row.ok ? rate(size.bytes, row.wallMs) : '-',
      rss(row.rssKb),
      row.count,
      rgDefault && row.ok ? ratio(row.wallMs / rgDefault.wallMs) : '-',
      secretlintRow && row.ok ? ratio(secretlintRow.wallMs / row.wallMs) : '-',
    ]),
  );
  note('commands (cwd = the tree):');
  for (const tool of tools) note(`  ${tool.label}: ${tool.display}`);
  const scannerRows = summary.filter((row) => row.tool.label.startsWith('pilotstatus-scan'));
  const keyCount = planted.filter((item) => item.kind === 'key').length;
  note(`planted keys: ${keyCount} (rg and secretlint count key matches only; our scanner reports every rule, and a key in dist/ is also no-client-key)`);

  // The check: every planted finding found (file + line), nothing else reported.
  console.log('');
  const checks = [];
  for (const row of scannerRows) {
    if (!row.json) continue;
    const textOnly = row.tool.args.includes('--text-only');
    const check = checkPlanted(planted, row.json.findings, { textOnly });
    checks.push({ label: row.tool.label, ...check });
    const errors = row.json.errors?.length ?? 0;
    console.log(
      `   CHECK ${row.tool.label}: ${check.ok ? 'OK' : 'FAILED'} — ${check.found}/${check.expected} planted findings found, ${check.unexpected.length} unexpected finding line(s)` +
        (textOnly ? ` (the ${planted.filter((item) => item.ast).length} JS Bearer calls need the AST and are not expected here)` : '') +
        (errors ? `; ${errors} file error(s)` : ''),
    );
    for (const item of check.missed.slice(0, 12)) console.log(`      missed: ${item.file}:${item.line} (${item.kind})`);
    if (check.missed.length > 12) console.log(`      … ${check.missed.length - 12} more missed`);
    for (const line of check.unexpected.slice(0, 12)) console.log(`      unexpected: ${line}`);
    if (check.unexpected.length > 12) console.log(`      … ${check.unexpected.length - 12} more unexpected`);
    for (const item of check.ruleMismatch.slice(0, 5)) console.log(`      found under another rule: ${item.file}:${item.line} (${item.kind})`);
    for (const error of (row.json.errors ?? []).slice(0, 5)) console.log(`      error: ${error.file}: ${error.reason}`);
  }

  console.log('');
  const verdicts = [];
  const textOnly = summary.find((row) => row.tool.label.includes('--text-only') && row.ok);
  const defaultRow = summary.find((row) => row.tool.label.includes('(default)') && row.ok);
  if (textOnly && rgDefault) {
    verdicts.push(verdict('text path ≤ 2× ripgrep (default threads)', textOnly.wallMs <= 2 * rgDefault.wallMs, `--text-only ${ratio(textOnly.wallMs / rgDefault.wallMs)} (${seconds(textOnly.wallMs)} vs ${seconds(rgDefault.wallMs)}); default settings ${defaultRow ? ratio(defaultRow.wallMs / rgDefault.wallMs) : '-'}`));
  } else verdicts.push(verdict('text path ≤ 2× ripgrep', undefined, 'ripgrep not measured'));
  if (textOnly && secretlintRow) {
    verdicts.push(verdict('text path ≥ 15× faster than secretlint', secretlintRow.wallMs / textOnly.wallMs >= 15, `${ratio(secretlintRow.wallMs / textOnly.wallMs)} (${seconds(secretlintRow.wallMs)} vs ${seconds(textOnly.wallMs)})`));
  } else verdicts.push(verdict('text path ≥ 15× faster than secretlint', undefined, 'secretlint not measured'));
  const peak = max(scannerRows.map((row) => row.rssKb));
  verdicts.push(verdict('peak RSS < 300 MB', peak === undefined ? undefined : peak < 300 * 1024, `${rss(peak)} (max over the scanner runs)`));
  verdicts.push(verdict('planted findings all found, nothing else', checks.length ? checks.every((check) => check.ok) : undefined, checks.map((check) => `${check.label.replace('pilotstatus-scan ', '')}: ${check.found}/${check.expected}, ${check.unexpected.length} unexpected`).join('; ')));

  return {
    tree: { files: size.files, bytes: size.bytes, planted: planted.length },
    rows: summary.map((row) => ({ tool: row.tool.label, command: row.tool.display, wallMs: row.wallMs, rssKb: row.rssKb, findings: row.count })),
    checks: checks.map(({ label, expected, found, unexpected, missed }) => ({ label, expected, found, unexpected, missed: missed.map((item) => `${item.file}:${item.line} ${item.kind}`) })),
    verdicts,
  };
}
