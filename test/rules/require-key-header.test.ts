import rule from '../../rules/require-key-header.js';
import { runInBothModes } from '../support/cases.js';
import { typedFixture } from '../support/rule-tester.js';

const crossFile = typedFixture('requests/case.ts');

runInBothModes('require-key-header', rule, {
  valid: [
    `
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
`,
    `
await fetch('https://pilotstatus.com.br/v1/messages/abc', { headers: { 'X-API-KEY-ID': process.env.PILOTSTATUS_API_KEY_ID } });
`,
    // headers from elsewhere: unknown, never reported
    `
export async function send(headers: Record<string, string>) {
  return fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers });
}
`,
    `
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { ...authHeader(), 'content-type': 'application/json' } });
`,
    // a helper that returns either header, spread in
    `
function authHeader() {
  return process.env.PILOTSTATUS_API_KEY_ID ? { 'x-api-key-id': process.env.PILOTSTATUS_API_KEY_ID } : { 'x-api-key': process.env.PILOTSTATUS_API_KEY };
}
await fetch('https://pilotstatus.com.br/v1/groups', { headers: { ...authHeader(), accept: 'application/json' } });
`,
    // conditional spread of the key header
    `
const key = process.env.PILOTSTATUS_API_KEY;
await fetch('https://pilotstatus.com.br/v1/media', { headers: { accept: 'application/json', ...(key ? { 'x-api-key': key } : {}) } });
`,
    // remote pairing: end customers call it with a token in the path, no key
    `
await fetch(\`https://pilotstatus.com.br/v1/remote-pairing/\${token}/status\`, { headers: { accept: 'application/json' } });
`,
    // the Evolution-API layer uses its own apikey header
    `
await fetch('https://pilotstatus.com.br/api/layer/evolution-v2/message/sendText/inst', { method: 'POST', headers: { apikey: key } });
`,
    // not the API
    `
await fetch('https://pilotstatus.com.br/pricing', { headers: { accept: 'text/html' } });
await fetch('https://example.com/v1/messages/send', { method: 'POST', headers: {} });
`,
    // the SDK sets the header itself
    `
import { PilotStatusClient } from '@pilot-status/sdk';
const client = new PilotStatusClient({ apiKey: process.env.PILOTSTATUS_API_KEY });
await client.messages.send({ to, text });
`,
    // an instance with the key in its default headers, from another module
    {
      code: `
import { keyed } from './client';
await keyed.post('/messages/send', { to, text });
`,
      filename: crossFile,
    },
  ],
  invalid: [
    {
      code: `
await fetch('https://pilotstatus.com.br/v1/messages/send', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ to, text }),
});
`,
      errors: [{ messageId: 'missingKeyHeader', line: 2, column: 7, endLine: 6, data: { endpoint: 'POST /v1/messages/send' } }],
    },
    {
      code: `
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'X-Api-Token': process.env.PILOTSTATUS_API_KEY } });
`,
      errors: [{ messageId: 'lookAlikeHeader', line: 2, data: { endpoint: 'POST /v1/messages/send', header: 'X-Api-Token' } }],
    },
    {
      code: `
const url = \`https://pilotstatus.com.br/api/v1/messages/\${id}\`;
await fetch(url, { headers: { Authorization: \`Bearer \${key}\` } });
`,
      errors: [{ messageId: 'bearerInsteadOfKeyHeader', line: 3, data: { endpoint: 'GET /v1/messages/{…}' } }],
    },
    // the base URL is normalised and imported from another module; no headers at all
    {
      code: `
import { PILOT_API } from './endpoints';
export async function status(id: string) {
  return fetch(\`\${PILOT_API}/messages/\${encodeURIComponent(id)}\`);
}
`,
      filename: crossFile,
      errors: [{ messageId: 'missingKeyHeader', line: 4, data: { endpoint: 'GET /v1/messages/{…}' } }],
    },
    // the key in the query string does not authenticate
    {
      code: `
import https from 'node:https';
import { PILOT_HOSTNAME } from './endpoints';
const path = \`/v1/messages/\${ref}?key=\${process.env.PILOTSTATUS_API_KEY}\`;
https.get({ hostname: PILOT_HOSTNAME, path, headers: { accept: 'application/json' } }, (res) => res.resume());
`,
      filename: crossFile,
      errors: [{ messageId: 'missingKeyHeader', line: 5 }],
    },
    // CommonJS: axios and a local module through require()
    {
      code: `
const axios = require('axios');
const { PILOT_BASE } = require('./legacy-endpoints.cjs');
axios.post(\`\${PILOT_BASE}/messages/send\`, body, { headers: { 'Content-Type': 'application/json' } });
`,
      filename: crossFile,
      errors: [{ messageId: 'missingKeyHeader', line: 4, data: { endpoint: 'POST /v1/messages/send' } }],
    },
    // axios instance without a key, imported
    {
      code: `
import { pilot } from './client';
await pilot.post('/numbers', { name });
`,
      filename: crossFile,
      errors: [{ messageId: 'missingKeyHeader', line: 3, data: { endpoint: 'POST /v1/numbers' } }],
    },
    // a tsconfig `paths` alias (`#fixtures/*`): the module graph follows it without a program
    {
      code: `
import { PILOT_API as base } from '#fixtures/requests/endpoints';
await fetch(\`\${base}/templates\`, { method: 'POST', headers: { 'content-type': 'application/json' } });
`,
      filename: crossFile,
      errors: [{ messageId: 'missingKeyHeader', line: 3, data: { endpoint: 'POST /v1/templates' } }],
    },
    // got with a prefixUrl and a look-alike header
    {
      code: `
import got from 'got';
const api = got.extend({ prefixUrl: 'https://pilotstatus.com.br/v1', headers: { 'api-key': key } });
await api.post('messages/send', { json: body });
`,
      errors: [{ messageId: 'lookAlikeHeader', line: 4, data: { endpoint: 'POST /v1/messages/send', header: 'api-key' } }],
    },
    // XMLHttpRequest
    {
      code: `
const xhr = new XMLHttpRequest();
xhr.open('POST', 'https://pilotstatus.com.br/v1/messages/send');
xhr.setRequestHeader('Content-Type', 'application/json');
xhr.send(body);
`,
      errors: [{ messageId: 'missingKeyHeader', line: 3 }],
    },
  ],
});
