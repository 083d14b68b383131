import rule from '../../rules/no-bearer-auth.js';
import { runInBothModes } from '../support/cases.js';
import { typedFixture } from '../support/rule-tester.js';

const crossFile = typedFixture('requests/case.ts');

runInBothModes('no-bearer-auth', rule, {
  valid: [
    `
await fetch('https://pilotstatus.com.br/v1/messages/send', {
  method: 'POST',
  headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY, 'content-type': 'application/json' },
});
`,
    // Bearer to other vendors, next to PilotStatus calls, with the same parameter names
    `
await fetch('https://api.resend.com/emails', { headers: { Authorization: \`Bearer \${apiKey}\` } });
await fetch('https://api.groq.com/openai/v1/chat/completions', { headers: { authorization: 'Bearer ' + apiKey } });
`,
    // the Evolution-API layer has its own rules
    `
await fetch('https://pilotstatus.com.br/api/layer/evolution-v2/message/sendText', { headers: { Authorization: \`Bearer \${k}\` } });
`,
    // unknown URL: never reported
    `
await fetch(url, { headers: { Authorization: \`Bearer \${k}\` } });
`,
    {
      code: `
import { OTHER_API } from './endpoints';
await fetch(\`\${OTHER_API}/user\`, { headers: { Authorization: \`Bearer \${token}\` } });
`,
      filename: crossFile,
    },
  ],
  invalid: [
    {
      code: `
await fetch('https://pilotstatus.com.br/v1/messages/send', {
  method: 'POST',
  headers: { Authorization: \`Bearer \${process.env.PILOTSTATUS_API_KEY}\` },
});
`,
      errors: [{
        messageId: 'bearerAuth', line: 4, column: 14, endLine: 4,
        suggestions: [{ messageId: 'useApiKeyHeader', output: `
await fetch('https://pilotstatus.com.br/v1/messages/send', {
  method: 'POST',
  headers: { 'x-api-key': \`\${process.env.PILOTSTATUS_API_KEY}\` },
});
` }],
      }],
    },
    // normalised base URL and a headers object built away from the call
    {
      code: `
let base = process.env.PILOT_STATUS_NATIVE_URL || 'https://pilotstatus.com.br';
base = base.replace(/\\/$/, '');
if (!base.endsWith('/v1')) base = \`\${base}/v1\`;
const headers = { 'content-type': 'application/json', Authorization: 'Bearer ' + apiKey };
await fetch(\`\${base}/messages/send\`, { method: 'POST', headers });
`,
      errors: [{
        messageId: 'bearerAuth', line: 5, column: 55,
        suggestions: [{ messageId: 'useApiKeyHeader', output: `
let base = process.env.PILOT_STATUS_NATIVE_URL || 'https://pilotstatus.com.br';
base = base.replace(/\\/$/, '');
if (!base.endsWith('/v1')) base = \`\${base}/v1\`;
const headers = { 'content-type': 'application/json', 'x-api-key': \`\${apiKey}\` };
await fetch(\`\${base}/messages/send\`, { method: 'POST', headers });
` }],
      }],
    },
    // a headers record filled by bracket assignment; the value is not a literal shape we can rewrite
    {
      code: `
const headers: Record<string, string> = {};
const auth = \`Bearer \${key}\`;
headers['Authorization'] = auth;
await fetch('https://api.pilotstatus.online/v1/groups', { headers });
`,
      errors: [{ messageId: 'bearerAuth', line: 3, suggestions: [] }],
    },
    // axios instance defaults on a PilotStatus base URL, imported from another module
    {
      code: `
import axios from 'axios';
import { PILOT_API } from './endpoints';
const api = axios.create({ baseURL: PILOT_API });
api.defaults.headers.common.Authorization = \`Bearer \${process.env.PILOTSTATUS_API_KEY}\`;
`,
      filename: crossFile,
      errors: [{ messageId: 'bearerAuth', line: 5, suggestions: [] }],
    },
    // a headers object from another module: reported where the PilotStatus request uses it
    {
      code: `
import { PILOT_HEADERS } from './shared-headers';
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: PILOT_HEADERS });
`,
      filename: crossFile,
      errors: [{ messageId: 'bearerAuth', line: 3, column: 7, suggestions: [] }],
    },
    // the instance's own default headers
    {
      code: `
import axios from 'axios';
export const api = axios.create({
  baseURL: 'https://pilotstatus.com.br/v1',
  headers: { 'x-api-key': key, Authorization: \`Bearer \${key}\` },
});
`,
      errors: [{ messageId: 'bearerAuth', line: 5, column: 32, suggestions: [{ messageId: 'removeBearerHeader', output: `
import axios from 'axios';
export const api = axios.create({
  baseURL: 'https://pilotstatus.com.br/v1',
  headers: { 'x-api-key': key },
});
` }] }],
    },
    // a request interceptor that sets the header on every call
    {
      code: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://pilotstatus.com/v1' });
api.interceptors.request.use((config) => {
  config.headers.Authorization = 'Bearer ' + process.env.PILOTSTATUS_API_KEY;
  return config;
});
`,
      errors: [{ messageId: 'bearerAuth', line: 5, suggestions: [] }],
    },
    // an imported instance used with a Bearer header per call
    {
      code: `
import { pilot } from './client';
await pilot.post('/messages/send', body, { headers: { Authorization: \`Bearer \${key}\` } });
`,
      filename: crossFile,
      errors: [{ messageId: 'bearerAuth', line: 3, suggestions: [{ messageId: 'useApiKeyHeader', output: `
import { pilot } from './client';
await pilot.post('/messages/send', body, { headers: { 'x-api-key': \`\${key}\` } });
` }] }],
    },
    // CommonJS axios
    {
      code: `
const axios = require('axios');
axios.get('https://pilotstatus.com.br/v1/groups', { headers: { Authorization: 'Bearer ' + key } });
`,
      errors: [{ messageId: 'bearerAuth', line: 3, suggestions: [{ messageId: 'useApiKeyHeader', output: `
const axios = require('axios');
axios.get('https://pilotstatus.com.br/v1/groups', { headers: { 'x-api-key': \`\${key}\` } });
` }] }],
    },
    // node:https with an options object
    {
      code: `
import https from 'node:https';
https.request({ hostname: 'pilotstatus.com.br', path: '/v1/messages/send', method: 'POST', headers: { authorization: \`Bearer \${key}\` } });
`,
      errors: [{ messageId: 'bearerAuth', line: 3, suggestions: [{ messageId: 'useApiKeyHeader', output: `
import https from 'node:https';
https.request({ hostname: 'pilotstatus.com.br', path: '/v1/messages/send', method: 'POST', headers: { 'x-api-key': \`\${key}\` } });
` }] }],
    },
    // superagent chain
    {
      code: `
import superagent from 'superagent';
await superagent.post('https://pilotstatus.com.br/v1/messages/send').set('Authorization', \`Bearer \${key}\`).send(body);
`,
      errors: [{ messageId: 'bearerAuth', line: 3, suggestions: [] }],
    },
  ],
});
