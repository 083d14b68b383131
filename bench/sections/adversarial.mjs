/**
 * Section 4: adversarial input for the text detectors (issue 8, "Linear-time detection"). Each case is
 * written at 1, 2, 4 and 8 MB and scanned in process (`scan()` from the built package, after a warm-up)
 * so start-up does not hide the detector cost. Time per MB must stay flat: a quadratic detector shows
 * up as ms/MB doubling with each size. Each case runs in its own child with a timeout.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnCollect } from '../lib/measure.mjs';
import { createRandom } from '../lib/random.mjs';
import { heading, note, ratio, skipped, table, verdict } from '../lib/report.mjs';

const CHILD = fileURLToPath(new URL('../lib/adversarial-child.mjs', import.meta.url));
const MB = 1024 * 1024;
const P = ['p', 's', '_'].join('');
const HOST = ['pilotstatus', 'com', 'br'].join('.');

function fill(unit, bytes) {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

function randomAlnum(bytes, seed) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const random = createRandom(seed);
  const chunk = Array.from({ length: 65_536 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  return fill(chunk, bytes);
}

/** name, file extension (decides the detectors), description, content of about `bytes`. */
export const CASES = [
  { name: 'long-key-aaa', ext: 'js', what: `'${P}' + 'a'.repeat(N) in one JS line`, make: (bytes) => `const key = "${P}${'a'.repeat(bytes - 20)}";\n` },
  { name: 'long-key-live-random', ext: 'js', what: `'${P}live_' + N random base62 (one huge "key")`, make: (bytes) => `const key = "${P}live_${randomAlnum(bytes - 30, 11)}";\n` },
  { name: 'prefixes-spaced', ext: 'txt', what: `'${P} ' repeated: a million prefixes at 4 MB`, make: (bytes) => fill(`${P} `, bytes) },
  { name: 'prefixes-glued', ext: 'js', what: `'${P}' repeated with no separator`, make: (bytes) => fill(P, bytes) },
  { name: 'prefixes-lines', ext: 'env', what: `'K=${P}live_x' one per line`, make: (bytes) => fill(`K=${P}live_x\n`, bytes) },
  { name: 'bearer-line', ext: 'sh', what: "one line of only 'Bearer ' (host on line 1)", make: (bytes) => `curl https://${HOST}/v1/messages/send\n${fill('Bearer ', bytes)}\n` },
  { name: 'auth-bearer-line', ext: 'sh', what: 'Bearer auth header repeated on one curl line', make: (bytes) => `curl https://${HOST}/v1/messages/send -H "${fill('Authorization: Bearer ', bytes)}"\n` },
  { name: 'auth-bearer-lines-md', ext: 'md', what: 'Bearer header continuation lines, md fence', make: (bytes) => `\`\`\`sh\ncurl https://${HOST}/v1/messages/send \\\n${fill('  -H "Authorization: Bearer x" \\\n', bytes)}\n\`\`\`\n` },
  { name: 'host-mentions', ext: 'txt', what: 'API host URL + ?api_key= repeated', make: (bytes) => fill(`https://${HOST}/?api_key= `, bytes) },
];

export async function runAdversarialSection(context) {
  heading('4. Adversarial input: time per MB must stay flat (linear-time detectors)');
  const { workDir, bin, quick, log } = context;
  if (!bin.ok) return skipped('', bin.reason);
  const sizes = quick ? [1, 2, 4] : [1, 2, 4, 8];
  const dir = join(workDir, 'adversarial');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'warmup.sh'), `curl https://${HOST}/v1/messages/send -H "Authorization: Bearer x"\n`);
  const timeoutMs = 120_000;
  const rows = [];
  for (const testCase of CASES) {
    const files = sizes.map((size) => {
      const file = `${testCase.name}-${size}mb.${testCase.ext}`;
      writeFileSync(join(dir, file), testCase.make(size * MB));
      return file;
    });
    const input = JSON.stringify({ scanner: bin.scanModule, dir, files, repeat: quick ? 1 : 3, warmup: 'warmup.sh' });
    const result = await spawnCollect(process.execPath, [CHILD, input], { timeoutMs });
    const lines = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const perSize = sizes.map((size, index) => {
      const line = lines[index];
      return line ? { size, msPerMb: line.ms / size, ms: line.ms, findings: line.findings, errors: line.errors, rssMb: line.rssMb } : { size };
    });
    const done = perSize.filter((entry) => entry.msPerMb !== undefined);
    const growth = done.length >= 2 ? done.at(-1).msPerMb / done[0].msPerMb : undefined;
    const errorLine = result.stderr.split('\n').find((line) => /(Error|error):/.test(line)) ?? result.stderr.trim().split('\n').pop();
    const failure = result.timedOut
      ? `timeout after ${timeoutMs / 1000} s at ${sizes[done.length]} MB`
      : result.code !== 0
        ? `crashed at ${sizes[done.length]} MB: ${errorLine?.trim().slice(0, 120)}`
        : undefined;
    if (failure) log(`${testCase.name}: ${failure}`);
    rows.push({ testCase, perSize, growth, failure });
    if (done.length) log(`${testCase.name}: ${done.map((entry) => `${entry.size} MB ${entry.ms.toFixed(0)} ms`).join(', ')}`);
    for (const file of files) rmSync(join(dir, file), { force: true });
  }
  console.log('');
  note(`in-process scan() of one file, median of ${quick ? 1 : 3}; cells are ms per MB`);
  table(
    ['case', ...sizes.map((size) => `${size} MB`), `${sizes.at(-1)} MB ÷ 1 MB`, 'findings', 'RSS', 'content'],
    rows.map((row) => [
      row.testCase.name,
      ...row.perSize.map((entry) => (entry.msPerMb === undefined ? (row.failure ? (row.failure.startsWith('timeout') ? 'TIMEOUT' : 'CRASH') : '-') : entry.msPerMb.toFixed(1))),
      row.failure ? '-' : ratio(row.growth),
      row.perSize.at(-1)?.findings ?? '-',
      row.perSize.filter((entry) => entry.rssMb).at(-1)?.rssMb ? `${row.perSize.filter((entry) => entry.rssMb).at(-1).rssMb} MB` : '-',
      row.testCase.what,
    ]),
    ['l', ...sizes.map(() => 'r'), 'r', 'r', 'r', 'l'],
  );
  for (const row of rows.filter((entry) => entry.failure)) note(`${row.testCase.name}: ${row.failure}`);
  console.log('');
  const worst = rows.reduce((acc, row) => (row.failure ? Infinity : Math.max(acc, row.growth ?? 0)), 0);
  const verdicts = [
    verdict(
      `time per MB flat (largest ÷ smallest ≤ 2 for every case)`,
      Number.isFinite(worst) ? worst <= 2 : false,
      Number.isFinite(worst) ? `worst ${ratio(worst)} (${rows.find((row) => row.growth === worst)?.testCase.name})` : `${rows.filter((row) => row.failure).map((row) => row.testCase.name).join(', ')} did not finish`,
    ),
  ];
  rmSync(dir, { recursive: true, force: true });
  return {
    sizes,
    rows: rows.map((row) => ({ name: row.testCase.name, msPerMb: row.perSize.map((entry) => entry.msPerMb), growth: row.growth, failure: row.failure })),
    verdicts,
  };
}
