/**
 * The one table of HTTP clients the analysis knows: which modules provide each client, how its
 * instances are made, and what its errors and responses carry. The request model, the relevance
 * pre-filter, the taint engine and no-bearer-auth all read it, so a client added here is known to
 * all of them at once.
 */

export type ClientName = 'fetch' | 'axios' | 'got' | 'ky' | 'ofetch' | 'superagent' | 'node-http' | 'xhr' | 'sdk' | 'undici';

export interface HttpClient {
  name: ClientName;
  /** Packages (without `node:`) whose imports are this client. */
  modules: readonly string[];
  /** Globals that are this client without an import (`fetch`, `$fetch`, `XMLHttpRequest`). */
  globals: readonly string[];
  /** Methods of the client that make an instance with defaults (`axios.create`, `got.extend`). */
  instanceFactories: readonly string[];
  /** Option names of an instance's base URL. */
  baseUrlOptions: readonly string[];
  /** Its errors hold the request options (headers included): `err.config`, `err.options`, `err.request`. */
  errorsCarryRequest: boolean;
  /** Its response object holds the request config (`res.config.headers`). */
  responsesCarryRequest: boolean;
}

const BASE_URL_OPTIONS = ['baseURL', 'baseUrl', 'prefixUrl', 'prefixURL'] as const;

export const HTTP_CLIENTS: readonly HttpClient[] = [
  {
    name: 'fetch',
    modules: ['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch', '@whatwg-node/fetch'],
    globals: ['fetch'],
    instanceFactories: [],
    baseUrlOptions: [],
    errorsCarryRequest: false,
    responsesCarryRequest: false,
  },
  { name: 'undici', modules: ['undici'], globals: [], instanceFactories: [], baseUrlOptions: [], errorsCarryRequest: false, responsesCarryRequest: false },
  { name: 'ofetch', modules: ['ofetch', 'ohmyfetch'], globals: ['$fetch'], instanceFactories: ['create'], baseUrlOptions: BASE_URL_OPTIONS, errorsCarryRequest: false, responsesCarryRequest: false },
  { name: 'axios', modules: ['axios'], globals: [], instanceFactories: ['create'], baseUrlOptions: BASE_URL_OPTIONS, errorsCarryRequest: true, responsesCarryRequest: true },
  { name: 'got', modules: ['got'], globals: [], instanceFactories: ['extend'], baseUrlOptions: BASE_URL_OPTIONS, errorsCarryRequest: true, responsesCarryRequest: false },
  { name: 'ky', modules: ['ky'], globals: [], instanceFactories: ['create', 'extend'], baseUrlOptions: BASE_URL_OPTIONS, errorsCarryRequest: true, responsesCarryRequest: false },
  { name: 'superagent', modules: ['superagent'], globals: [], instanceFactories: [], baseUrlOptions: [], errorsCarryRequest: false, responsesCarryRequest: false },
  { name: 'node-http', modules: ['http', 'https'], globals: [], instanceFactories: [], baseUrlOptions: [], errorsCarryRequest: false, responsesCarryRequest: false },
  { name: 'xhr', modules: [], globals: ['XMLHttpRequest'], instanceFactories: [], baseUrlOptions: [], errorsCarryRequest: false, responsesCarryRequest: false },
  { name: 'sdk', modules: ['@pilot-status/sdk'], globals: [], instanceFactories: [], baseUrlOptions: [], errorsCarryRequest: false, responsesCarryRequest: false },
];

export const SDK_MODULE = '@pilot-status/sdk';

const byModule = new Map(HTTP_CLIENTS.flatMap((client) => client.modules.map((module) => [module, client] as const)));
const byGlobal = new Map(HTTP_CLIENTS.flatMap((client) => client.globals.map((name) => [name, client] as const)));
const byName = new Map(HTTP_CLIENTS.map((client) => [client.name, client] as const));

/** The client a module specifier (`axios`, `node:https`) provides. */
export function findClientByModule(specifier: string): HttpClient | undefined {
  return byModule.get(specifier.replace(/^node:/, ''));
}

/** The client a global name (`fetch`, `$fetch`) is. */
export function findClientByGlobal(name: string): HttpClient | undefined {
  return byGlobal.get(name);
}

export function getClient(name: ClientName): HttpClient {
  return byName.get(name)!;
}

/** Every method name that makes an instance of some client (`create`, `extend`). */
export const INSTANCE_FACTORIES: ReadonlySet<string> = new Set(HTTP_CLIENTS.flatMap((client) => client.instanceFactories));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Words without which a module cannot make or wrap a request: a client's module quoted (as imported
 * or required), a global, `fetch` in any form (`fetch(`, `$fetch`, `ofetch`), `new Request(`, the SDK's class.
 */
export const REQUEST_CLIENT_WORDS = new RegExp(
  [
    'fetch',
    `["'\`](?:node:)?(?:${HTTP_CLIENTS.flatMap((client) => client.modules).map(escape).join('|')})["'\`/]`,
    ...HTTP_CLIENTS.flatMap((client) => client.globals).map(escape),
    '\\bRequest\\(',
    'PilotStatusClient',
  ].join('|'),
  'i',
);
