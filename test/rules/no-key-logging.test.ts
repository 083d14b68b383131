import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-key-logging.js';
import { named, runInBothModes } from '../support/cases.js';
import { fakeKey } from '../support/fake-key.js';
import { crossModule, ENV, HEADER, REGENERATED, WHOLE_ENV, RESPONSE, literalLabel, finding, type Invalid, type Valid, lintWithoutPrintingKeys } from '../support/logging-cases.js';

const live = fakeKey(501);
const test = fakeKey(502, { environment: 'test' });
const liveLabel = literalLabel(live);
const testLabel = literalLabel(test);

const valid: Valid[] = [
  // masked prefixes and other values that are no longer the full key
  `
const key = process.env.PILOTSTATUS_API_KEY ?? '';
console.log('using key', key.slice(0, 8) + '...');
console.log('suffix', key.slice(-4), key.substring(0, 6), key.at(0), key.substr(3, 5));
console.log('key length', key.length, typeof key, key === 'x', key.startsWith('ps_live_'));
console.log('configured:', Boolean(key), !!key, key ? 'set' : 'unset');
console.log({ apiKey: !!process.env.PILOTSTATUS_API_KEY });
console.log('masked', key.replace(/.(?=.{4})/g, '*'), key.replace(/^(.{8}).*$/, '$1***'));
`,
  // messages that only name the env var
  `
if (!process.env.PILOTSTATUS_API_KEY) console.warn('PILOTSTATUS_API_KEY not configured');
if (!process.env.PILOTSTATUS_API_KEY) throw new Error('PILOTSTATUS_API_KEY is missing or is not a ps_live_/ps_test_ key');
const PILOT_KEY_ENV = 'PILOTSTATUS_API_KEY';
console.error(\`\${PILOT_KEY_ENV} is not set\`);
`,
  // mask functions: configured names, and local helpers that keep only a prefix
  `
import { maskKey } from './mask';
function preview(secret: string) { return secret ? \`\${secret.slice(0, 4)}…\${secret.slice(-4)}\` : '(unset)'; }
const key = process.env.PILOTSTATUS_API_KEY!;
console.info(\`key \${maskKey(key)}\`, redact(key), preview(key));
`,
  // hashing
  `
import { createHash } from 'node:crypto';
const key = process.env.PILOTSTATUS_API_KEY!;
console.log('key fingerprint', createHash('sha256').update(key).digest('hex').slice(0, 12));
`,
  // a non-key header of a headers object that holds the key
  `
export async function send(apiKey: string) {
  const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };
  console.log('content type', headers['content-type'], Object.keys(headers));
}
`,
  // the response of an endpoint that returns no key
  `
export async function openLine(phone: string) {
  const res = await fetch('https://pilotstatus.com.br/v1/numbers', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_TENANT_KEY! }, body: JSON.stringify({ phone }) });
  const opened = await res.json();
  console.info('number opened', opened, res.status);
}
`,
  // other fields of the regenerate response
  `
export async function rotate() {
  const res = await fetch('https://pilotstatus.com.br/v1/api-keys/regenerate', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  const fresh = await res.json();
  console.log('new key issued at', fresh.issuedAt, 'status', res.status, 'preview', fresh.apiKey.slice(0, 8));
}
`,
  // fetch errors hold no request headers; axios error messages do not either
  `
import axios from 'axios';
export async function call(key: string) {
  try {
    await fetch('https://pilotstatus.com.br/v1/messages/send', { headers: { 'x-api-key': key } });
  } catch (error) {
    console.error('send failed', error);
  }
  try {
    await axios.get('https://pilotstatus.com.br/v1/messages/abc', { headers: { 'x-api-key': key } });
  } catch (error) {
    console.error('lookup failed', error.message, error.response?.status, \`\${error}\`);
  }
}
`,
  // other variables of the environment, its names, and the environment of a file that reads no key variable
  `
const key = process.env.PILOTSTATUS_API_KEY;
const env = process.env;
console.log(env.NODE_ENV, env.PORT, Object.keys(process.env));
`,
  `
console.log('env', process.env);
`,
  // an axios response's status and body hold no key (nor does a fetch Response, which keeps no request headers)
  `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://pilotstatus.com.br/v1', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
export async function send(to: string) {
  const res = await api.post('/messages/send', { to });
  console.log('sent', res.status, res.statusText, res.data, res.data.id);
  const { data } = await api.get('/numbers');
  console.log(data);
  const plain = await fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  console.log(plain);
}
`,
  // pino's redact option covers the header
  `
import pino from 'pino';
const logger = pino({ redact: ['headers["x-api-key"]', 'key'] });
const headers = { 'x-api-key': process.env.PILOTSTATUS_API_KEY! };
logger.info({ headers }, 'calling PilotStatus');
logger.child({ module: 'send' }).info({ key: process.env.PILOTSTATUS_API_KEY }, 'child logger keeps the redaction');
`,
  // a log helper called with values that are not keys
  `
function log(...args: unknown[]) { console.log('[app]', ...args); }
const port = 3000;
log('listening on', port);
log('key configured', Boolean(process.env.PILOTSTATUS_API_KEY));
`,
  // a comparison with the key is not the key; a `.log` that is not a logger
  `
const key = process.env.PILOTSTATUS_API_KEY;
export function verify(secret: string) {
  console.log('callback secret matches:', secret === key);
  return Math.log(secret.length);
}
`,
  // an unrelated value through a logger
  `
import { logger } from './logger';
export function greet(user: { name: string }) { logger.info('hello', user.name); }
`,
  // only the masked form reaches the helper
  named('a cross-module helper given a masked key', {
    code: `
import { logJson } from './audit-log';
import { maskKey } from './key-types';
logJson({ key: maskKey(process.env.PILOTSTATUS_API_KEY!) });
`,
    filename: crossModule,
  }),
  named('a cross-module settings object read field by field', {
    code: `
import { pilotSettings, PILOT_KEY_ENV_NAME } from './settings';
console.log('region', pilotSettings.region, 'key variable', PILOT_KEY_ENV_NAME);
`,
    filename: crossModule,
  }),
];

const invalid: Invalid[] = [
  // ——— sources ———
  {
    code: `console.log('key', process.env.PILOTSTATUS_API_KEY);`,
    errors: [finding('keyLogged', 1, 1, { source: ENV, sink: 'console.log' })],
  },
  named('a key literal', {
    code: `const key = '${live}';\nconsole.info('using', key);`,
    errors: [finding('keyLogged', 2, 1, { source: liveLabel, sink: 'console.info' })],
  }),
  named('a ps_test_ key literal inline', {
    code: `console.warn(\`key=${test}\`);`,
    errors: [finding('keyLogged', 1, 1, { source: testLabel, sink: 'console.warn' })],
  }),
  {
    code: `console.debug(\`key=\${import.meta.env.PILOTSTATUS_API_KEY}\`);`,
    errors: [finding('keyLogged', 1, 1, { source: '`import.meta.env.PILOTSTATUS_API_KEY`', sink: 'console.debug' })],
  },
  {
    code: `
const { PILOT_API_KEY_ID } = process.env;
console.log('key id', PILOT_API_KEY_ID);
`,
    errors: [finding('keyLogged', 3, 1, { source: '`PILOT_API_KEY_ID`', sink: 'console.log' })],
  },
  {
    code: `
declare const config: { get<T>(name: string): T };
const key = config.get<string>('PILOTSTATUS_API_KEY');
console.log('key', key);
`,
    errors: [finding('keyLogged', 4, 1, { source: "`get('PILOTSTATUS_API_KEY')`", sink: 'console.log' })],
  },
  {
    code: `
const env = loadEnv();
console.log(env.WHATSAPP_API_KEY);
`,
    errors: [finding('keyLogged', 3, 1, { source: '`WHATSAPP_API_KEY`', sink: 'console.log' })],
  },
  // the header says key, whatever the value's name
  {
    code: `
export async function send(apiKey: string, body: string) {
  const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };
  const res = await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers, body });
  if (!res.ok) console.error('send failed', res.status, { headers });
}
`,
    errors: [finding('keyLogged', 5, 16, { source: HEADER, sink: 'console.error' })],
  },
  {
    code: `
export function describe(token: string) {
  const headers: Record<string, string> = {};
  headers['x-api-key-id'] = token;
  const init = { method: 'GET', headers };
  console.log('request', init);
}
`,
    errors: [finding('keyLogged', 6, 3, { source: 'the `x-api-key-id` header value', sink: 'console.log' })],
  },
  {
    code: `
export function build(key: string) {
  const headers = new Headers();
  headers.set('x-api-key', key);
  console.log(headers);
}
`,
    errors: [finding('keyLogged', 5, 3, { source: HEADER, sink: 'console.log' })],
  },
  // the regenerate response carries the new key
  {
    code: `
export async function rotate() {
  const res = await fetch('https://pilotstatus.com.br/v1/api-keys/regenerate', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  const fresh = await res.json();
  console.log('regenerated', fresh);
  console.log('new key', fresh.apiKey);
}
`,
    errors: [
      finding('keyLogged', 5, 3, { source: REGENERATED, sink: 'console.log' }),
      finding('keyLogged', 6, 3, { source: REGENERATED, sink: 'console.log' }),
    ],
  },
  {
    code: `
const base = process.env.PILOTSTATUS_API_URL;
fetch(\`\${base}/api-keys/regenerate\`, { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } })
  .then((res) => res.json())
  .then((data) => console.log(\`new key: \${data.apiKey}\`));
`,
    errors: [finding('keyLogged', 5, 19, { source: REGENERATED, sink: 'console.log' })],
  },
  {
    code: `
import https from 'node:https';
export function regenerate(current: string) {
  const req = https.request('https://pilotstatus.com.br/v1/api-keys/regenerate', { method: 'POST', headers: { 'x-api-key': current } }, (res) => {
    let text = '';
    res.on('data', (chunk) => (text += chunk));
    res.on('end', () => {
      process.stdout.write(\`\${text}\\n\`);
    });
  });
  req.end();
}
`,
    errors: [finding('keyLogged', 8, 7, { source: REGENERATED, sink: 'process.stdout.write' })],
  },
  {
    code: `
class Gateway { async perform(verb: string, route: string, key: string): Promise<unknown> { return fetch(route, { method: verb, headers: { 'x-api-key': key } }); } }
const gateway = new Gateway();
export async function rotate(key: string) {
  const fresh = await gateway.perform('POST', '/v1/api-keys/regenerate', key);
  console.log(\`new key: \${JSON.stringify(fresh)}\`);
}
`,
    errors: [finding('keyLogged', 6, 3, { source: REGENERATED, sink: 'console.log' })],
  },
  // HTTP client errors of keyed requests embed the request config
  {
    code: `
import axios from 'axios';
export async function lookup(id: string) {
  try {
    return await axios.get(\`https://pilotstatus.com.br/v1/messages/\${id}\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  } catch (error) {
    console.error('lookup failed', error);
    console.error('config', error.config);
  }
}
`,
    errors: [
      finding('keyLogged', 7, 5, { source: 'the `axios` error of a request that sent the key header', sink: 'console.error' }),
      finding('keyLogged', 8, 5, { source: 'the `axios` error of a request that sent the key header', sink: 'console.error' }),
    ],
  },
  {
    code: `
import got from 'got';
import pino from 'pino';
const logger = pino();
const api = got.extend({ prefixUrl: 'https://pilotstatus.com.br/v1', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
export const status = (id: string) => api.get(\`messages/\${id}\`).json().catch((error) => logger.error(error, 'status failed'));
`,
    errors: [finding('keyLogged', 6, 89, { source: 'the `got` error of a request that sent the key header', sink: 'logger.error' })],
  },
  // the environment printed whole holds the key variable this file reads
  {
    code: `
const key = process.env.PILOTSTATUS_API_KEY;
export function boot() {
  console.log('env', process.env);
  console.log({ ...process.env, started: true });
  console.error(JSON.stringify(import.meta.env));
  const env = process.env;
  console.log(env);
}
`,
    errors: [
      finding('keyLogged', 4, 3, { source: WHOLE_ENV, sink: 'console.log' }),
      finding('keyLogged', 5, 3, { source: WHOLE_ENV, sink: 'console.log' }),
      finding('keyLogged', 6, 3, { source: 'the whole `import.meta.env` (it holds `PILOTSTATUS_API_KEY`)', sink: 'console.error' }),
      finding('keyLogged', 8, 3, { source: WHOLE_ENV, sink: 'console.log' }),
    ],
  },
  // an axios response holds its request config: printed whole, `config.headers` shows the key
  {
    code: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://pilotstatus.com.br/v1', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
export async function send(to: string) {
  const res = await api.post('/messages/send', { to });
  console.log('sent', res);
  console.info(res.config, 'request');
  api.get('/messages/abc').then((response) => console.log(response));
}
`,
    errors: [
      finding('keyLogged', 6, 3, { source: RESPONSE, sink: 'console.log' }),
      finding('keyLogged', 7, 3, { source: RESPONSE, sink: 'console.info' }),
      finding('keyLogged', 8, 47, { source: RESPONSE, sink: 'console.log' }),
    ],
  },
  // ——— propagation ———
  {
    code: `
const key = process.env.PILOTSTATUS_API_KEY;
const copy = key;
let line = 'key: ';
line += copy;
const parts = ['using', String(copy)];
const payload = { ...{ nested: { secret: copy } } };
console.log(line);
console.log(parts.join(' '));
console.log(JSON.stringify(payload));
console.log('a' + copy + 'b', [copy]);
`,
    errors: [
      finding('keyLogged', 8, 1, { source: ENV, sink: 'console.log' }),
      finding('keyLogged', 9, 1, { source: ENV, sink: 'console.log' }),
      finding('keyLogged', 10, 1, { source: ENV, sink: 'console.log' }),
      finding('keyLogged', 11, 1, { source: ENV, sink: 'console.log' }),
    ],
  },
  {
    code: `
const settings = { pilot: { key: process.env.PILOTSTATUS_API_KEY, region: 'eu' } };
const { pilot: { key } } = settings;
console.log('region', settings.pilot.region);
console.log('key', key);
console.log('too long a prefix', key!.slice(0, 12), key!.slice(8));
`,
    errors: [
      finding('keyLogged', 5, 1, { source: ENV, sink: 'console.log' }),
      finding('keyLogged', 6, 1, { source: ENV, sink: 'console.log' }),
    ],
  },
  {
    code: `
function readKey() { return process.env.PILOTSTATUS_API_KEY; }
function wrap(value: unknown) { return { value, at: Date.now() }; }
const loadKey = async () => readKey();
export async function main() {
  console.log(wrap(readKey()));
  console.log(await loadKey());
}
`,
    errors: [
      finding('keyLogged', 6, 3, { source: ENV, sink: 'console.log' }),
      finding('keyLogged', 7, 3, { source: ENV, sink: 'console.log' }),
    ],
  },
  {
    code: `
export class Client {
  #key = process.env.PILOTSTATUS_API_KEY;
  private readonly other: string;
  constructor(other: string) { this.other = other; }
  debug() { console.log('client', this.#key, this.other); }
}
`,
    errors: [finding('keyLogged', 6, 13, { source: ENV, sink: 'console.log' })],
  },
  {
    code: `
class Client {
  constructor(private readonly apiKey: string) {}
  debug() { console.log('client key', this.apiKey); }
}
new Client(process.env.PILOTSTATUS_API_KEY!);
`,
    errors: [finding('keyLogged', 4, 13, { source: ENV, sink: 'console.log' })],
  },
  // ——— sink families ———
  {
    code: `
import pino from 'pino';
import winston from 'winston';
import bunyan from 'bunyan';
import log4js from 'log4js';
import { consola } from 'consola';
import log from 'loglevel';
import signale from 'signale';
import createDebug from 'debug';
const key = process.env.PILOTSTATUS_API_KEY;
pino().info({ key }, 'starting');
pino().child({ scope: 'x' }).warn(key);
winston.createLogger({}).info(\`key \${key}\`);
bunyan.createLogger({ name: 'app' }).error({ key });
log4js.getLogger().debug(key);
consola.success(key);
log.info(key);
signale.note(key);
const debug = createDebug('app');
debug('key %s', key);
process.stderr.write(key + '\\n');
`,
    errors: [
      finding('keyLogged', 11, 1, { source: ENV, sink: 'pino(…).info' }),
      finding('keyLogged', 12, 1, { source: ENV, sink: 'pino(…).child(…).warn' }),
      finding('keyLogged', 13, 1, { source: ENV, sink: 'winston.createLogger(…).info' }),
      finding('keyLogged', 14, 1, { source: ENV, sink: 'bunyan.createLogger(…).error' }),
      finding('keyLogged', 15, 1, { source: ENV, sink: 'log4js.getLogger(…).debug' }),
      finding('keyLogged', 16, 1, { source: ENV, sink: 'consola.success' }),
      finding('keyLogged', 17, 1, { source: ENV, sink: 'log.info' }),
      finding('keyLogged', 18, 1, { source: ENV, sink: 'signale.note' }),
      finding('keyLogged', 20, 1, { source: ENV, sink: 'debug' }),
      finding('keyLogged', 21, 1, { source: ENV, sink: 'process.stderr.write' }),
    ],
  },
  {
    code: `
import { Injectable, Logger } from '@nestjs/common';
@Injectable()
export class KeysService {
  private readonly logger = new Logger(KeysService.name);
  report() {
    this.logger.warn(\`using \${process.env.PILOTSTATUS_API_KEY}\`);
    Logger.log(process.env.PILOTSTATUS_API_KEY);
  }
}
`,
    errors: [
      finding('keyLogged', 7, 5, { source: ENV, sink: 'this.logger.warn' }),
      finding('keyLogged', 8, 5, { source: ENV, sink: 'Logger.log' }),
    ],
  },
  {
    code: `
import type { Logger } from 'winston';
export class Notifier {
  constructor(private readonly logger: Logger) {}
  start() { this.logger.info('key', { key: process.env.PILOTSTATUS_API_KEY }); }
}
`,
    errors: [finding('keyLogged', 5, 13, { source: ENV, sink: 'this.logger.info' })],
  },
  {
    code: `
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.log.info(process.env.PILOTSTATUS_API_KEY);
app.get('/', async (request) => {
  request.log.warn({ key: process.env.PILOTSTATUS_API_KEY });
  return 'ok';
});
`,
    errors: [
      finding('keyLogged', 4, 1, { source: ENV, sink: 'app.log.info' }),
      finding('keyLogged', 6, 3, { source: ENV, sink: 'request.log.warn' }),
    ],
  },
  // a project's own log helpers: reported where they are called with the key
  {
    code: `
function log(...args: unknown[]) { console.log('[app]', ...args); }
const logJson = (value: unknown) => process.stdout.write(JSON.stringify(value) + '\\n');
const key = process.env.PILOTSTATUS_API_KEY;
log('starting with', key);
logJson({ event: 'start', key });
logJson({ event: 'start', configured: Boolean(key) });
`,
    errors: [
      finding('keyLoggedByHelper', 5, 1, { source: ENV, sink: 'log', innerSink: 'console.log' }),
      finding('keyLoggedByHelper', 6, 1, { source: ENV, sink: 'logJson', innerSink: 'process.stdout.write' }),
    ],
  },
  // thrown error messages get logged
  {
    code: `
const key = process.env.PILOTSTATUS_API_KEY;
export function check() {
  if (!key?.startsWith('ps_')) throw new Error(\`invalid PilotStatus key: \${key}\`);
}
`,
    errors: [finding('keyInError', 4, 32, { source: ENV, sink: 'throw new Error' })],
  },
  // a suggestion when a mask function is in scope
  {
    code: `
import { maskKey } from './mask';
const key = process.env.PILOTSTATUS_API_KEY;
console.log(\`using \${key}\`);
`,
    errors: [{
      messageId: 'keyLogged', line: 4, column: 1, data: { source: ENV, sink: 'console.log' },
      suggestions: [{ messageId: 'maskValue', data: { expression: 'key', mask: 'maskKey' }, output: `
import { maskKey } from './mask';
const key = process.env.PILOTSTATUS_API_KEY;
console.log(\`using \${maskKey(key)}\`);
` }],
    }],
  },
  // ——— across modules (module graph; the checker is not needed) ———
  named('a settings object imported from another module', {
    code: `
import { pilotSettings } from './settings';
console.error('[app] configuration', pilotSettings);
`,
    filename: crossModule,
    errors: [finding('keyLogged', 3, 1, { source: '`process.env.PILOT_NUMBER_KEY`', sink: 'console.error' })],
  }),
  named('a helper imported from another module', {
    code: `
import { logJson } from './audit-log';
logJson({ key: process.env.PILOTSTATUS_API_KEY });
`,
    filename: crossModule,
    errors: [finding('keyLoggedByHelper', 3, 1, { source: ENV, sink: 'logJson', innerSink: 'console.log' })],
  }),
];

const onlyWithTypes: { valid: Valid[]; invalid: Invalid[] } = {
  valid: [
    named('a brand-typed key through its mask function', {
      code: `
import { maskKey, type TenantApiKey } from './key-types';
export function report(key: TenantApiKey) { console.log('tenant key', maskKey(key)); }
`,
      filename: crossModule,
    }),
    named('types named Key or ApiKey that are no string brands: a key of an object, an object type', {
      code: `
const env = { AUTHENTICATION: 'on', LOG_LEVEL: 'info' };
type Key = keyof typeof env;
type ApiKey = { KEY: string };
export function show(name: Key, settings: ApiKey) { console.log('setting', name, settings.KEY.length); }
`,
      filename: crossModule,
    }),
    named('a key\'s metadata typed ApiKey (an interface, an object alias) in a program that also has brands', {
      code: `
import type { TenantApiKey } from './key-types';
interface ApiKey { id: string; name: string; scope: 'tenant' | 'number'; createdAt: string }
type ApiKeyId = { value: number };
interface Listing { newest: ApiKey; owner: ApiKeyId }
export function listed(keys: ApiKey[], latest: ApiKey, id: ApiKeyId, listing: Listing, hq: TenantApiKey) {
  console.log('keys', keys, latest, id, listing);
  console.log('tenant key length', hq.length);
}
`,
      filename: crossModule,
    }),
  ],
  invalid: [
    named('a key brand type on a parameter', {
      code: `
import type { TenantApiKey } from './key-types';
export function report(hq: TenantApiKey) { console.log('tenant', hq); }
`,
      filename: crossModule,
      errors: [finding('keyLogged', 3, 44, { source: 'a value of type `TenantApiKey`', sink: 'console.log' })],
    }),
    named('a key brand type on an interface field declared in another module', {
      code: `
import { findWorkshop } from './workshop';
export function notice(id: string) {
  const workshop = findWorkshop(id);
  console.warn(\`notice not sent from \${workshop.name} using \${workshop.lineKey}\`);
}
`,
      filename: crossModule,
      errors: [finding('keyLogged', 5, 3, { source: 'a value of type `NumberApiKey`', sink: 'console.warn' })],
    }),
    named('a helper method of an injected class declared in another module', {
      code: `
import type { AuditLog } from './audit-log';
export class Rotation {
  constructor(private readonly audit: AuditLog) {}
  run() { this.audit.record('rotated', { key: process.env.PILOTSTATUS_API_KEY }); }
}
`,
      filename: crossModule,
      errors: [finding('keyLoggedByHelper', 5, 11, { source: ENV, sink: 'this.audit.record', innerSink: 'console.info' })],
    }),
    named('a key passed through a method of an injected service in a module with no key of its own', {
      code: `
import type { Formatter } from './formatter';
export class Banner {
  constructor(private readonly format: Formatter) {}
  show() {
    console.log(this.format.bracket(process.env.PILOTSTATUS_API_KEY ?? ''));
  }
}
`,
      filename: crossModule,
      errors: [finding('keyLogged', 6, 5, { source: ENV, sink: 'console.log' })],
    }),
    named('the error of an injected client whose request sends the key header by an imported name', {
      code: `
import type { StatusClient } from './keyed-client';
export class Poller {
  constructor(private readonly client: StatusClient) {}
  async poll(id: string) {
    try {
      return await this.client.fetchStatus(id);
    } catch (error) {
      console.error('poll failed', error);
    }
  }
}
`,
      filename: crossModule,
      errors: [finding('keyLogged', 9, 7, { source: 'the `axios` error of a request that sent the key header', sink: 'console.error' })],
    }),
    named('the regenerate response through a method of an injected gateway', {
      code: `
import type { Gateway } from './gateway';
export class Keys {
  constructor(private readonly gateway: Gateway) {}
  async rotate(key: string) {
    const fresh = await this.gateway.perform<{ apiKey: string; issuedAt: string }>('POST', '/v1/api-keys/regenerate', key);
    console.log('issued', fresh.issuedAt);
    console.log('fresh', fresh);
  }
}
`,
      filename: crossModule,
      errors: [finding('keyLogged', 8, 5, { source: REGENERATED, sink: 'console.log' })],
    }),
  ],
};

runInBothModes('no-key-logging', rule, { valid, invalid }, onlyWithTypes);

describe('no-key-logging output', () => {
  it('never prints a generated key', () => {
    const findings = lintWithoutPrintingKeys([...invalid, ...onlyWithTypes.invalid], [live, test]);
    expect(findings).toBeGreaterThan(40);
  });
});
