/**
 * A reference point, not a product: the least a single-threaded Node scanner can do on the tree — walk
 * it (no symlinks, no ignore files), read every file synchronously, skip files with a NUL byte in their
 * first 8 KiB, and run one key regex over the UTF-8 text. Prints the match count. The gap between
 * this and ripgrep is the cost of Node itself; the gap between this and pilotstatus-scan is ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const pattern = /(?<![A-Za-z0-9_$])ps_(?:(?:live|test)_[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]{20,})/g;
let count = 0;
const stack = [process.argv[2] ?? '.'];
while (stack.length) {
  const dir = stack.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') stack.push(path);
      continue;
    }
    if (!entry.isFile()) continue;
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8192).includes(0)) continue;
    const text = bytes.toString('utf8');
    if (!text.includes('ps_')) continue;
    pattern.lastIndex = 0;
    while (pattern.exec(text)) count++;
  }
}
process.stdout.write(`${count}\n`);
