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
import { typedFixture } from '../support/rule-tester.js';

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
    // an interceptor that hands the headers to a call (which may write them): no report
    `
import axios from 'axios';
${base}
declare function authHeaders(): Record<string, string>;
const messaging = axios.create({ baseURL: PILOT_API });
messaging.interceptors.request.use((config) => { Object.assign(config.headers, authHeaders()); return config; });
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

// ——— instance configuration in another module than the one that creates or sends ———
// Fixture apps: `apps/axios-defaults/src/http.ts` creates the instances, `setup.ts` sets their
// defaults and interceptors, `decoy.ts` writes look-alike defaults on other objects;
// `apps/axios-global/src/main.ts` sets the default axios instance's key header.
const defaultsApp = typedFixture('apps/axios-defaults/src/case.ts');
const globalApp = typedFixture('apps/axios-global/src/case.ts');
const message = "{ recipient: '5511999999999', message: 'hi' }";

runInBothModes('require-key-header (instance configured in another module)', requireKeyHeader, {
  valid: [
    // setup.ts: api.defaults.headers.common['x-api-key'] = …
    { code: `import { api } from './http';\nawait api.post('/messages/send', ${message});\n`, filename: defaultsApp },
    // setup.ts: hooked.interceptors.request.use((config) => { config.headers['x-api-key'] = …; return config; })
    { code: `import { hooked } from './http';\nawait hooked.post('/messages/send', ${message});\n`, filename: defaultsApp },
    // the sending module sets the defaults of the imported instance itself
    {
      code: `import { bare } from './http';\nbare.defaults.headers.common['x-api-key'] = process.env.PILOTSTATUS_API_KEY!;\nawait bare.post('/messages/send', ${message});\n`,
      filename: defaultsApp,
    },
    // … or installs the interceptor itself
    {
      code: `import { bare } from './http';\nbare.interceptors.request.use((config) => { config.headers.set('x-api-key', process.env.PILOTSTATUS_API_KEY!); return config; });\nawait bare.get('/messages/abc');\n`,
      filename: defaultsApp,
    },
    // setup.ts: named.interceptors.request.use(attachKey), `attachKey` a function declared there
    { code: `import { named } from './http';\nawait named.get('/groups');\n`, filename: defaultsApp },
    // setup.ts installs an interceptor the analysis cannot read: the headers stay open
    { code: `import { opaque } from './http';\nawait opaque.post('/messages/send', ${message});\n`, filename: defaultsApp },
    // main.ts: axios.defaults.headers.common['x-api-key'] = … keys every request of the default instance
    { code: `import axios from 'axios';\nawait axios.post('https://api.pilotstatus.com.br/v1/messages/send', ${message});\n`, filename: globalApp },
  ],
  invalid: [
    // decoy.ts keys a local instance that is also called `bare`, not this one
    {
      code: `import { bare } from './http';\nawait bare.post('/messages/send', ${message});\n`,
      filename: defaultsApp,
      errors: [{ messageId: 'missingKeyHeader', line: 2, data: { endpoint: 'POST /v1/messages/send' } }],
    },
    // setup.ts gives the instance only a Bearer default
    {
      code: `import { bearerApi } from './http';\nawait bearerApi.get('/messages/abc');\n`,
      filename: defaultsApp,
      errors: [{ messageId: 'bearerInsteadOfKeyHeader', line: 2, data: { endpoint: 'GET /v1/messages/abc' } }],
    },
    // the default instance of this app gets no key: decoy.ts keys other objects (an instance, a plain object)
    {
      code: `import axios from 'axios';\nawait axios.post('https://api.pilotstatus.com.br/v1/messages/send', ${message});\n`,
      filename: defaultsApp,
      errors: [{ messageId: 'missingKeyHeader', line: 2, data: { endpoint: 'POST /v1/messages/send' } }],
    },
  ],
});

runInBothModes('no-bearer-auth (instance configured in another module)', noBearerAuth, {
  valid: [
    // the Bearer default is set in setup.ts and reported there, not at each request
    { code: `import { bearerApi } from './http';\nawait bearerApi.get('/messages/abc');\n`, filename: defaultsApp },
    // another vendor's instance, imported
    {
      code: `import { crm } from './decoy';\ncrm.defaults.headers.common.Authorization = \`Bearer \${process.env.CRM_TOKEN}\`;\ncrm.interceptors.request.use((config) => { config.headers.set('Authorization', \`Bearer \${process.env.CRM_TOKEN}\`); return config; });\n`,
      filename: defaultsApp,
    },
    // the default axios instance serves every host: its Bearer default names no PilotStatus target here
    { code: `import axios from 'axios';\naxios.defaults.headers.common.Authorization = \`Bearer \${process.env.CRM_TOKEN}\`;\n`, filename: defaultsApp },
  ],
  invalid: [
    // the setup module writes a Bearer default on an imported PilotStatus instance: reported there
    {
      code: `import { bearerApi } from './http';\nbearerApi.defaults.headers.common.Authorization = \`Bearer \${process.env.PILOTSTATUS_API_KEY}\`;\n`,
      filename: defaultsApp,
      errors: [{ messageId: 'bearerAuth', line: 2, suggestions: [] }],
    },
    // the defaults replaced as a whole object, in the module that sends
    {
      code: `import { bearerApi } from './http';\nbearerApi.defaults.headers.common = { Accept: 'application/json', Authorization: \`Bearer \${process.env.PILOTSTATUS_API_KEY}\` };\nawait bearerApi.get('/groups');\n`,
      filename: defaultsApp,
      errors: [{
        messageId: 'bearerAuth',
        line: 2,
        suggestions: [{ messageId: 'useApiKeyHeader', output: `import { bearerApi } from './http';\nbearerApi.defaults.headers.common = { Accept: 'application/json', 'x-api-key': \`\${process.env.PILOTSTATUS_API_KEY}\` };\nawait bearerApi.get('/groups');\n` }],
      }],
    },
    // a setup module that only installs an interceptor (no request here): reported at the `.set`
    {
      code: `import { hooked } from './http';\nhooked.interceptors.request.use((config) => {\n  config.headers.set('Authorization', \`Bearer \${process.env.PILOTSTATUS_API_KEY}\`);\n  return config;\n});\n`,
      filename: defaultsApp,
      errors: [{ messageId: 'bearerAuth', line: 3, column: 18, suggestions: [] }],
    },
    // … or one that replaces the headers object: reported at its `Authorization` property
    {
      code: `import { hooked } from './http';\nhooked.interceptors.request.use((config) => {\n  config.headers = { ...config.headers, Authorization: 'Bearer ' + process.env.PILOTSTATUS_API_KEY };\n  return config;\n});\n`,
      filename: defaultsApp,
      errors: [{
        messageId: 'bearerAuth',
        line: 3,
        column: 41,
        suggestions: [{ messageId: 'useApiKeyHeader', output: `import { hooked } from './http';\nhooked.interceptors.request.use((config) => {\n  config.headers = { ...config.headers, 'x-api-key': \`\${process.env.PILOTSTATUS_API_KEY}\` };\n  return config;\n});\n` }],
      }],
    },
    // an interceptor installed on an imported instance: reported at the `.set` that writes it, once
    {
      code: `import { api } from './http';\napi.interceptors.request.use((config) => {\n  config.headers.set('Authorization', \`Bearer \${process.env.PILOTSTATUS_API_KEY}\`);\n  return config;\n});\nawait api.get('/messages/abc');\n`,
      filename: defaultsApp,
      errors: [{ messageId: 'bearerAuth', line: 3, suggestions: [] }],
    },
  ],
});

runInBothModes('no-key-logging (instance configured in another module)', noKeyLogging, {
  valid: [],
  invalid: [
    // the sending module keys the imported instance: a failed request's error carries the key in `err.config`
    // (a key set only in setup.ts does not reach this rule: its pre-filter wants a key source in the
    // module or its imports, and setup.ts is neither)
    {
      code: `import { bare } from './http';\nbare.defaults.headers.common['x-api-key'] = process.env.PILOTSTATUS_API_KEY!;\ntry {\n  await bare.post('/messages/send', ${message});\n} catch (err) {\n  console.error('send failed', err);\n}\n`,
      filename: defaultsApp,
      errors: [{ messageId: 'keyLogged', line: 6 }],
    },
  ],
});

// ——— an instance extending an instance made in another module ———
// `apps/ky-extend/src/http.ts` makes ky and got instances with the PilotStatus prefix and no key.
const extendApp = typedFixture('apps/ky-extend/src/case.ts');
const kyExtension = `import { api } from './http';
const authed = api.extend({
  hooks: { beforeRequest: [(request) => { request.headers.set('x-api-key', process.env.PILOTSTATUS_API_KEY ?? ''); }] },
});
`;

runInBothModes('require-key-header (an instance extending one made elsewhere)', requireKeyHeader, {
  valid: [
    // the extension's hook sends the key header; the prefix comes from the instance it extends
    { code: `${kyExtension}await authed.post('messages/send', { json: { to: '5511999999999' } });\n`, filename: extendApp },
    // got: the extension's own headers
    {
      code: `import { gotApi } from './http';\nconst keyed = gotApi.extend({ headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY ?? '' } });\nawait keyed.get('messages/abc');\n`,
      filename: extendApp,
    },
  ],
  invalid: [
    // the base instance itself never gets the key
    {
      code: `${kyExtension}await api.post('messages/send', { json: { to: '5511999999999' } });\n`,
      filename: extendApp,
      errors: [{ messageId: 'missingKeyHeader', line: 5, data: { endpoint: 'POST /v1/messages/send' } }],
    },
  ],
});

runInBothModes('no-bearer-auth (an instance extending one made elsewhere)', noBearerAuth, {
  valid: [],
  invalid: [
    // a Bearer header in the extension's own options, on the PilotStatus prefix it inherits
    {
      code: `import { gotApi } from './http';\nexport const reports = gotApi.extend({ headers: { Authorization: \`Bearer \${process.env.PILOTSTATUS_API_KEY}\` } });\n`,
      filename: extendApp,
      errors: [{
        messageId: 'bearerAuth',
        line: 2,
        suggestions: [{ messageId: 'useApiKeyHeader', output: `import { gotApi } from './http';\nexport const reports = gotApi.extend({ headers: { 'x-api-key': \`\${process.env.PILOTSTATUS_API_KEY}\` } });\n` }],
      }],
    },
  ],
});
