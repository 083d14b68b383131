/**
 * Request hooks and instance configuration (issue 13 item 1): headers set by axios interceptors and
 * defaults, ky and got `hooks.beforeRequest` and ofetch `onRequest` belong to every request of the
 * instance. Bearer is reported where the hook sets it; a key header set there satisfies the
 * instance's requests; an instance whose hooks set no key header is missing it at its requests; an
 * axios error of such a keyed instance carries the key in `err.config`.
 */
import noBearerAuth from '../../rules/no-bearer-auth.js';
import noKeyLogging from '../../rules/no-key-logging.js';
import requireKeyHeader from '../../rules/require-key-header.js';
import { runInBothModes } from '../support/cases.js';

const base = "const PILOT_API = 'https://pilotstatus.com.br/v1';\ndeclare const PILOTSTATUS_NUMBER_KEY: string;";

runInBothModes('no-bearer-auth (request hooks)', noBearerAuth, {
  valid: [
    // a Bearer hook on another vendor's instance
    `
import axios from 'axios';
declare const TOKEN: string;
const crm = axios.create({ baseURL: 'https://api.crm.example.org/v2' });
crm.interceptors.request.use((config) => { config.headers.Authorization = \`Bearer \${TOKEN}\`; return config; });
`,
  ],
  invalid: [
    {
      code: `
import axios from 'axios';
${base}
const reports = axios.create({ baseURL: \`\${PILOT_API}/analytics\` });
reports.interceptors.request.use((config) => {
  config.headers.set('Authorization', \`Bearer \${PILOTSTATUS_NUMBER_KEY}\`);
  return config;
});
await reports.get('/overview');
`,
      errors: [{ messageId: 'bearerAuth', line: 7 }],
    },
    {
      code: `
import ky from 'ky';
${base}
export const templates = ky.create({
  prefixUrl: PILOT_API,
  headers: { 'x-api-key': PILOTSTATUS_NUMBER_KEY },
  hooks: { beforeRequest: [(request) => { request.headers.set('Authorization', \`Bearer \${PILOTSTATUS_NUMBER_KEY}\`); }] },
});
`,
      errors: [{ messageId: 'bearerAuth', line: 8 }],
    },
    {
      code: `
import got from 'got';
${base}
export const pilot = got.extend({
  prefixUrl: PILOT_API,
  hooks: { beforeRequest: [(options) => { options.headers.authorization = 'Bearer ' + PILOTSTATUS_NUMBER_KEY; }] },
});
`,
      errors: [{ messageId: 'bearerAuth', line: 7 }],
    },
    {
      code: `
import { ofetch } from 'ofetch';
${base}
export const api = ofetch.create({
  baseURL: PILOT_API,
  onRequest({ options }) { options.headers.set('Authorization', \`Bearer \${PILOTSTATUS_NUMBER_KEY}\`); },
});
`,
      errors: [{ messageId: 'bearerAuth', line: 7 }],
    },
  ],
});

runInBothModes('require-key-header (request hooks)', requireKeyHeader, {
  valid: [
    // the interceptor adds the key to every request
    `
import axios from 'axios';
${base}
const messaging = axios.create({ baseURL: PILOT_API });
messaging.interceptors.request.use((config) => { config.headers.set('x-api-key', PILOTSTATUS_NUMBER_KEY); return config; });
await messaging.post('/messages/send', { recipient: '5511999999999', message: 'hi' });
`,
    // defaults set on the instance
    `
import axios from 'axios';
${base}
const messaging = axios.create({ baseURL: PILOT_API });
messaging.defaults.headers.common['x-api-key'] = PILOTSTATUS_NUMBER_KEY;
await messaging.post('/messages/send', { recipient: '5511999999999', message: 'hi' });
`,
    // a hook the model cannot read leaves the instance open: no report
    `
import axios from 'axios';
${base}
declare function addAuth(config: unknown): unknown;
const messaging = axios.create({ baseURL: PILOT_API });
messaging.interceptors.request.use(addAuth as never);
await messaging.post('/messages/send', { recipient: '5511999999999', message: 'hi' });
`,
  ],
  invalid: [
    {
      code: `
import axios from 'axios';
${base}
const reports = axios.create({ baseURL: \`\${PILOT_API}/analytics\` });
reports.interceptors.request.use((config) => { config.headers.Authorization = \`Bearer \${PILOTSTATUS_NUMBER_KEY}\`; return config; });
await reports.get('/overview');
`,
      errors: [{ messageId: 'bearerInsteadOfKeyHeader', line: 7 }],
    },
  ],
});

runInBothModes('no-key-logging (request hooks)', noKeyLogging, {
  valid: [
    // no interceptor sets a key: the error's config holds none
    `
import axios from 'axios';
${base}
const open = axios.create({ baseURL: PILOT_API });
try { await open.get('/health'); } catch (err) { console.error(err); }
`,
  ],
  invalid: [
    {
      code: `
import axios from 'axios';
${base}
const messaging = axios.create({ baseURL: PILOT_API });
messaging.interceptors.request.use((config) => { config.headers.set('x-api-key', PILOTSTATUS_NUMBER_KEY); return config; });
try {
  await messaging.post('/messages/send', { recipient: '5511999999999', message: 'hi' });
} catch (err) {
  console.error('send failed', err);
}
`,
      errors: [{ messageId: 'keyLogged', line: 10 }],
    },
  ],
});
