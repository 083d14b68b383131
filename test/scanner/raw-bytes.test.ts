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
});
