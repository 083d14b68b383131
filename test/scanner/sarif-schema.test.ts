/**
 * The SARIF report validates against the SARIF 2.1.0 JSON schema (the copy Microsoft ships in
 * @microsoft/jest-sarif), for findings, errors and hostile file names alike.
 */
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import { run } from '../../src/scanner/cli.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { writeTree } from './tree.js';

const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const validate = new (AjvDraft04 as unknown as typeof AjvDraft04.default)({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

describe('SARIF output', () => {
  it('the schema validator rejects a log that is not SARIF (so a pass means something)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: 'none' }] })).toBe(false);
  });

  it('is valid SARIF 2.1.0 for findings of every text rule, a parse error and odd file names', async () => {
    const live = fakeKey(971);
    const test = fakeKey(972, { environment: 'test' });
    const root = writeTree({
      'package.json': '{ "name": "sarif-fixture" }',
      '.env': `VITE_PILOTSTATUS_API_KEY=${live}\n`,
      'docs/send.md': '```sh\ncurl -H "Authorization: Bearer $PILOTSTATUS_API_KEY" https://pilotstatus.com.br/v1/messages/send\n```\n',
      'src/broken.ts': `export const = '${test}';\n`,
      'odd name "quoted" \u001b[31m.env': `KEY=${test}\nURL=https://pilotstatus.com.br/v1/messages/x?api_key=${live}\n`,
    });
    const result = await run(['--format', 'sarif', '.'], { cwd: root, env: {} });
    assertNoKeyIn(result.stdout + result.stderr, [live, test]);
    const log = JSON.parse(result.stdout) as { runs: Array<{ results: unknown[] }> };
    expect(log.runs[0]!.results.length).toBeGreaterThanOrEqual(5);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
