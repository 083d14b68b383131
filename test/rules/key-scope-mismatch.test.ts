import { Linter } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import type { InvalidTestCase, RuleTester, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/key-scope-mismatch.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { createRuleTester, createTypedRuleTester, typedFixture } from '../support/rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

// Every case is linted as a module of the fixture project, so `./helpers`, `./gateway`… resolve in both modes.
const filename = typedFixture('scope/case.ts');

const normalisedBase = `
let base = process.env.PILOT_STATUS_NATIVE_URL || 'https://pilotstatus.com.br';
base = base.replace(/\\/$/, '');
if (!base.endsWith('/v1')) base = \`\${base}/v1\`;`;

const shared: { valid: Valid[]; invalid: Invalid[] } = {
  valid: [
    // the same factory and gateway with the number-scoped key
    {
      code: `
import axios from 'axios';
import { PilotStatusClient } from '@pilot-status/sdk';
export function createApi(key: string) {
  const http = axios.create({ baseURL: 'https://pilotstatus.com.br/v1', headers: { 'x-api-key': key } });
  return { send: (to: string) => http.post('/messages/send', { to }) };
}
const api = createApi(process.env.PILOTSTATUS_NUMBER_KEY!);
export const run = () => api.send('1');
class Gateway {
  private client: PilotStatusClient;
  constructor(apiKey: string) {
    this.client = new PilotStatusClient({ apiKey });
  }
  send(to: string) { return this.client.messages.send({ to, text: 'hi' }); }
}
export const runGateway = () => new Gateway(process.env.PILOTSTATUS_NUMBER_KEY!).send('1');
`,
    },
    // tenant key on the number lifecycle endpoints: the right scope
    {
      code: `
const tenantKey = process.env.PILOTSTATUS_TENANT_KEY ?? '';
await fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': tenantKey } });
await fetch(\`https://pilotstatus.com.br/v1/numbers/\${id}/status\`, { headers: { 'x-api-key': tenantKey } });
await fetch('https://pilotstatus.com.br/v1/remote-pairing', { method: 'POST', headers: { 'x-api-key-id': process.env.PILOTSTATUS_TENANT_KEY_ID } });
`,
    },
    // number key on per-number endpoints
    {
      code: `${normalisedBase}
const shopNumberKey = process.env.PILOTSTATUS_SHOP_NUMBER_KEY;
await fetch(\`\${base}/messages/send\`, { method: 'POST', headers: { 'x-api-key': shopNumberKey } });
await fetch(\`\${base}/messages/\${messageId}\`, { headers: { 'x-api-key': shopNumberKey } });
`,
    },
    // unknown scope: a neutral name on one kind of endpoint is never reported
    {
      code: `
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
await fetch('https://pilotstatus.com.br/v1/webhooks', { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
`,
    },
    // unknown path, another API of the host, the Evolution-API compatibility layer
    {
      code: `
const tenantKey = process.env.PILOTSTATUS_TENANT_KEY;
await fetch(url, { headers: { 'x-api-key': tenantKey } });
await fetch(\`https://pilotstatus.com.br/v1/\${resource}\`, { headers: { 'x-api-key': tenantKey } });
await fetch('https://pilotstatus.com.br/health', { headers: { 'x-api-key': tenantKey } });
await fetch('https://pilotstatus.com.br/api/layer/evolution-v2/message/sendText/main', { headers: { apikey: tenantKey, 'x-api-key': tenantKey } });
await fetch('https://api.example.com/v1/messages/send', { headers: { 'x-api-key': tenantKey } });
`,
    },
    // app-level "tenant" words are not key scopes
    {
      code: `
const tenant = await tenantProvider(account);
const cacheKey = \`tenant:\${tenant.id}\`;
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': tenant.apiKey, 'x-cache': cacheKey } });
await fetch(\`https://pilotstatus.com.br/v1/messages/send?tenant=\${tenant.id}\`, { headers: { 'x-api-key': tenantApi.key } });
`,
    },
    // end-customer pairing route: a token in the path, no key header
    {
      code: `
await fetch(\`https://pilotstatus.com.br/v1/remote-pairing/\${pairingToken}\`, { method: 'POST', body: JSON.stringify({ code }) });
`,
    },
    // the preferred option of the fallback chain is neutral: unknown scope
    {
      code: `
const key = process.env.PILOTSTATUS_API_KEY || process.env.PILOTSTATUS_TENANT_KEY;
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });
`,
    },
    // branches that disagree: unknown scope
    {
      code: `
const key = admin ? process.env.PILOTSTATUS_TENANT_KEY : process.env.PILOTSTATUS_NUMBER_KEY;
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });
`,
    },
    // a wrapper taking path and key: its own fetch is judged at the call sites, which are right here
    {
      code: `${normalisedBase}
async function pilotstatus(path: string, key: string) {
  return fetch(\`\${base}\${path}\`, { headers: { 'x-api-key': key } });
}
await pilotstatus('/numbers', process.env.PILOTSTATUS_TENANT_KEY);
await pilotstatus('/messages/send', process.env.PILOTSTATUS_NUMBER_KEY);
`,
    },
    // imported wrappers and a client class used with the right keys
    {
      code: `
import { pilotstatus, pilotCall } from './helpers';
import { PilotClient } from './pilot-client';
await pilotstatus('/numbers', process.env.PILOTSTATUS_TENANT_KEY ?? '');
await pilotCall({ route: '/templates', key: process.env.PILOTSTATUS_LINE_NUMBER_KEY ?? '', body: {} });
const admin = new PilotClient(process.env.PILOTSTATUS_TENANT_KEY ?? '');
await admin.listNumbers();
const line = new PilotClient(process.env.PILOTSTATUS_NUMBER_KEY ?? '');
await line.sendMessage('+5511999990000', 'ready');
`,
    },
    // the vendor SDK and an axios instance, each with the right scope
    {
      code: `
import axios from 'axios';
import { PilotStatusClient } from '@pilot-status/sdk';
const sdk = new PilotStatusClient({ apiKey: process.env.PILOTSTATUS_NUMBER_KEY ?? '' });
await sdk.messages.send({ recipient, message });
const admin = axios.create({ baseURL: 'https://pilotstatus.com.br/v1', headers: { 'x-api-key': process.env.PILOTSTATUS_TENANT_KEY } });
await admin.get('/numbers');
`,
    },
    // types decide over names: the neutral `hqKey` is a tenant key on /v1/numbers (silent either way)
    {
      code: `
import { Gateway } from './gateway';
import type { HeadOfficeConfig } from './config';
export class Lines {
  constructor(private readonly gateway: Gateway, private readonly config: HeadOfficeConfig) {}
  overview() {
    return this.gateway.perform('GET', '/v1/numbers', this.config.hqKey);
  }
}
`,
    },
    // a key typed as either scope is never reported
    {
      code: `
import type { AnyScopedKey } from './key-types';
export async function send(key: AnyScopedKey) {
  await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });
}
`,
    },
    // consistency is off by option
    {
      code: `
const key = process.env.PILOTSTATUS_API_KEY;
await fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': key } });
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });
`,
      options: [{ checkConsistency: false }],
    },
    // wrappers are not followed with wrapperDepth 0
    {
      code: `
import { pilotstatus } from './helpers';
await pilotstatus('/messages/send', process.env.PILOTSTATUS_TENANT_KEY ?? '');
`,
      options: [{ wrapperDepth: 0 }],
    },
  ],
  invalid: [
    // factories: the key enters at the factory call, the path is decided in what it returns (an object
    // of methods, a closure over an axios instance); reported once, at the factory call
    {
      code: `
import axios from 'axios';
export function createApi(key: string) {
  const http = axios.create({ baseURL: 'https://pilotstatus.com.br/v1', headers: { 'x-api-key': key } });
  return { send: (to: string) => http.post('/messages/send', { to }) };
}
export function createSender(key: string) {
  return (to: string) => axios.post('https://pilotstatus.com.br/v1/messages/send', { to }, { headers: { 'x-api-key': key } });
}
const api = createApi(process.env.PILOTSTATUS_TENANT_KEY!);
const send = createSender(process.env.PILOTSTATUS_TENANT_KEY!);
export const run = () => [api.send('1'), send('2')];
`,
      errors: [
        { messageId: 'tenantKeyOnNumberEndpoint', line: 10, column: 13, data: { key: '`process.env.PILOTSTATUS_TENANT_KEY!`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' } },
        { messageId: 'tenantKeyOnNumberEndpoint', line: 11, column: 14, data: { key: '`process.env.PILOTSTATUS_TENANT_KEY!`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' } },
      ],
    },
    // the SDK client built in a constructor from its parameter
    {
      code: `
import { PilotStatusClient } from '@pilot-status/sdk';
class Gateway {
  private client: PilotStatusClient;
  constructor(apiKey: string) {
    this.client = new PilotStatusClient({ apiKey });
  }
  send(to: string) { return this.client.messages.send({ to, text: 'hi' }); }
}
const gateway = new Gateway(process.env.PILOTSTATUS_TENANT_KEY!);
export const run = () => gateway.send('1');
`,
      errors: [{ messageId: 'tenantKeyOnNumberEndpoint', line: 11, column: 26, data: { key: '`apiKey`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' } }],
    },
    // names: the env var says tenant, the path is per-number
    {
      code: `
await fetch('https://pilotstatus.com.br/v1/messages/send', {
  method: 'POST',
  headers: { 'x-api-key': process.env.PILOTSTATUS_TENANT_KEY },
});
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 2, column: 7, endLine: 5,
        data: { key: '`process.env.PILOTSTATUS_TENANT_KEY`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' },
      }],
    },
    // the commonest real defect: a normalised base URL, an env fallback chain preferring the tenant key
    {
      code: `${normalisedBase}
const apiKey = process.env.EVOLUTION_TENANT_KEY || process.env.PILOT_STATUS_API_KEY || process.env.WHATSAPP_API_KEY;
const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };
await fetch(\`\${base}/messages/send\`, { method: 'POST', headers, body: JSON.stringify({ recipient, message }) });
await fetch(\`\${base}/webhooks\`, { headers });
await fetch(\`\${base}/numbers\`, { headers });
`,
      errors: [
        {
          messageId: 'tenantKeyOnNumberEndpoint', line: 7, column: 7, endLine: 7,
          data: { key: '`apiKey`', evidence: 'the environment variable `EVOLUTION_TENANT_KEY`, first in its fallback chain and so sent whenever it is set', endpoint: 'POST /v1/messages/send' },
        },
        {
          messageId: 'tenantKeyOnNumberEndpoint', line: 8, column: 7, endLine: 8,
          data: { key: '`apiKey`', evidence: 'the environment variable `EVOLUTION_TENANT_KEY`, first in its fallback chain and so sent whenever it is set', endpoint: 'GET /v1/webhooks' },
        },
      ],
    },
    // a number key (by name, through a const chain) on a tenant-only endpoint
    {
      code: `
const PS = 'https://pilotstatus.com.br/v1';
const lineNumberKey = process.env.PILOTSTATUS_SHOP_NUMBER_KEY ?? '';
const shopLineKey = lineNumberKey;
export async function lineHealth(lineId: string) {
  const response = await fetch(\`\${PS}/numbers/\${encodeURIComponent(lineId)}/status\`, {
    headers: { accept: 'application/json', 'x-api-key': shopLineKey },
  });
  return response.json();
}
`,
      errors: [{
        messageId: 'numberKeyOnTenantEndpoint', line: 6, column: 26, endLine: 8,
        data: { key: '`shopLineKey`', evidence: 'the environment variable `PILOTSTATUS_SHOP_NUMBER_KEY`', endpoint: 'GET /v1/numbers/{…}/status' },
      }],
    },
    // a key-like identifier names the scope; templates with parameters and new URL(path, base)
    {
      code: `
const { tenantKey } = loadEnv();
const API = 'https://pilotstatus.com.br';
export async function cancel(id: string) {
  await fetch(new URL(\`/v1/messages/\${id}/cancel\`, API), { method: 'POST', headers: { 'x-api-key': tenantKey } });
}
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 5, column: 9, endLine: 5,
        data: { key: '`tenantKey`', evidence: 'the name `tenantKey`', endpoint: 'POST /v1/messages/{…}/cancel' },
      }],
    },
    // JSDoc tag on the declaration, with a neutral env name
    {
      code: `
/** Generated under Profile → API. @pilotstatusScope tenant */
const platformKey = process.env.PILOTSTATUS_API_KEY;
await fetch('https://pilotstatus.com.br/v1/templates', { method: 'POST', headers: { 'x-api-key': platformKey } });
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 4, column: 7, endLine: 4,
        data: { key: '`platformKey`', evidence: 'its `@pilotstatusScope tenant` tag', endpoint: 'POST /v1/templates' },
      }],
    },
    // a JSDoc tag in another module
    {
      code: `
import { platformCredential } from './tagged-keys';
await fetch('https://pilotstatus.com.br/v1/media', { headers: { 'x-api-key': platformCredential } });
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 3, column: 7, endLine: 3,
        data: { key: '`platformCredential`', evidence: 'its `@pilotstatusScope tenant` tag', endpoint: 'GET /v1/media' },
      }],
    },
    // a local pilotstatus(path, key) helper: reported at the call where path and key meet, not inside
    {
      code: `${normalisedBase}
async function pilotstatus(path: string, key: string) {
  return fetch(\`\${base}\${path}\`, { headers: { 'x-api-key': key } });
}
const tenantKey = process.env.PILOTSTATUS_TENANT_KEY;
await pilotstatus('/numbers', tenantKey);
await pilotstatus('/messages/send', tenantKey);
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 10, column: 7, endLine: 10,
        data: { key: '`tenantKey`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'GET /v1/messages/send' },
      }],
    },
    // imported wrappers: pilotstatus(path, key, init) and pilotCall({ route, key })
    {
      code: `
import { pilotstatus, pilotCall } from './helpers';
const hqTenantKey = process.env.PILOTSTATUS_HQ_TENANT_KEY ?? '';
await pilotstatus('/messages/send', hqTenantKey, { method: 'POST', body: JSON.stringify({ recipient, message }) });
await pilotCall({
  route: '/numbers',
  key: process.env.PILOTSTATUS_SHOP_NUMBER_KEY ?? '',
});
`,
      errors: [
        {
          messageId: 'tenantKeyOnNumberEndpoint', line: 4, column: 7, endLine: 4,
          data: { key: '`hqTenantKey`', evidence: 'the environment variable `PILOTSTATUS_HQ_TENANT_KEY`', endpoint: 'POST /v1/messages/send' },
        },
        {
          messageId: 'numberKeyOnTenantEndpoint', line: 5, column: 7, endLine: 8,
          data: { key: '`process.env.PILOTSTATUS_SHOP_NUMBER_KEY ?? \'\'`', evidence: 'the environment variable `PILOTSTATUS_SHOP_NUMBER_KEY`', endpoint: '/v1/numbers' },
        },
      ],
    },
    // one key per instance: a destructured constructor parameter into a #private field; judged where the instance is built
    {
      code: `
class PilotLine {
  readonly #apiKey: string;
  constructor({ apiKey, label = 'line' }: { apiKey: string; label?: string }) {
    this.#apiKey = apiKey;
  }
  numbers() { return fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': this.#apiKey } }); }
  send(to: string) { return fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': this.#apiKey }, body: JSON.stringify({ to }) }); }
}
const onboarding = new PilotLine({ apiKey: process.env.PILOTSTATUS_TENANT_KEY!, label: 'onboarding' });
await onboarding.numbers();
await onboarding.send('+5511999990000');
const sales = new PilotLine({ apiKey: process.env.PILOTSTATUS_NUMBER_KEY! });
await sales.send('+5511999990000');
`,
      errors: [{ messageId: 'tenantKeyOnNumberEndpoint', line: 12, data: { key: '`this.#apiKey`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' } }],
    },
    // a client class in another module: #apiKey from the constructor, a #request transport
    {
      code: `
import { PilotClient } from './pilot-client';
const client = new PilotClient(process.env.PILOTSTATUS_TENANT_KEY ?? '');
await client.listNumbers();
await client.sendMessage('+5511999990000', 'Your order shipped');
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 5, column: 7, endLine: 5,
        data: { key: '`process.env.PILOTSTATUS_TENANT_KEY`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' },
      }],
    },
    // a class holding the key in a field: the transport's path comes from the method call
    {
      code: `
class Notifier {
  private readonly key = process.env.PILOTSTATUS_TENANT_KEY;
  private readonly base = 'https://pilotstatus.com.br/v1';
  private async call(path: string, body: unknown) {
    return fetch(this.base + path, { method: 'POST', headers: { 'x-api-key': this.key }, body: JSON.stringify(body) });
  }
  notify(recipient: string, message: string) {
    return this.call('/messages/send', { recipient, message });
  }
  connect(phone: string) {
    return this.call('/numbers', { phone });
  }
}
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 9, column: 12, endLine: 9,
        data: { key: '`this.key`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' },
      }],
    },
    // an object of methods taking the key
    {
      code: `
const pilot = {
  async call(path: string, key: string) {
    return fetch(\`https://pilotstatus.com.br/v1\${path}\`, { headers: { 'x-api-key': key } });
  },
};
await pilot.call('/analytics/overview', process.env.PILOTSTATUS_TENANT_KEY);
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 7, column: 7, endLine: 7,
        data: { key: '`process.env.PILOTSTATUS_TENANT_KEY`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'GET /v1/analytics/overview' },
      }],
    },
    // an axios instance created with the tenant key in its default headers, later used to send a message
    {
      code: `
import axios from 'axios';
const pilotApi = axios.create({
  baseURL: 'https://pilotstatus.com.br/v1',
  headers: { 'x-api-key': process.env.PILOTSTATUS_TENANT_KEY },
});
await pilotApi.get('/numbers');
await pilotApi.post('/messages/send', { recipient, message });
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 8, column: 7, endLine: 8,
        data: { key: '`process.env.PILOTSTATUS_TENANT_KEY`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' },
      }],
    },
    // the SDK built with a tenant key, then asked to send a message
    {
      code: `
import { PilotStatusClient } from '@pilot-status/sdk';
const pilot = new PilotStatusClient({ apiKey: process.env.PILOTSTATUS_TENANT_KEY ?? '' });
await pilot.numbers.list();
await pilot.messages.send({ recipient, message });
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 5, column: 7, endLine: 5,
        data: { key: '`process.env.PILOTSTATUS_TENANT_KEY ?? \'\'`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' },
      }],
    },
    // consistency: one neutral key on both kinds of endpoint; the tenant side is reported
    {
      code: `
const apiKey = process.env.PILOTSTATUS_API_KEY;
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': apiKey } });
await fetch('https://pilotstatus.com.br/v1/numbers', { method: 'POST', headers: { 'x-api-key': apiKey } });
`,
      errors: [{
        messageId: 'keyOnBothScopes', line: 4, column: 7, endLine: 4,
        data: { key: '`apiKey`', endpoint: 'POST /v1/numbers', otherEndpoint: 'POST /v1/messages/send', otherLine: 3 },
      }],
    },
    // consistency through a wrapper: the same env var handed to the wrapper for both kinds of path
    {
      code: `
import { pilotstatus } from './helpers';
await pilotstatus('/numbers', process.env.WHATSAPP_API_KEY ?? '');
await pilotstatus('/messages/send', process.env.WHATSAPP_API_KEY ?? '', { method: 'POST' });
`,
      errors: [{
        messageId: 'keyOnBothScopes', line: 3, column: 7, endLine: 3,
        data: { key: '`process.env.WHATSAPP_API_KEY ?? \'\'`', endpoint: 'GET /v1/numbers', otherEndpoint: 'POST /v1/messages/send', otherLine: 4 },
      }],
    },
    // a wrapper that holds the whole request is reported inside, not at its call sites
    {
      code: `
async function notifyOwner(message: string) {
  return fetch('https://pilotstatus.com.br/v1/messages/send', {
    method: 'POST',
    headers: { 'x-api-key': process.env.PILOTSTATUS_TENANT_KEY },
    body: JSON.stringify({ recipient: process.env.OWNER_PHONE, message }),
  });
}
await notifyOwner('restock');
await notifyOwner('sold out');
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 3, column: 10, endLine: 7,
        data: { key: '`process.env.PILOTSTATUS_TENANT_KEY`', evidence: 'the environment variable `PILOTSTATUS_TENANT_KEY`', endpoint: 'POST /v1/messages/send' },
      }],
    },
  ],
};

// What type information adds: brands through interfaces, parameters, return types and other modules.
const onlyWithTypes: { valid: Valid[]; invalid: Invalid[] } = {
  valid: [],
  invalid: [
    // a neutral field name typed TenantScopedKey (interface in another module), through an injected gateway
    {
      code: `
import { Gateway } from './gateway';
import type { HeadOfficeConfig } from './config';
export class Lines {
  constructor(private readonly gateway: Gateway, private readonly config: HeadOfficeConfig) {}
  overview() {
    return this.gateway.perform('GET', '/v1/numbers', this.config.hqKey);
  }
  async greet(phone: string) {
    await this.gateway.perform('POST', '/v1/messages/send', this.config.hqKey, {
      recipient: phone,
    });
  }
}
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 10, column: 11, endLine: 12,
        data: { key: '`this.config.hqKey`', evidence: 'its type `TenantScopedKey`', endpoint: 'POST /v1/messages/send' },
      }],
    },
    // NumberScopedKey through an interface field of a value returned from another module
    {
      code: `
import { Gateway } from './gateway';
import { findShop } from './shops';
export async function lineIsOnline(gateway: Gateway, shopId: string) {
  const shop = await findShop(shopId);
  await gateway.perform('POST', '/v1/messages/send', shop.lineKey, { recipient, message });
  const health = await gateway.perform<{ state: string }>(
    'GET',
    \`/v1/numbers/\${shop.lineId}/status\`,
    shop.lineKey,
  );
  return health.state === 'connected';
}
`,
      errors: [{
        messageId: 'numberKeyOnTenantEndpoint', line: 7, column: 24, endLine: 11,
        data: { key: '`shop.lineKey`', evidence: 'its type `NumberScopedKey`', endpoint: 'GET /v1/numbers/{…}/status' },
      }],
    },
    // the plugin's own brands: a typed const and a function's return type
    {
      code: `
import { loadLineKey, platformKey } from './package-keys';
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': platformKey } });
await fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': loadLineKey() } });
`,
      errors: [
        {
          messageId: 'tenantKeyOnNumberEndpoint', line: 3, column: 7, endLine: 3,
          data: { key: '`platformKey`', evidence: 'its type `TenantApiKey`', endpoint: 'POST /v1/messages/send' },
        },
        {
          messageId: 'numberKeyOnTenantEndpoint', line: 4, column: 7, endLine: 4,
          data: { key: '`loadLineKey()`', evidence: 'its type `NumberApiKey`', endpoint: 'GET /v1/numbers' },
        },
      ],
    },
    // a structural brand (`__scope: 'tenant'`) on a parameter
    {
      code: `
import type { HeadOfficeCredential } from './key-types';
export async function announce(credential: HeadOfficeCredential, message: string) {
  await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': credential }, body: message });
}
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 4, column: 9, endLine: 4,
        data: { key: '`credential`', evidence: 'its type `HeadOfficeCredential`', endpoint: 'POST /v1/messages/send' },
      }],
    },
    // a typed class field with a neutral name
    {
      code: `
import type { TenantScopedKey } from './key-types';
export class Broadcaster {
  constructor(private readonly credential: TenantScopedKey) {}
  send(message: string) {
    return fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': this.credential }, body: message });
  }
}
`,
      errors: [{
        messageId: 'tenantKeyOnNumberEndpoint', line: 6, column: 12, endLine: 6,
        data: { key: '`this.credential`', evidence: 'its type `TenantScopedKey`', endpoint: 'POST /v1/messages/send' },
      }],
    },
  ],
};

// Types win over names: a name that says tenant on a value typed NumberScopedKey.
const typedNumberKey = `
import { asLineKey } from './key-types';
const tenantLineKey = asLineKey(process.env.PILOTSTATUS_TENANT_LINE_KEY ?? '');
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': tenantLineKey } });
`;
onlyWithTypes.valid.push({ code: typedNumberKey });

const onlyWithoutTypes: { valid: Valid[]; invalid: Invalid[] } = {
  valid: [],
  invalid: [{
    code: typedNumberKey,
    errors: [{
      messageId: 'tenantKeyOnNumberEndpoint', line: 4, column: 7, endLine: 4,
      data: { key: '`tenantLineKey`', evidence: 'the environment variable `PILOTSTATUS_TENANT_LINE_KEY`', endpoint: 'POST /v1/messages/send' },
    }],
  }],
};

function run(tester: RuleTester, name: string, cases: { valid: Valid[]; invalid: Invalid[] }): void {
  tester.run(name, rule, {
    valid: cases.valid.map((item) => ({ filename, ...item })),
    invalid: cases.invalid.map((item) => ({ filename, ...item })),
  });
}

run(createRuleTester(), 'key-scope-mismatch (syntactic)', {
  valid: [...shared.valid, ...onlyWithoutTypes.valid],
  invalid: [...shared.invalid, ...onlyWithoutTypes.invalid],
});
run(createTypedRuleTester(), 'key-scope-mismatch (type-aware)', {
  valid: [...shared.valid, ...onlyWithTypes.valid],
  invalid: [...shared.invalid, ...onlyWithTypes.invalid],
});

describe('key-scope-mismatch messages', () => {
  it('never contain a full key, whatever the key is written as', () => {
    const tenantKey = fakeKey(4001);
    const numberKey = fakeKey(4002, { environment: 'test' });
    const code = `
const PILOTSTATUS_TENANT_KEY = '${tenantKey}';
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': PILOTSTATUS_TENANT_KEY } });
await fetch('https://pilotstatus.com.br/v1/templates', { headers: { 'x-api-key': process.env.PILOTSTATUS_TENANT_KEY ?? '${tenantKey}' } });
const shared = '${numberKey}';
await fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': shared } });
await fetch('https://pilotstatus.com.br/v1/media', { headers: { 'x-api-key': '${numberKey}' } });
await fetch('https://pilotstatus.com.br/v1/groups', { headers: { 'x-api-key': shared } });
`;
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(code, [{
      files: ['**/*.ts'],
      plugins: { pilotstatus: { rules: { 'key-scope-mismatch': rule as never } } },
      languageOptions: { parser: typescriptParser },
      rules: { 'pilotstatus/key-scope-mismatch': 'error' },
    }], { filename: 'case.ts' });
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([
      [3, 'tenantKeyOnNumberEndpoint'],
      [4, 'tenantKeyOnNumberEndpoint'],
      [6, 'keyOnBothScopes'],
    ]);
    assertNoKeyIn(JSON.stringify(messages), [tenantKey, numberKey]);
    expect(messages[1]!.message).toContain('`process.env.PILOTSTATUS_TENANT_KEY`');
  });
});
