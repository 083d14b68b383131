/**
 * Hostile input (issue 8): the scan finishes, every other file is scanned, a problem file is listed
 * in `errors` with a clear reason (exit 3), and nothing readable is lost.
 */
import { rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../support/fake-key.js';
import { run } from '../../src/scanner/cli.js';
import { scan } from '../../src/scanner/scan.js';
import { formatJson } from '../../src/scanner/format/json.js';
import { assertNoKeyIn } from '../support/fake-key.js';
import { scanJson, summarize, writeTree } from './tree.js';

const live = fakeKey(401);
const test = fakeKey(402, { environment: 'test' });
const plain = fakeKey(403, { environment: 'none', length: 30 });
const keys = [live, test, plain];

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let index = 0; index + 1 < le.length; index += 2) [le[index], le[index + 1]] = [le[index + 1]!, le[index]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

/** Brackets nested `depth` deep, 100 per line (short lines: it is source, not a minified bundle). */
function nested(open: string, close: string, depth: number): string {
  const wrap = (text: string) => text.replace(/(.{100})/g, '$1\n');
  return wrap(open.repeat(depth)) + '0' + wrap(close.repeat(depth));
}

describe('bad input', () => {
  it('skips and counts binary files, but finds a key in their raw bytes; scans a text-named file with NUL bytes', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(`tEXt ${live}`)]);
    const icon = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const root = writeTree({ 'logo.png': png, 'icon.png': icon, '.env': Buffer.concat([Buffer.from('A=1\0\n'), Buffer.from(`K=${test}\n`)]) });
    const { result, report } = await scanJson(root, ['.'], keys);
    // A key in a PNG text chunk has leaked all the same (raw-bytes search, issue 15); lines count 0x0A bytes.
    expect(summarize(report)).toEqual(['.env:2 no-hardcoded-key', 'logo.png:3 no-hardcoded-key']);
    expect(report.stats.skipped.binary).toBe(1);
    expect(report.skipped).toEqual([{ file: 'icon.png', reason: 'binary file (NUL bytes)' }]);
    expect(report.errors).toEqual([]);
    expect(result.exitCode).toBe(1);
  });

  it('scans invalid UTF-8 with replacement characters', async () => {
    const root = writeTree({ 'config.yaml': Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`\nkey: ${live}\n`)]) });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['config.yaml:2 no-hardcoded-key']);
    expect(report.errors).toEqual([]);
  });

  it('decodes UTF-16 LE and BE files with a BOM: a key in a UTF-16 .env is found', async () => {
    const root = writeTree({
      '.env': utf16le(`# saved by Notepad\r\nVITE_PILOT_KEY=${live}\r\n`),
      'be.env': utf16be(`A=1\nK=${test}\n`),
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['.env:2 no-client-key', '.env:2 no-hardcoded-key', 'be.env:2 no-hardcoded-key']);
    expect(report.findings.find((finding) => finding.file === '.env')).toMatchObject({ column: 16, endColumn: 16 + live.length });
  });

  it('handles CRLF and a UTF-8 BOM: positions exclude the BOM and the CR', async () => {
    const root = writeTree({
      'crlf.env': `A=1\r\nK=${live}\r\nB=2\r\n`,
      'src/bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`export const k = '${test}';\r\n`)]),
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['crlf.env:2 no-hardcoded-key', 'src/bom.ts:1 no-hardcoded-key']);
    expect(report.findings[0]).toMatchObject({ line: 2, column: 3, endLine: 2, endColumn: 3 + live.length });
    expect(report.findings[1]).toMatchObject({ line: 1, column: 19 });
    expect(report.errors).toEqual([]);
  });

  it('reports a file that overflows the parser as an error and still scans it as text', async () => {
    const root = writeTree({
      'src/deep.js': `const k = '${live}';\nconst x = ${nested('[', ']', 30_000)};\n`,
      'src/deep.ts': `const k = '${test}';\nconst y = ${nested('(', ')', 30_000)};\n`,
      'src/fine.md': 'nothing\n',
    });
    const { result, report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['src/deep.js:1 no-hardcoded-key', 'src/deep.ts:1 no-hardcoded-key']);
    expect(report.errors.map((error) => error.file)).toEqual(['src/deep.js', 'src/deep.ts']);
    for (const error of report.errors) expect(error.reason).toMatch(/stack|nesting/);
    expect(result.exitCode).toBe(3);
  });

  it('scans a file with a syntax error as text and lists it, with a redacted reason', async () => {
    const root = writeTree({ 'src/broken.ts': `const k = '${live}' ${test} {{{\n` });
    const { result, report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['src/broken.ts:1 no-hardcoded-key', 'src/broken.ts:1 no-hardcoded-key']);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.reason).toMatch(/^parse error at 1:\d+: .*; scanned as text instead: keys are still found, but the semantic rules \(.*\) did not run$/);
    expect(result.exitCode).toBe(3);
  });

  it('accepts empty files', async () => {
    const root = writeTree({ 'empty.ts': '', 'empty.env': '', 'empty.map': '', 'empty.md': '' });
    const { result, report } = await scanJson(root, ['.'], keys);
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('does not follow symbolic links while walking (loops and broken links are skipped and counted)', async () => {
    const root = writeTree({ 'real/a.env': `K=${live}\n` });
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    symlinkSync(join(root, 'missing'), join(root, 'broken.env'));
    symlinkSync(join(root, 'real'), join(root, 'linked-dir'));
    const { result, report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['real/a.env:1 no-hardcoded-key']);
    expect(report.stats.skipped.symlinks).toBe(4);
    expect(report.errors).toEqual([]);
    expect(result.exitCode).toBe(1);
  });

  it('lists a broken link or a link loop named on the command line as errors (exit 3)', async () => {
    const root = writeTree({ 'ok.env': `K=${live}\n` });
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    symlinkSync(join(root, 'missing'), join(root, 'broken.env'));
    const { result, report } = await scanJson(root, ['ok.env', 'loop-a', 'broken.env'], keys);
    expect(summarize(report)).toEqual(['ok.env:1 no-hardcoded-key']);
    expect(report.errors).toEqual([
      { file: 'broken.env', reason: 'broken symbolic link (its target does not exist)' },
      { file: 'loop-a', reason: 'symbolic link loop (ELOOP)' },
    ]);
    expect(result.exitCode).toBe(3);
  });

  it('scans files with spaces, newlines, leading dashes, unicode and non-UTF-8 bytes in their names', async () => {
    const root = writeTree({ 'with space.env': `K=${live}\n`, 'new\nline.env': `K=${test}\n`, '-rf.env': `K=${plain}\n`, 'ção/ünï.env': `K=${live}\n` });
    writeFileSync(Buffer.from(join(root, 'latin1-\xe9.env'), 'latin1'), `K=${test}\n`);
    const { report } = await scanJson(root, ['.'], keys);
    const files = report.findings.map((finding) => finding.file).sort();
    expect(files).toEqual(['-rf.env', 'latin1-\ufffd.env', 'new\nline.env', 'with space.env', 'ção/ünï.env'].sort());
    expect(report.errors).toEqual([]);
    const dashed = await scanJson(root, ['--', '-rf.env'], keys);
    expect(summarize(dashed.report)).toEqual(['-rf.env:1 no-hardcoded-key']);
  });

  it('finds a key at the end of a single 20 MB line', async () => {
    const line = 'a=1;'.repeat(5 * 1024 * 1024) + `k="${live}";`;
    const root = writeTree({ 'dist/huge.js': line });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['dist/huge.js:1 no-client-key', 'dist/huge.js:1 no-hardcoded-key']);
    expect(report.findings[0]!.column).toBe(20 * 1024 * 1024 + 4);
  });

  it('scans a 100 MB bundle and a 40 MB line in chunks: keys at chunk edges, after non-ASCII text and near the end are found at their exact positions', async () => {
    const MB = 1024 * 1024;
    const pieces: string[] = [];
    let bytes = 0;
    let units = 0;
    let line = 1;
    let lineStart = 0;
    const append = (text: string) => {
      pieces.push(text);
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        line++;
        lineStart = units + index + 1;
      }
      bytes += Buffer.byteLength(text);
      units += text.length;
    };
    // ~1 MB minified lines, each opening with two-byte and four-byte characters (columns count UTF-16 units)
    const fillTo = (target: number) => {
      while (bytes < target) {
        const room = target - bytes;
        const toLineEnd = MB - (units - lineStart);
        if (toLineEnd <= 0) {
          const opening = '\nvar é="😀";';
          append(room >= Buffer.byteLength(opening) ? opening : 'x'.repeat(room));
          continue;
        }
        append('a=1;'.repeat(Math.max(0, Math.floor(Math.min(room, toLineEnd) / 4))) + 'x'.repeat(Math.min(room, toLineEnd) % 4));
      }
    };
    const expected: string[] = [];
    const placeKey = (target: number, key: string, prefix = 'k="') => {
      fillTo(target - prefix.length);
      append(prefix);
      expected.push(`${line}:${units - lineStart + 1} no-client-key`, `${line}:${units - lineStart + 1} no-hardcoded-key`);
      append(`${key}";`);
    };
    const other = fakeKey(404);
    placeKey(100, live);
    placeKey(8 * MB - 10, live); // straddles the first chunk's nominal end
    placeKey(16 * MB + 40, test);
    placeKey(50 * MB + 7, other);
    placeKey(60 * MB, other); // the same key again: its own fingerprint
    fillTo(70 * MB);
    append('\n// pilotstatus-scan-ignore\n');
    append(`k="${plain}";`); // silenced, in the middle of a chunk
    placeKey(100 * MB - 64, live);
    append('\n');
    // and one 40 MB line: chunks start mid-line there, so columns carry over from chunk to chunk
    const long = ['é😀'.repeat(1000), 'a=1;'.repeat(9 * MB / 4), `k="${live}";`, 'b=2;'.repeat(8 * MB / 4), '😀', `k="${test}";`, 'c=3;'.repeat(23 * MB / 4), `k="${other}";`];
    const longText = long.join('');
    for (const key of [live, test, other]) {
      const column = longText.indexOf(key) + 1;
      expected.push(`one-line.js 1:${column} no-client-key`, `one-line.js 1:${column} no-hardcoded-key`);
    }
    const root = writeTree({ 'dist/app.js': pieces.join(''), 'dist/one-line.js': longText });
    const { report } = await scanJson(root, ['.'], [...keys, other]);
    expect(report.errors).toEqual([]);
    expect(report.skipped).toEqual([]);
    const where = (finding: { file: string; line: number; column: number; ruleId: string }) => `${finding.file === 'dist/one-line.js' ? 'one-line.js ' : ''}${finding.line}:${finding.column} ${finding.ruleId.slice('pilotstatus/'.length)}`;
    expect(report.findings.map(where).sort()).toEqual(expected.sort());
    expect(new Set(report.findings.map((finding) => finding.fingerprint)).size).toBe(report.findings.length);
    expect(report.stats.suppressed.inline).toBe(2);
  });

  it('scans chunks the same from a file on disk and from content in memory (staged blobs)', async () => {
    const { bufferSource, fileSource, scanLargeText } = await import('../../src/scanner/large-file.js');
    const { createDefaultConfig, toSeverityMap } = await import('../../src/scanner/config.js');
    const { createByteMarkers } = await import('../../src/scanner/read.js');
    const { closeSync, openSync } = await import('node:fs');
    const config = createDefaultConfig();
    const content = Buffer.from(['é😀'.repeat(100), 'a=1;'.repeat(2_200_000), `k="${live}";\n`, 'b=2;\n'.repeat(1_500_000), `k="${test}";`, 'c=3;'.repeat(1_000_000)].join(''));
    const root = writeTree({ 'dist/big.js': content });
    const { classifyPath } = await import('../../src/scanner/classify.js');
    const options = { relative: 'dist/big.js', classification: classifyPath('dist/big.js', {}), settings: config.settings, severities: toSeverityMap(config.rules), byteMarkers: createByteMarkers(config.settings.apiHosts) };
    const fromMemory = scanLargeText(bufferSource(content), options);
    const descriptor = openSync(join(root, 'dist/big.js'), 'r');
    const fromDisk = (() => {
      try {
        return scanLargeText(fileSource(descriptor, content.length), options);
      } finally {
        closeSync(descriptor);
      }
    })();
    const where = (result: typeof fromMemory) => result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId} ${finding.fingerprint}`);
    expect(where(fromDisk)).toEqual(where(fromMemory));
    const firstColumn = ('é😀'.repeat(100) + 'a=1;'.repeat(2_200_000) + 'k="').length + 1;
    expect(fromMemory.findings.map((finding) => [finding.line, finding.column])).toEqual([[1, firstColumn], [1, firstColumn], [1_500_002, 4], [1_500_002, 4]]);
  });

  it('skips and counts files over --max-file-size, without an error', async () => {
    const root = writeTree({ 'big.env': `K=${live}\n${'#'.repeat(4096)}\n`, 'small.env': `K=${test}\n` });
    const { result, report } = await scanJson(root, ['--max-file-size', '1k', '.'], keys);
    expect(summarize(report)).toEqual(['small.env:1 no-hardcoded-key']);
    expect(report.stats.skipped.tooLarge).toBe(1);
    expect(report.skipped[0]!.file).toBe('big.env');
    expect(result.exitCode).toBe(1);
    // SARIF and GitHub annotations say so too: the file was not read at all
    const sarif = JSON.parse((await run(['--format', 'sarif', '--max-file-size', '1k', '.'], { cwd: root })).stdout) as {
      runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }>;
    };
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', message: { text: expect.stringMatching(/^big\.env: not scanned: larger than --max-file-size/) as string } }),
    ]);
    const github = await run(['--format', 'github', '--max-file-size', '1k', '.'], { cwd: root });
    expect(github.stdout).toMatch(/^::warning file=big\.env,title=pilotstatus-scan%3A not scanned::larger than --max-file-size/m);
    assertNoKeyIn(github.stdout + JSON.stringify(sarif), keys);
  });

  it('survives a .gitignore with odd patterns and applies nested ones', async () => {
    const root = writeTree({
      '.gitignore': ['[', '\\', '!', '**/tmp/', '#x', '   ', 'ignored/', '*.log', '!keep.log', `${'a'.repeat(5000)}`].join('\n'),
      'ignored/a.env': `K=${live}\n`,
      'debug.log': `K=${live}\n`,
      'keep.log': `K=${test}\n`,
      'sub/.gitignore': 'local.env\n',
      'sub/local.env': `K=${live}\n`,
      'sub/shared.env': `K=${plain}\n`,
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['keep.log:1 no-hardcoded-key', 'sub/shared.env:1 no-hardcoded-key']);
    expect(report.errors).toEqual([]);
  });

  it('neutralises control characters and ANSI escapes from file content in stylish output', async () => {
    const { run } = await import('../../src/scanner/cli.js');
    const root = writeTree({ 'evil.env': `X=\u001b[31mred\u001b[0m\u0007 K=${live} \u202e\n` });
    const result = await run(['--color', '.'], { cwd: root, env: {} });
    expect(result.stdout).toContain('␛[31mred␛[0m␇');
    expect(result.stdout).not.toContain('\u0007');
    expect(result.stdout).not.toContain('\u202e');
    expect(result.stdout).toContain('\\u{202e}');
  });
});

describe('discovery', () => {
  it('scans a path named on the command line even when .gitignore ignores it', async () => {
    const root = writeTree({ '.gitignore': 'dist/\n', 'dist/app.js': `var k="${live}";\n` });
    expect((await scanJson(root, ['.'], keys)).report.findings).toEqual([]);
    expect(summarize((await scanJson(root, ['dist/'], keys)).report)).toEqual(['dist/app.js:1 no-client-key', 'dist/app.js:1 no-hardcoded-key']);
    expect(summarize((await scanJson(root, ['--no-ignore', '.'], keys)).report)).toHaveLength(2);
  });

  it('skips node_modules and .git unless named, and treats named packages as text', async () => {
    const root = writeTree({ 'node_modules/pkg/index.js': `module.exports = "${live}";\n`, '.git/config': `k=${live}\n`, 'src/a.md': 'x\n' });
    expect((await scanJson(root, ['.'], keys)).report.stats.files).toBe(1);
    const named = await scanJson(root, ['node_modules/pkg'], keys);
    expect(summarize(named.report)).toEqual(['node_modules/pkg/index.js:1 no-hardcoded-key']);
    expect(named.report.stats.linted).toBe(0);
  });

  it('applies --include and --exclude to walked files', async () => {
    const root = writeTree({ 'a/one.env': `K=${live}\n`, 'a/two.yaml': `k: ${test}\n`, 'b/three.env': `K=${plain}\n` });
    expect(summarize((await scanJson(root, ['--include', '*.env', '.'], keys)).report)).toEqual(['a/one.env:1 no-hardcoded-key', 'b/three.env:1 no-hardcoded-key']);
    expect(summarize((await scanJson(root, ['--exclude', 'b/', '.'], keys)).report)).toEqual(['a/one.env:1 no-hardcoded-key', 'a/two.yaml:1 no-hardcoded-key']);
  });
});

describe('discovery of a named subdirectory', () => {
  it('matches --exclude and config excludes against paths relative to the working directory', async () => {
    const root = writeTree({
      'pilotstatus.config.json': JSON.stringify({ exclude: ['pkg/fixtures/**'] }),
      'pkg/fixtures/a.env': `K=${live}\n`,
      'pkg/src/b.env': `K=${test}\n`,
      'pkg/vendor/c.env': `K=${plain}\n`,
    });
    const { report } = await scanJson(root, ['--exclude', 'pkg/vendor/', 'pkg'], keys);
    expect(summarize(report)).toEqual(['pkg/src/b.env:1 no-hardcoded-key']);
  });
});

describe('reading', () => {
  // Linux only: /proc is the one file system where this is deterministic.
  it.runIf(process.platform === 'linux')('reads past the size fstat reported when a file grows (a /proc file reports 0 bytes and has content)', async () => {
    const { readFileCappedSync } = await import('../../src/scanner/read.js');
    const read = readFileCappedSync('/proc/self/status', 1024 * 1024);
    expect(read.kind).toBe('bytes');
    if (read.kind !== 'bytes') return;
    expect(read.size).toBeGreaterThan(0);
    expect(read.bytes.toString('utf8')).toMatch(/^Name:/);
    // …and still holds such a file to the cap
    expect(readFileCappedSync('/proc/self/status', 10)).toMatchObject({ kind: 'too-large' });
  });

  it('reads a file of exactly the cap, and an empty one', async () => {
    const { readFileCappedSync } = await import('../../src/scanner/read.js');
    const root = writeTree({ 'exact.txt': 'x'.repeat(100), 'empty.txt': '' });
    expect(readFileCappedSync(join(root, 'exact.txt'), 100)).toMatchObject({ kind: 'bytes', size: 100 });
    expect(readFileCappedSync(join(root, 'exact.txt'), 99)).toMatchObject({ kind: 'too-large', size: 100 });
    expect(readFileCappedSync(join(root, 'empty.txt'), 100)).toMatchObject({ kind: 'bytes', size: 0 });
  });
});

describe('decoding', () => {
  it('gives the same text on the ASCII fast path and the UTF-8 path, for any string', async () => {
    const fc = (await import('fast-check')).default;
    const { decodeContent } = await import('../../src/scanner/read.js');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '0', '_', '\n', '\t', 'é', '€', '😀', '\u0000', '\u007f') }), (text) => {
        const decoded = decodeContent(Buffer.from(text, 'utf8'), true);
        return decoded.kind === 'text' && decoded.text === text && !decoded.invalidBytes;
      }),
    );
  });
});

describe('files that change during the scan', () => {
  // Files are read in sorted order after discovery: deleting the last ones from the first progress
  // callback removes them after they were listed and before they are read.
  it('lists a file deleted between discovery and reading as an error (exit 3 material), scans the rest', async () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`f${String(index).padStart(2, '0')}.env`, `K=${live}\n`]));
    const root = writeTree({ ...files, 'sub/late/g.env': `K=${test}\n` });
    let deleted = false;
    const result = await scan({
      cwd: root,
      noConfig: true,
      onProgress: () => {
        if (deleted) return;
        deleted = true;
        unlinkSync(join(root, 'f29.env'));
        rmSync(join(root, 'sub'), { recursive: true });
      },
    });
    expect(deleted).toBe(true);
    expect(result.errors).toEqual([
      { file: 'f29.env', reason: 'the file disappeared before it could be read (ENOENT)' },
      { file: 'sub/late/g.env', reason: 'the file disappeared before it could be read (ENOENT)' },
    ]);
    expect(result.findings.map((finding) => finding.file)).toEqual(Object.keys(files).slice(0, 29));
    expect(result.stats.files).toBe(31);
    assertNoKeyIn(formatJson(result), keys);
  });
});
