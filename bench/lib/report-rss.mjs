/**
 * Preloaded with `node --import` when `/usr/bin/time` is missing: at exit, writes this process's peak
 * RSS (`process.resourceUsage().maxRSS`, KiB) to the file named by PILOTSTATUS_BENCH_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.PILOTSTATUS_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      writeFileSync(target, String(process.resourceUsage().maxRSS));
    } catch {
      // best effort: the figure is then reported as unknown
    }
  });
}
