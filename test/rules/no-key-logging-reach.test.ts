/**
 * no-key-logging where the only words that say key are the file's own `x-api-key` headers (any
 * vendor's words: no PilotStatus host, key name, key literal, brand or SDK anywhere), so the rule
 * works source-first (`src/analysis/taint/reach.ts`): a sink argument no header write can reach is
 * not evaluated. Every way the engine follows a header value to a sink must still be followed —
 * objects, member writes, `Object.assign`, name constants, request errors and responses, instances,
 * promise callbacks, fields, returns, constructor arguments, log helpers — and what no header
 * reaches stays clean. Both modes; the typed run uses a project of its own
 * (`test/fixtures/vendor-key`), where no other file says key, as in a real app of another vendor.
 *
 * The second part checks the pruning itself: which arguments the reach pass marks.
 */
import { join } from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-key-logging.js';
import { getAnalysisContext, isRelevantFile } from '../../src/analysis/context.js';
import { getKeyReach } from '../../src/analysis/taint/reach.js';
import { named } from '../support/cases.js';
import { HEADER, RESPONSE, finding, httpError, type Invalid, type Valid } from '../support/logging-cases.js';
import { createRuleTester, TYPED_FIXTURE_ROOT } from '../support/rule-tester.js';

const VENDOR_ROOT = join(TYPED_FIXTURE_ROOT, '..', 'vendor-key');
const filename = join(VENDOR_ROOT, 'file.ts');

const valid: Valid[] = [
  named('what no header write reaches: the URL, the body, a response body, an error message', {
    code: `
import axios from 'axios';
export async function relay(endpoint: string, payload: { text: string }, token: string) {
  console.log('sending to', endpoint, JSON.stringify(payload));
  try {
    const response = await axios.post(endpoint, payload, { headers: { 'x-api-key': token } });
    console.log('reply', JSON.stringify(response.data), response.status);
  } catch (error: any) {
    console.error('relay failed', error.message, error?.response?.data);
  }
}
`,
  }),
  named('a log in another function that no header value reaches', {
    code: `
import axios from 'axios';
const client = axios.create({ baseURL: 'https://vendor.example/v1' });
export function describe(session: { id: string }, token: string) {
  console.log('session', session.id, token.length);
}
export const ping = () => client.get('/ping', { headers: { 'x-api-key': process.env.VENDOR_TOKEN } });
`,
  }),
];

const invalid: Invalid[] = [
  named('a headers object', {
    code: `
export function send(token: string) {
  const headers = { 'x-api-key': token, accept: 'application/json' };
  console.log('headers', headers);
}
`,
    errors: [finding('keyLogged', 4, 3, { source: HEADER, sink: 'console.log' })],
  }),
  named('a member write, and Object.assign', {
    code: `
export function send(token: string) {
  const headers: Record<string, string> = {};
  headers['x-api-key'] = token;
  console.info(headers);
  const merged = {};
  Object.assign(merged, { 'x-api-key': token });
  console.warn(merged);
}
`,
    errors: [finding('keyLogged', 5, 3, { source: HEADER, sink: 'console.info' }), finding('keyLogged', 8, 3, { source: HEADER, sink: 'console.warn' })],
  }),
  named('the header name through a constant', {
    code: `
const HEADER_NAME = 'x-api-key';
export function send(token: string) {
  const headers = { [HEADER_NAME]: token };
  console.log(headers);
}
`,
    errors: [finding('keyLogged', 5, 3, { source: HEADER, sink: 'console.log' })],
  }),
  named('the error of a request that sent the header, in catch and in .catch', {
    code: `
import axios from 'axios';
export async function relay(endpoint: string, token: string) {
  try {
    await axios.post(endpoint, {}, { headers: { 'x-api-key': token } });
  } catch (error) {
    console.error('relay failed', error);
  }
  axios.get(endpoint, { headers: { 'x-api-key': token } }).catch((failure) => console.error(failure));
}
`,
    errors: [finding('keyLogged', 7, 5, { source: httpError('axios'), sink: 'console.error' }), finding('keyLogged', 9, 79, { source: httpError('axios'), sink: 'console.error' })],
  }),
  named('the response of a request that sent the header, and of an instance created with it', {
    code: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://vendor.example/v1', headers: { 'x-api-key': process.env.VENDOR_TOKEN } });
export async function relay(endpoint: string, token: string) {
  const response = await axios.get(endpoint, { headers: { 'x-api-key': token } });
  console.log(response);
  const status = await api.get('/status');
  console.log(status);
}
`,
    errors: [finding('keyLogged', 6, 3, { source: RESPONSE, sink: 'console.log' }), finding('keyLogged', 8, 3, { source: RESPONSE, sink: 'console.log' })],
  }),
  named('a field set in the constructor, a method returning the headers', {
    code: `
export class Relay {
  private headers: Record<string, string>;
  constructor(private readonly token: string) {
    this.headers = { 'x-api-key': token };
  }
  authHeaders() {
    return { 'x-api-key': this.token };
  }
  dump() {
    console.log(this.headers);
    console.log(this.authHeaders());
  }
}
`,
    errors: [finding('keyLogged', 11, 5, { source: HEADER, sink: 'console.log' }), finding('keyLogged', 12, 5, { source: HEADER, sink: 'console.log' })],
  }),
  named('a getter returning the headers, and constructor options holding them', {
    code: `
class Client {
  constructor(private readonly options: { headers: Record<string, string> }) {}
  get headers() {
    return { 'x-api-key': process.env.VENDOR_TOKEN ?? '' };
  }
  dump() {
    console.log(this.headers);
    console.log(this.options);
  }
}
export const client = new Client({ headers: { 'x-api-key': process.env.VENDOR_TOKEN ?? '' } });
`,
    errors: [finding('keyLogged', 8, 5, { source: HEADER, sink: 'console.log' }), finding('keyLogged', 9, 5, { source: HEADER, sink: 'console.log' })],
  }),
  named('an instance whose field holds the headers, and one of a subclass', {
    code: `
class Relay {
  readonly headers: Record<string, string>;
  constructor(token: string) {
    this.headers = { 'x-api-key': token };
  }
}
class AdminRelay extends Relay {}
export function dump(token: string) {
  const relay = new Relay(token);
  console.log(relay.headers);
  const admin = new AdminRelay(token);
  console.log(admin.headers);
}
`,
    errors: [finding('keyLogged', 11, 3, { source: HEADER, sink: 'console.log' }), finding('keyLogged', 13, 3, { source: HEADER, sink: 'console.log' })],
  }),
  named('the error of requests made in callbacks inside the try block', {
    code: `
import axios from 'axios';
export async function fanOut(urls: string[], token: string) {
  try {
    await Promise.all(urls.map((url) => axios.get(url, { headers: { 'x-api-key': token } })));
  } catch (error) {
    console.error(error);
  }
  try {
    for (const url of urls) {
      await new Promise<void>((resolve) => {
        void axios.post(url, {}, { headers: { 'x-api-key': token } }).then(() => resolve());
      });
    }
  } catch (failure) {
    console.error(failure);
  }
}
`,
    errors: [finding('keyLogged', 7, 5, { source: httpError('axios'), sink: 'console.error' }), finding('keyLogged', 16, 5, { source: httpError('axios'), sink: 'console.error' })],
  }),
  named('a function returning the headers, and a log helper given them', {
    code: `
function authHeaders(token: string) {
  return { 'x-api-key': token };
}
function logAll(...parts: unknown[]) {
  console.log(...parts);
}
export function send(token: string) {
  console.log(authHeaders(token));
  logAll('headers', { 'x-api-key': token });
}
`,
    errors: [finding('keyLogged', 9, 3, { source: HEADER, sink: 'console.log' }), finding('keyLoggedByHelper', 10, 3, { source: HEADER, sink: 'logAll', innerSink: 'console.log' })],
  }),
];

const typedTester = new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: VENDOR_ROOT } } });
const validWithFilename = (item: Valid) => ({ ...(typeof item === 'string' ? { code: item } : item), filename });

createRuleTester().run('no-key-logging, only the file says key (syntactic)', rule, { valid, invalid });
typedTester.run('no-key-logging, only the file says key (type-aware)', rule, { valid: valid.map(validWithFilename), invalid: invalid.map((item) => ({ ...item, filename })) });

/** The arguments of each `console.log` call, and whether the reach pass says a key may be in them. */
function markedArguments(code: string): Array<{ line: number; marked: boolean }> {
  const seen: Array<{ line: number; marked: boolean }> = [];
  const probe = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: Parameters<typeof rule.create>[0]) {
      if (!isRelevantFile(context, 'no-key-logging')) return {};
      return {
        'CallExpression[callee.object.name="console"]'(node: TSESTree.CallExpression) {
          const reach = getKeyReach(getAnalysisContext(context));
          seen.push({ line: node.loc.start.line, marked: node.arguments.some((argument) => reach.mayCarry(argument)) });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { probe: { rules: { reach: probe } } }, rules: { 'probe/reach': 'error' } }] as unknown as Linter.Config[], { filename: 'relay.ts' });
  return seen;
}

describe('source-first reach', () => {
  it('marks only the log arguments a header write can reach', () => {
    const marks = markedArguments(`
import axios from 'axios';
export async function relay(endpoint: string, payload: object, token: string) {
  console.log('to', endpoint);
  console.log(JSON.stringify(payload));
  const response = await axios.post(endpoint, payload, { headers: { 'x-api-key': token } });
  const reply = response.data;
  console.log(reply);
}
`);
    expect(marks).toEqual([
      { line: 4, marked: false },
      { line: 5, marked: false },
      // flow-insensitive and by name: a response body still counts (the engine then says it is clean)
      { line: 8, marked: true },
    ]);
  });

  it('marks everything when a key source is in the file (no pruning)', () => {
    const marks = markedArguments(`
export function send(text: string) {
  const key = process.env.PILOTSTATUS_API_KEY;
  console.log(text);
}
`);
    expect(marks).toEqual([{ line: 4, marked: true }]);
  });
});
