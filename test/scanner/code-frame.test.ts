/** Code frames crop long lines to a window; each cut is marked with `…`, on the finding's line and the context lines. */
import { run } from '../../src/scanner/cli.js';
import { LineIndex } from '../../src/scanner/text/line-index.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { writeTree } from './tree.js';

describe('code frames of long lines', () => {
  it('mark a cut at either end with …, and leave whole lines alone', () => {
    const before = `const a = [${Array.from({ length: 60 }, (_, index) => index * 7).join(', ')}];`;
    const line = `${'x '.repeat(75)} const url = 'https://api.pilotstatus.com.br/v1?token=' + secret; ${'y '.repeat(150)}`;
    const text = `${before}\n${line}\nshort();\n`;
    const lines = new LineIndex(text);
    const column = line.indexOf('const url') + 1;
    const snippet = lines.snippet({ line: 2, column, endLine: 2, endColumn: column + 9 });
    const [context, finding, after] = snippet.lines;
    expect(finding!.startsWith('…')).toBe(true);
    expect(finding!.endsWith('…')).toBe(true);
    expect(finding).toContain('const url =');
    // The context line above is cut at the same window: marked too, so its tail does not pass for the whole line.
    expect(context!.startsWith('…')).toBe(true);
    expect(context!.endsWith('…')).toBe(true);
    expect(before).toContain(context!.slice(1, -1));
    expect(after).toBe('…'); // a short line left of the window: nothing of it shows, and it says so
  });

  it('in the stylish report', async () => {
    const key = fakeKey(1580);
    const root = writeTree({ 'dist/app.js': `${'a;'.repeat(200)}var k="${key}";${'b;'.repeat(200)}\n` });
    const result = await run(['--no-color', '.'], { cwd: root, env: {} });
    assertNoKeyIn(result.stdout, [key]);
    const frameLine = result.stdout.split('\n').find((entry) => /^\s+> 1 \|/.test(entry))!;
    expect(frameLine).toMatch(/> 1 \| …a;a;.*var k=".*";b;b;.*…$/);
    const whole = writeTree({ 'app.env': `K=${key}\n` });
    const plain = (await run(['--no-color', '.'], { cwd: whole, env: {} })).stdout;
    expect(plain).not.toContain('…a');
    expect(plain.split('\n').find((entry) => /> 1 \|/.test(entry))).toMatch(/> 1 \| K=ps_live_..…#[0-9a-f]{6}$/);
  });
});
