/**
 * no-key-logging, issue 13 item 3: logged objects that carry the key. got and ky errors (and the
 * request config inside an axios error), `Request` / `Headers` objects and request configs, objects
 * whose declared type has a key field, and a key from another module put into a thrown or logged
 * message. Each pattern has valid and invalid cases in both modes; what only the checker adds is
 * in `onlyWithTypes`.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-key-logging.js';
import { named, runInBothModes } from '../support/cases.js';
import { fakeKey } from '../support/fake-key.js';
import { crossModule, ENV, HEADER, httpError, literalLabel, finding, type Invalid, type Valid, lintWithoutPrintingKeys } from '../support/logging-cases.js';

const live = fakeKey(511);
const liveLabel = literalLabel(live);

const GOT_ERROR = httpError('got');
const KY_ERROR = httpError('ky');
const AXIOS_ERROR = httpError('axios');

const valid: Valid[] = [
  // ——— got and ky errors ———
  named('got: the message, status and code of a keyed request error', {
    code: `
import got from 'got';
export async function send(url: string, key: string) {
  try {
    await got.post(url, { headers: { 'x-api-key': key }, json: {} });
  } catch (err) {
    console.error('send failed', err.message, err.code, err.response?.statusCode, err.response.body);
    console.error('to', err.options.url, err.options.method, err.options.headers['content-type']);
  }
}
`,
  }),
  named('ky: the message and status of a keyed request error', {
    code: `
import ky, { HTTPError } from 'ky';
export async function lookup(id: string) {
  try {
    return await ky.get(\`https://pilotstatus.com.br/v1/messages/\${id}\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } }).json();
  } catch (error) {
    if (error instanceof HTTPError) console.error('lookup failed', error.message, error.response.status, error.request.url, error.request.method);
    return undefined;
  }
}
`,
  }),
  named('got and ky errors of requests that sent no key', {
    code: `
import got from 'got';
import ky from 'ky';
const key = process.env.PILOTSTATUS_API_KEY;
const weather = ky.create({ prefixUrl: 'https://api.weather.example/v2', headers: { accept: 'application/json' } });
export async function poll(url: string) {
  try {
    await got.post(url, { json: { ping: true } });
  } catch (err) {
    console.error(err.options, err.request, err);
  }
  await weather.get('today').json().catch((error) => console.warn(error.options, error.request));
  return key?.length;
}
`,
  }),
  // ——— Request and Headers ———
  named('Request and Headers parts that are not the key', {
    code: `
export async function send(key: string) {
  const headers = new Headers({ 'x-api-key': key, 'content-type': 'application/json' });
  const request = new Request('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers });
  console.log(request.url, request.method);
  console.log(headers.get('content-type'), headers.has('x-api-key'));
  console.log(request.headers.get('content-type'), request.headers.has('x-api-key'));
  return fetch(request);
}
`,
  }),
  // ——— declared types ———
  named('a declared type with a key field, read field by field', {
    code: `
interface PilotStatusConfig { apiKey: string; baseUrl: string; retries: number }
export function init(config: PilotStatusConfig) {
  console.log('base', config.baseUrl, 'retries', config.retries, 'key set', Boolean(config.apiKey));
}
`,
  }),
  named('a declared type whose key-named field is not a string', {
    code: `
type Status = { pilotstatusApiKey: boolean; region: string };
export function report(status: Status) {
  console.log('status', status);
}
`,
  }),
  named('another vendor\'s generic apiKey next to a PilotStatus request', {
    code: `
interface ResendOptions { apiKey: string; from: string }
export async function notify(options: ResendOptions, key: string) {
  console.log('resend options', options);
  return fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });
}
`,
  }),
  named('a generic apiKey in a file that does not call PilotStatus', {
    code: `
const key = process.env.PILOTSTATUS_API_KEY;
interface Config { apiKey: string; from: string }
export function boot(config: Config) {
  console.log('mailer config', config, Boolean(key));
}
`,
  }),
  named('a declared type holding a placeholder the code shows', {
    code: `
interface PilotConfig { apiKey: string; baseUrl: string }
const sample: PilotConfig = { apiKey: 'ps_test_your_token_here', baseUrl: 'https://pilotstatus.com.br/v1' };
console.log('sample config', sample);
`,
  }),
  named('the result of a method of an object whose type declares a key field', {
    code: `
import type { TenantApiKey } from './key-types';
interface PilotClient { apiKey: TenantApiKey; send(to: string): Promise<{ id: string }> }
export async function notify(client: PilotClient, to: string) {
  const sent = await client.send(to);
  console.log('sent', sent, JSON.stringify(sent));
}
`,
    filename: crossModule,
  }),
  named('the result of an injected gateway whose config holds a brand-typed key', {
    code: `
import type { TenantApiKey } from './key-types';
interface PilotConfig { hqKey: TenantApiKey; timeoutMs: number }
class Gateway {
  constructor(private readonly config: PilotConfig) {}
  async perform(route: string): Promise<unknown> {
    const res = await fetch(route, { headers: { 'x-api-key': this.config.hqKey } });
    return res.json();
  }
}
export class Lines {
  constructor(private readonly gateway: Gateway) {}
  async open() {
    const line = await this.gateway.perform('https://pilotstatus.com.br/v1/numbers');
    console.log(\`line \${JSON.stringify(line)}\`);
  }
}
`,
    filename: crossModule,
  }),
  named('an imported declared type read field by field', {
    code: `
import type { PilotConfig } from './pilot-config';
export function init(config: PilotConfig) { console.info('base', config.baseUrl); }
`,
    filename: crossModule,
  }),
  // ——— a key from another module ———
  named('a key from another module, masked or only checked', {
    code: `
import { PILOTSTATUS_API_KEY } from './pilot-config';
if (!PILOTSTATUS_API_KEY) throw new Error('PILOTSTATUS_API_KEY is not set');
console.info(\`key \${PILOTSTATUS_API_KEY.slice(0, 8)}…\`, PILOTSTATUS_API_KEY.length);
`,
    filename: crossModule,
  }),
  // ——— instances of classes ———
  named('instances that hold no key: a #private field, a placeholder argument, a URL field', {
    code: `
class Vault {
  #key = process.env.PILOTSTATUS_API_KEY;
  base = 'https://pilotstatus.com.br/v1';
}
class Holder {
  constructor(private readonly apiKey: string) {}
}
class Endpoint {
  constructor(readonly url: string) {}
}
const vault = new Vault();
console.log(vault, vault.base);
console.log(new Holder('placeholder'));
console.log(new Endpoint(process.env.PILOTSTATUS_API_URL!));
`,
  }),
  named('a class that builds itself recursively is bounded', {
    code: `
class Chain {
  next: Chain;
  constructor(depth: number) {
    this.next = new Chain(depth + 1);
  }
}
console.log(new Chain(0));
`,
  }),
];

const invalid: Invalid[] = [
  // ——— got and ky errors ———
  named('got: options.headers, options, request and the whole error of a keyed request', {
    code: `
import got from 'got';
export async function send(url: string, key: string) {
  try {
    await got.post(url, { headers: { 'x-api-key': key }, json: {} });
  } catch (err) {
    console.error(err.options.headers);
    console.log(err.options);
    console.error('request', err.request);
    console.error(err);
  }
}
`,
    errors: [
      finding('keyLogged', 7, 5, { source: GOT_ERROR, sink: 'console.error' }),
      finding('keyLogged', 8, 5, { source: GOT_ERROR, sink: 'console.log' }),
      finding('keyLogged', 9, 5, { source: GOT_ERROR, sink: 'console.error' }),
      finding('keyLogged', 10, 5, { source: GOT_ERROR, sink: 'console.error' }),
    ],
  }),
  named('ky: HTTPError request (a Request with the headers), its headers and options', {
    code: `
import ky, { HTTPError } from 'ky';
export async function lookup(id: string) {
  try {
    return await ky.get(\`https://pilotstatus.com.br/v1/messages/\${id}\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } }).json();
  } catch (error) {
    if (error instanceof HTTPError) {
      console.error('lookup failed', error.request);
      console.error(Object.fromEntries(error.request.headers));
      console.error(error.options);
    }
    return undefined;
  }
}
`,
    errors: [
      finding('keyLogged', 8, 7, { source: KY_ERROR, sink: 'console.error' }),
      finding('keyLogged', 9, 7, { source: KY_ERROR, sink: 'console.error' }),
      finding('keyLogged', 10, 7, { source: KY_ERROR, sink: 'console.error' }),
    ],
  }),
  named('got: an extend() instance with the key header whose request fails', {
    code: `
import got from 'got';
const pilot = got.extend({ prefixUrl: 'https://pilotstatus.com.br/v1', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
export async function send(to: string) {
  try {
    await pilot.post('messages/send', { json: { to } });
  } catch (err) {
    console.error('send failed', err.options.headers);
    console.error(err.request.options);
  }
}
`,
    errors: [
      finding('keyLogged', 8, 5, { source: GOT_ERROR, sink: 'console.error' }),
      finding('keyLogged', 9, 5, { source: GOT_ERROR, sink: 'console.error' }),
    ],
  }),
  named('ky: a create() instance with a shared headers object whose request fails', {
    code: `
import ky from 'ky';
import { logger } from './logger';
const headers = { 'x-api-key': process.env.PILOTSTATUS_API_KEY! };
const api = ky.create({ prefixUrl: 'https://pilotstatus.com.br/v1', headers });
export function send(to: string) {
  return api.post('messages/send', { json: { to } }).json().catch((error) => logger.warn({ request: error.request }, 'send failed'));
}
`,
    errors: [finding('keyLogged', 7, 78, { source: KY_ERROR, sink: 'logger.warn' })],
  }),
  named('axios: the headers of the config inside an error', {
    code: `
import axios from 'axios';
export async function send(to: string) {
  try {
    await axios.post('https://pilotstatus.com.br/v1/messages/send', { to }, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  } catch (error) {
    console.error('headers', error.config.headers);
    console.error(error.response.config.headers['x-api-key']);
    console.error(JSON.stringify(error.config));
  }
}
`,
    errors: [
      finding('keyLogged', 7, 5, { source: AXIOS_ERROR, sink: 'console.error' }),
      finding('keyLogged', 8, 5, { source: AXIOS_ERROR, sink: 'console.error' }),
      finding('keyLogged', 9, 5, { source: AXIOS_ERROR, sink: 'console.error' }),
    ],
  }),
  // ——— Request and Headers ———
  named('a Headers object holding the key: whole, spread, as entries', {
    code: `
export function build(key: string) {
  const headers = new Headers({ 'x-api-key': key, accept: 'application/json' });
  console.log(headers);
  console.log([...headers]);
  console.log(Object.fromEntries(headers));
}
`,
    errors: [
      finding('keyLogged', 4, 3, { source: HEADER, sink: 'console.log' }),
      finding('keyLogged', 5, 3, { source: HEADER, sink: 'console.log' }),
      finding('keyLogged', 6, 3, { source: HEADER, sink: 'console.log' }),
    ],
  }),
  named('a Request built with the key header: whole and its headers', {
    code: `
export async function send(key: string) {
  const request = new Request('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key } });
  console.log(request);
  console.log('headers', request.headers);
  console.debug(Object.fromEntries(request.headers.entries()));
  return fetch(request);
}
`,
    errors: [
      finding('keyLogged', 4, 3, { source: HEADER, sink: 'console.log' }),
      finding('keyLogged', 5, 3, { source: HEADER, sink: 'console.log' }),
      finding('keyLogged', 6, 3, { source: HEADER, sink: 'console.debug' }),
    ],
  }),
  named('a Request built from a Headers object and cloned', {
    code: `
export async function send(url: string) {
  const headers = new Headers();
  headers.set('x-api-key', process.env.PILOTSTATUS_API_KEY!);
  const request = new Request(url, { headers });
  const retry = new Request(request);
  console.warn('retrying', retry);
  return fetch(retry);
}
`,
    errors: [finding('keyLogged', 7, 3, { source: ENV, sink: 'console.warn' })],
  }),
  named('a request config object logged whole and nested', {
    code: `
import { logger } from './logger';
export function describe(key: string) {
  const config = { method: 'POST', headers: { 'x-api-key': key } };
  logger.info(config);
  logger.info({ config });
}
`,
    errors: [
      finding('keyLogged', 5, 3, { source: HEADER, sink: 'logger.info' }),
      finding('keyLogged', 6, 3, { source: HEADER, sink: 'logger.info' }),
    ],
  }),
  // ——— declared types ———
  named('a parameter whose declared type is PilotStatus config with an apiKey field', {
    code: `
interface PilotStatusConfig { apiKey: string; baseUrl: string }
export function init(config: PilotStatusConfig) {
  console.log('init', config);
  console.log(config.apiKey);
}
`,
    errors: [
      finding('keyLogged', 4, 3, { source: '`PilotStatusConfig.apiKey`', sink: 'console.log' }),
      finding('keyLogged', 5, 3, { source: '`PilotStatusConfig.apiKey`', sink: 'console.log' }),
    ],
  }),
  named('a type alias with a key-named field, logged nested', {
    code: `
import { logger } from './logger';
type Settings = { pilotstatusApiKey: string; region?: string };
export function boot(settings: Settings) {
  logger.info({ settings }, 'booting');
}
`,
    errors: [finding('keyLogged', 5, 3, { source: '`Settings.pilotstatusApiKey`', sink: 'logger.info' })],
  }),
  named('a brand-typed field of an interface in the same file', {
    code: `
import type { NumberApiKey } from './key-types';
interface Line { name: string; lineKey: NumberApiKey }
export function open(line: Line) { console.warn('opening', line); }
`,
    filename: crossModule,
    errors: [finding('keyLogged', 4, 36, { source: 'a value of type `NumberApiKey`', sink: 'console.warn' })],
  }),
  named('a generic config type in a file that sends to PilotStatus', {
    code: `
interface Options { apiKey: string; to: string }
export async function send(options: Options) {
  console.debug('sending', options);
  return fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': options.apiKey }, body: JSON.stringify({ to: options.to }) });
}
`,
    errors: [finding('keyLogged', 4, 3, { source: '`Options.apiKey`', sink: 'console.debug' })],
  }),
  named('declared types on a variable, a destructured parameter and a parameter property', {
    code: `
interface PilotConfig { apiKey: string; baseUrl: string }
declare function loadConfig(): unknown;
const config: PilotConfig = loadConfig() as PilotConfig;
console.log('config', config);
export function start({ apiKey, baseUrl }: PilotConfig) {
  console.log('start', baseUrl, apiKey);
}
export class Client {
  constructor(private readonly config: PilotConfig) {}
  debug() { console.log(\`\${JSON.stringify(this.config)}\`); }
}
`,
    errors: [
      finding('keyLogged', 5, 1, { source: '`PilotConfig.apiKey`', sink: 'console.log' }),
      finding('keyLogged', 7, 3, { source: '`PilotConfig.apiKey`', sink: 'console.log' }),
      finding('keyLogged', 11, 13, { source: '`PilotConfig.apiKey`', sink: 'console.log' }),
    ],
  }),
  named('a value asserted to a declared type', {
    code: `
interface PilotConfig { apiKey: string; baseUrl: string }
declare function readConfig(name: string): Promise<unknown>;
export async function boot() {
  const config = await readConfig('pilot') as PilotConfig;
  console.log('booted with', config);
}
`,
    errors: [finding('keyLogged', 6, 3, { source: '`PilotConfig.apiKey`', sink: 'console.log' })],
  }),
  named('Readonly<> of an interface that extends a PilotStatus base', {
    code: `
interface PilotBase { apiKey: string }
interface SendOptions extends PilotBase { to: string }
export function send(options: Readonly<SendOptions>) {
  console.log('send', options);
}
`,
    errors: [finding('keyLogged', 5, 3, { source: '`PilotBase.apiKey`', sink: 'console.log' })],
  }),
  named('a declared type imported from another module', {
    code: `
import type { PilotConfig } from './pilot-config';
export function init(config: PilotConfig) { console.info('init', config); }
`,
    filename: crossModule,
    errors: [finding('keyLogged', 3, 45, { source: '`PilotConfig.apiKey`', sink: 'console.info' })],
  }),
  // ——— a key from another module, in a thrown or logged message ———
  named('an imported key constant in a thrown message', {
    code: `
import { PILOTSTATUS_API_KEY } from './pilot-config';
export function check() {
  if (!PILOTSTATUS_API_KEY.startsWith('ps_')) throw new Error(\`bad key \${PILOTSTATUS_API_KEY}\`);
}
`,
    filename: crossModule,
    errors: [finding('keyInError', 4, 47, { source: ENV, sink: 'throw new Error' })],
  }),
  named('an imported key under another name in a logged message', {
    code: `
import { PILOTSTATUS_API_KEY as k } from './pilot-config';
import { logger } from './logger';
logger.warn(\`using \${k}\`);
`,
    filename: crossModule,
    errors: [finding('keyLogged', 4, 1, { source: ENV, sink: 'logger.warn' })],
  }),
  named('an imported key getter, a namespace import and a path alias', {
    code: `
import { getPilotStatusKey as load } from './pilot-config';
import * as pilot from './pilot-config';
import { PILOTSTATUS_API_KEY as key } from '#fixtures/logging/pilot-config';
const apiKey = load();
export const fail = (status: number) => Promise.reject(new Error('PilotStatus rejected ' + apiKey + ' with ' + status));
console.error(\`key \${pilot.PILOTSTATUS_API_KEY}\`);
console.error('key', key);
`,
    filename: crossModule,
    errors: [
      finding('keyInError', 6, 56, { source: ENV, sink: 'new Error' }),
      finding('keyLogged', 7, 1, { source: ENV, sink: 'console.error' }),
      finding('keyLogged', 8, 1, { source: ENV, sink: 'console.error' }),
    ],
  }),
  // a generated key literal, so the output check below has a key to look for
  named('a literal key put into a Request', {
    code: `const request = new Request('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': '${live}' } });\nconsole.log(request);`,
    errors: [finding('keyLogged', 2, 1, { source: liveLabel, sink: 'console.log' })],
  }),
  // ——— instances of classes ———
  named('an instance whose constructor stores the key, printed whole (and one given a placeholder)', {
    code: `
class Gateway {
  private readonly token: string;
  constructor(token: string) {
    this.token = token;
  }
}
const gateway = new Gateway(process.env.PILOTSTATUS_API_KEY!);
const offline = new Gateway('placeholder');
console.log('gateway', gateway);
console.log(offline);
`,
    errors: [finding('keyLogged', 10, 1, { source: ENV, sink: 'console.log' })],
  }),
  named('a parameter property, a field initialiser, a subclass passing super(…) the key', {
    code: `
class Base {
  constructor(protected readonly apiKey: string) {}
}
class Messages extends Base {
  readonly headers = { accept: 'application/json' };
  constructor() {
    super(process.env.PILOTSTATUS_API_KEY!);
  }
}
class Configured {
  readonly key = process.env.PILOTSTATUS_API_KEY;
}
console.log(new Base(process.env.PILOTSTATUS_API_KEY!));
console.log(new Messages());
console.log(JSON.stringify(new Configured()));
`,
    errors: [finding('keyLogged', 14, 1, { source: ENV, sink: 'console.log' }), finding('keyLogged', 15, 1, { source: ENV, sink: 'console.log' }), finding('keyLogged', 16, 1, { source: ENV, sink: 'console.log' })],
  }),
];

const onlyWithTypes: { valid: Valid[]; invalid: Invalid[] } = {
  valid: [
    named('a package type with a key field, read field by field', {
      code: `
import { loadSettings } from '@acme/pilot-settings';
const settings = loadSettings();
console.log('region', settings.region);
fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': settings.apiKey } });
`,
      filename: crossModule,
    }),
  ],
  invalid: [
    named('an injected service whose private config holds a brand-typed key, logged whole', {
      code: `
import type { TenantApiKey } from './key-types';
interface PilotConfig { hqKey: TenantApiKey; timeoutMs: number }
class Gateway {
  constructor(private readonly config: PilotConfig) {}
}
export class Lines {
  constructor(private readonly gateway: Gateway) {}
  debug() { console.debug('gateway', this.gateway); }
}
`,
      filename: crossModule,
      errors: [finding('keyLogged', 9, 13, { source: 'a value of type `TenantApiKey`', sink: 'console.debug' })],
    }),
    named('a type declared in a package (only the checker reads it)', {
      code: `
import { loadSettings, type PilotStatusSettings } from '@acme/pilot-settings';
export function start(settings: PilotStatusSettings) {
  console.log('settings', settings);
  const loaded = loadSettings();
  console.log('loaded', loaded);
  return fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': settings.apiKey } });
}
`,
      filename: crossModule,
      errors: [
        finding('keyLogged', 4, 3, { source: '`PilotStatusSettings.apiKey`', sink: 'console.log' }),
        finding('keyLogged', 6, 3, { source: '`PilotStatusSettings.apiKey`', sink: 'console.log' }),
      ],
    }),
  ],
};

runInBothModes('no-key-logging: logged objects', rule, { valid, invalid }, onlyWithTypes);

describe('no-key-logging output on logged objects', () => {
  it('never prints a generated key', () => {
    const findings = lintWithoutPrintingKeys(invalid, [live]);
    expect(findings).toBeGreaterThan(20);
  });
});
