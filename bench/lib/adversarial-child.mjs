/**
 * Child process of the adversarial section: times the scanner's programmatic `scan()` on one file at
 * a time, in process (so start-up cost does not hide the detectors' cost), after a warm-up scan.
 * argv[2] = JSON { scanner, dir, files: [relative...], repeat, warmup }. Prints one JSON line per file
 * (median of `repeat` runs; one run when a run takes over 2 s).
 */
import { pathToFileURL } from 'node:url';

const { scanner, dir, files, repeat, warmup } = JSON.parse(process.argv[2]);
const { scan } = await import(pathToFileURL(scanner).href);

const once = async (file) => {
  const started = process.hrtime.bigint();
  const result = await scan({ cwd: dir, paths: [file], noConfig: true });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, findings: result.findings.length, errors: result.errors.length, skipped: result.skipped.length };
};

// Warm up the modules and the JIT, then once more on this case's smallest file, untimed.
if (warmup) await once(warmup);
if (files.length) await once(files[0]);
for (const file of files) {
  const times = [];
  let last;
  for (let index = 0; index < repeat; index++) {
    last = await once(file);
    times.push(last.ms);
    if (last.ms > 2000) break; // slow enough that one run is precise, and the section stays bounded
  }
  times.sort((a, b) => a - b);
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ file, ms: times[times.length >> 1], findings: last.findings, errors: last.errors, skipped: last.skipped, rssMb })}\n`);
}
