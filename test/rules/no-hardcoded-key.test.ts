import rule from '../../rules/no-hardcoded-key.js';
import { redactKey } from '../../src/core/key.js';
import { named, runInBothModes } from '../support/cases.js';
import { fakeKey, fakeKeyId } from '../support/fake-key.js';

const live = fakeKey(101);
const test = fakeKey(102, { environment: 'test' });
const bare = fakeKey(103, { environment: 'none', length: 38 });
const lower = fakeKey(104, { alphabet: 'lower', length: 24 });
const keyId = fakeKeyId(105);
const P = ['p', 's', '_'].join('');

runInBothModes('no-hardcoded-key', rule, {
  valid: [
    `
const key = process.env.PILOTSTATUS_API_KEY;
`,
    `
const KEY_PREFIXES = ['${P}live_', '${P}test_'];
if (!key.startsWith('${P}live_')) throw new Error('PILOTSTATUS_API_KEY must be a ${P}live_ key');
`,
    `
const config = { keyPrefix: "${P}test_", fixture: '${P}live_test' };
`,
    `
// Set PILOTSTATUS_API_KEY=${P}your_key_here in .env
const headers = { 'x-api-key': '${P}test_your_token_here' };
`,
    `
const KEY_SHAPE = /^${P}(live|test)_[A-Za-z0-9]{16,}$/;
`,
    `
function ${P}get_user_name() { return ${P}list.length; }
`,
    `
const headers = { 'x-api-key-id': process.env.PILOTSTATUS_API_KEY_ID };
`,
    `
const headers = { 'x-api-key-id': 'key_<your key id>' };
`,
  ],
  invalid: [
    named('a live key in a string literal', {
      code: `const apiKey = '${live}';`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 17, endLine: 1, endColumn: 17 + live.length, data: { key: redactKey(live) } }],
    }),
    named('a test key in a template literal, after an interpolation', {
      code: `const header = \`\${prefix}:${test}\`;`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 27, data: { key: redactKey(test) } }],
    }),
    named('a bare ps_ key in a comment', {
      code: `\n// old key: ${bare}\nconst apiKey = process.env.PILOTSTATUS_API_KEY;`,
      errors: [{ messageId: 'hardcodedKey', line: 2, column: 13, data: { key: redactKey(bare) } }],
    }),
    named('a lowercase-alphanumeric key as an object key and in an array', {
      code: `const seen = { '${lower}': true };\nconst all = ['${lower}'];`,
      errors: [
        { messageId: 'hardcodedKey', line: 1, column: 17 },
        { messageId: 'hardcodedKey', line: 2, column: 15 },
      ],
    }),
    named('a key in a regular expression literal', {
      code: `const stripKey = /${live}/g;`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 19 }],
    }),
    named('a key in a JSX attribute and in JSX text', {
      code: `const W = () => <Widget apiKey="${test}">${live}</Widget>;`,
      filename: 'react.tsx',
      errors: [
        { messageId: 'hardcodedKey', line: 1, column: 33 },
        { messageId: 'hardcodedKey', line: 1, column: 35 + test.length },
      ],
    }),
    named('a key assembled from literal pieces', {
      code: `const apiKey = '${live.slice(0, 12)}' + '${live.slice(12)}';`,
      errors: [{ messageId: 'assembledKey', line: 1, column: 16, data: { key: redactKey(live) } }],
    }),
    named('a key assembled through a const chain', {
      code: `const head = '${P}live_';\nconst apiKey = head + '${live.slice(8)}';`,
      errors: [{ messageId: 'assembledKey', line: 2, column: 16, data: { key: redactKey(live) } }],
    }),
    named('a key constant used in a concatenation is reported once, where it is written', {
      code: `const apiKey = '${live}';\nconst auth = 'Bearer ' + apiKey;`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 17 }],
    }),
    named('a literal key id in x-api-key-id', {
      code: `fetch(url, { headers: { 'x-api-key-id': '${keyId}' } });`,
      errors: [{ messageId: 'hardcodedKeyId', line: 1, column: 41 }],
    }),
  ],
});
