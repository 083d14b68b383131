/**
 * Keys are also searched in the raw bytes: a mislabelled file (a UTF-16 byte order mark before plain
 * ASCII) cannot hide a key, and a real UTF-16 file still reports each key once.
 */
import { fakeKey } from '../support/fake-key.js';
import { scanJson, summarize, writeTree } from './tree.js';

const live = fakeKey(1590);
const other = fakeKey(1591);
const keys = [live, other];
const bom = (bytes: number[], text: string) => Buffer.concat([Buffer.from(bytes), Buffer.from(text, 'latin1')]);

describe('keys in the raw bytes', () => {
  it('finds an ASCII key after FF FE (or FE FF), which the UTF-16 decoder turns into nonsense', async () => {
    const root = writeTree({
      'config/app.env': bom([0xff, 0xfe], `NAME=shop\nPILOTSTATUS_API_KEY=${live}\n`),
      'config/other.env': bom([0xfe, 0xff], `K=${other}\n`),
      'src/client.ts': bom([0xff, 0xfe], `export const key = '${live}';\n`),
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(expect.arrayContaining(['config/app.env:2 no-hardcoded-key', 'config/other.env:1 no-hardcoded-key', 'src/client.ts:1 no-hardcoded-key']));
  });

  it('a real UTF-16 file: its key once, not again from the bytes; an inline ignore holds for both readings', async () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const root = writeTree({
      'real.env': utf16(`K=${live}\n`),
      'ignored.env': bom([0xff, 0xfe], `K=${other} # pilotstatus-scan-ignore\n`),
    });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['real.env:1 no-hardcoded-key']);
  });

  it('searches a binary file that holds a key marker (a key compiled into an app), and still skips one without', async () => {
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 0]), Buffer.from(`\0config\0${live}\0\0`, 'latin1'), Buffer.alloc(64)]);
    const root = writeTree({ 'public/app.wasm': binary, 'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['public/app.wasm:1 no-client-key', 'public/app.wasm:1 no-hardcoded-key']);
    expect(report.skipped).toEqual([{ file: 'assets/logo.png', reason: 'binary file (NUL bytes)' }]);
  });
});
