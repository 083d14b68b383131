#!/usr/bin/env node
/**
 * The `pilotstatus-scan` executable: runs the CLI, writes its output, sets the exit code. A crash
 * exits 2 with a redacted one-line message. The first SIGINT stops the scan (partial results go to
 * stderr); a second one exits at once.
 */
import { describeCrash, EXIT, run } from './cli.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts++;
  if (interrupts > 1) process.exit(EXIT.interrupted);
  controller.abort();
});

try {
  const result = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    writeStderr: (text) => process.stderr.write(text),
    signal: controller.signal,
  });
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
} catch (error) {
  process.stderr.write(`pilotstatus-scan: internal error: ${describeCrash(error)}\n`);
  process.exitCode = EXIT.fatal;
}
