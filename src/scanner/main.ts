/**
 * The process side of `pilotstatus-scan`: runs the CLI, writes its output, sets the exit code. A crash
 * exits 2 with a redacted one-line message. The first SIGINT stops the scan (partial results go to
 * stderr); a second one exits at once. `bin.ts` calls it; tests call it with injected scan options
 * (a pause after N files, a worker that dies) instead of test-only environment variables.
 */
import { describeCrash, EXIT, run } from './cli.js';
import type { ScanOptions } from './scan.js';

export async function main(argv: readonly string[], scanOptions: Partial<ScanOptions> = {}): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  });
  try {
    const result = await run(argv, {
      cwd: process.cwd(),
      env: process.env,
      stdoutIsTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      writeStderr: (text) => process.stderr.write(text),
      signal: controller.signal,
      readStdin: () => readStream(process.stdin),
      scanOptions,
    });
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`pilotstatus-scan: internal error: ${describeCrash(error)}\n`);
    process.exitCode = EXIT.fatal;
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
