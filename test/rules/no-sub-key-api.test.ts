import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-sub-key-api.js';
import { runInBothModes } from '../support/cases.js';
import { typedFixture } from '../support/rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

// Linted as a module of the fixture project, so `./config`, `./transport`, `./clients` resolve in both modes.
const filename = typedFixture('sub-keys/case.ts');

const valid: Array<string | Valid> = [
  // the one key endpoint the API has, in every client shape
  `
await fetch('https://pilotstatus.com.br/v1/api-keys/regenerate', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
`,
  `
import { pilotGot, pilotKy, pilotAxios } from './clients';
await pilotGot.post('api-keys/regenerate').json();
await pilotKy.post('api-keys/regenerate');
await pilotAxios.post('/api-keys/regenerate');
`,
  `
import { request } from './transport';
await request('POST', '/api-keys/regenerate', process.env.PILOTSTATUS_API_KEY!);
`,
  // the wrapper itself: its path comes from the caller
  `
import { PILOT_API } from './config';
export async function call(method: string, path: string, key: string) {
  return fetch(\`\${PILOT_API}\${path}\`, { method, headers: { 'x-api-key': key } });
}
`,
  // an app's own route that happens to be called api/keys, on its own origin
  `
await fetch('/api/keys?include=revoked');
await fetch('/api/api-keys', { method: 'DELETE' });
`,
  // another vendor's key management
  `
await fetch('https://api.resend.com/api-keys', { headers: { authorization: \`Bearer \${process.env.RESEND_API_KEY}\` } });
await fetch('https://api.example-crm.io/v1/api-keys', { method: 'POST' });
`,
  // number and tenant endpoints
  `
import { request } from './transport';
await request('GET', '/numbers', process.env.PILOTSTATUS_TENANT_KEY!);
await request('POST', '/messages/send', process.env.PILOTSTATUS_API_KEY!, { to: '1' });
`,
  // the SDK's regenerate
  `
import { PilotStatusClient } from '@pilot-status/sdk';
const client = new PilotStatusClient({ apiKey: process.env.PILOTSTATUS_API_KEY! });
await client.apiKeys.regenerate();
`,
  // /regenerate with a method the code does not show: may well be the POST
  `
export const rotate = (method: string) => fetch('https://pilotstatus.com.br/v1/api-keys/regenerate', { method });
`,
  // a class whose private transport is called with literal paths: its list() is reported where written, not at callers
  `
import { PilotKeys } from './transport';
const keys = new PilotKeys(process.env.PILOTSTATUS_API_KEY!);
await keys.list();
await keys.rotate();
await keys.send('1');
`,
];

const endpoint = (data: string) => ({ endpoint: data });

const invalid: Invalid[] = [
  {
    code: `
await fetch('https://pilotstatus.com.br/v1/api-keys', { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
`,
    errors: [{ messageId: 'subKeyApi', line: 2, column: 7, endColumn: 117, data: endpoint('GET /v1/api-keys') }],
  },
  // the /api/v1 root on pilotstatus.online, and a subdomain
  {
    code: `
await fetch('https://pilotstatus.online/api/v1/api-keys/key_1/revoke', { method: 'POST' });
await fetch('https://api.pilotstatus.online/v1/api-keys/key_1', { method: 'DELETE' });
`,
    errors: [
      { messageId: 'subKeyApi', line: 2, data: endpoint('POST /v1/api-keys/key_1/revoke') },
      { messageId: 'subKeyApi', line: 3, data: endpoint('DELETE /v1/api-keys/key_1') },
    ],
  },
  // a URL in a constant, a parentKeyId body: a child key
  {
    code: `
const KEYS_URL = 'https://pilotstatus.com.br/v1/api-keys';
export async function issue(parentKeyId: string) {
  return fetch(KEYS_URL, {
    method: 'POST',
    headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! },
    body: JSON.stringify({ parentKeyId, label: 'agency' }),
  });
}
`,
    errors: [{ messageId: 'childKey', line: 4, endLine: 8, data: endpoint('POST /v1/api-keys') }],
  },
  // the normalised base in another module, child keys of a key id in a template
  {
    code: `
import { PILOT_API } from './config';
export const children = (id: string) => fetch(\`\${PILOT_API}/api-keys/\${id}/children\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
`,
    errors: [{ messageId: 'subKeyApi', line: 3, data: endpoint('GET /v1/api-keys/{…}/children') }],
  },
  // instances with a prefix from another module
  {
    code: `
import { pilotGot, pilotKy, pilotAxios } from './clients';
await pilotGot.get('api-keys', { searchParams: { type: 'child' } }).json();
await pilotKy.delete(\`api-keys/\${id}\`);
await pilotAxios.post('/api-keys', { label: 'shop' });
`,
    errors: [
      { messageId: 'subKeyApi', line: 3, data: endpoint('GET /v1/api-keys') },
      { messageId: 'subKeyApi', line: 4, data: endpoint('DELETE /v1/api-keys/{…}') },
      { messageId: 'subKeyApi', line: 5, data: endpoint('POST /v1/api-keys') },
    ],
  },
  // through a wrapper that takes the path: reported at the call that writes it
  {
    code: `
import { request } from './transport';
export async function revoke(keyId: string) {
  await request('DELETE', \`/api-keys/\${encodeURIComponent(keyId)}\`, process.env.PILOTSTATUS_API_KEY!);
}
`,
    errors: [{ messageId: 'subKeyApi', line: 4, data: endpoint('DELETE /v1/api-keys/{…}') }],
  },
  // a class's private transport: the method that writes the path is where it is reported
  {
    code: `
import { PILOT_API } from './config';
export class Keys {
  #key = process.env.PILOTSTATUS_API_KEY!;
  async #request(method: string, path: string) {
    return fetch(\`\${PILOT_API}\${path}\`, { method, headers: { 'x-api-key': this.#key } });
  }
  list() {
    return this.#request('GET', '/api-keys');
  }
  create(parentKeyId: string) {
    return this.#request('POST', \`/api-keys?parent=\${parentKeyId}\`);
  }
}
`,
    errors: [
      { messageId: 'subKeyApi', line: 9, data: endpoint('GET /v1/api-keys') },
      { messageId: 'subKeyApi', line: 12, data: endpoint('POST /v1/api-keys') },
    ],
  },
  // a fetch wrapper whose only caller passes the path: the call is reported, not the wrapper's fetch
  {
    code: `
const BASE = 'https://pilotstatus.com.br/v1';
async function pilotFetch(path: string, init: { method?: string } = {}) {
  return fetch(\`\${BASE}\${path}\`, { ...init, headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
}
export const createKey = () => pilotFetch('/api-keys', { method: 'POST' });
`,
    errors: [{ messageId: 'subKeyApi', line: 6, data: endpoint('POST /v1/api-keys') }],
  },
  // the commonest base: env or default, trailing slash cut, /v1 added when missing
  {
    code: `
let base = process.env.PILOT_STATUS_NATIVE_URL || 'https://pilotstatus.com.br';
base = base.replace(/\\/$/, '');
if (!base.endsWith('/v1')) base = \`\${base}/v1\`;
for (const attempt of [1, 2]) {
  const url = \`\${base}/api-keys\`;
  await fetch(url, { headers: { 'x-api-key': process.env.PILOT_STATUS_API_KEY! } });
}
`,
    errors: [{ messageId: 'subKeyApi', line: 7, data: endpoint('GET /v1/api-keys') }],
  },
  // the SDK's key resource, beyond regenerate
  {
    code: `
import { PilotStatusClient } from '@pilot-status/sdk';
const client = new PilotStatusClient({ apiKey: process.env.PILOTSTATUS_API_KEY! });
await client.apiKeys.create({ label: 'child' });
`,
    errors: [{ messageId: 'subKeyApi', line: 4, data: endpoint('POST /v1/api-keys') }],
  },
  // GET on /regenerate is not the endpoint either
  {
    code: `
await fetch('https://pilotstatus.com.br/v1/api-keys/regenerate', { method: 'GET' });
`,
    errors: [{ messageId: 'subKeyApi', line: 2, data: endpoint('GET /v1/api-keys/regenerate') }],
  },
];

// A path known only from its literal type: what type information adds.
const typedPath = `
import { PILOT_API } from './config';
import { paths } from './paths';
export const list = () => fetch(\`\${PILOT_API}\${paths.list}\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
`;

runInBothModes(
  'no-sub-key-api',
  rule,
  {
    valid: valid.map((item) => ({ filename, ...(typeof item === 'string' ? { code: item } : item) })),
    invalid: invalid.map((item) => ({ filename, ...item })),
  },
  { invalid: [{ filename, code: typedPath, errors: [{ messageId: 'subKeyApi', line: 4, data: endpoint('GET /v1/api-keys') }] }] },
  { valid: [{ filename, code: typedPath }] },
);
