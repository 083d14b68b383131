/**
 * The text pre-filters of `src/analysis/relevance.ts`, on module trees written at run time: they
 * decide from words alone, so what they must never do is say "no" where the AST pass could report.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { Evidence, findClosureEvidence, findEvidence, isRelevantSource, mayReachRequestClient, meetsPrecondition } from '../../src/analysis/relevance.js';
import { isPilotStatusKeyName } from '../../src/core/names.js';

const created: string[] = [];
afterAll(() => created.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

function writeModules(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pilotstatus-relevance-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('mayReachRequestClient', () => {
  const root = writeModules({
    'http.ts': "export const post = (url: string, body: unknown) => fetch(url, { method: 'POST', body: JSON.stringify(body) });",
    'api.ts': "import { post } from './http';\nexport const send = (to: string) => post('/v1/messages/send', { to });",
    'client.ts': "import axios from 'axios';\nexport const api = axios.create({});",
    'node.ts': "import { request } from 'node:https';\nexport const call = () => request('x');",
    'math.ts': "export const add = (a: number, b: number) => a + b;",
    'format.ts': "import { add } from './math';\nexport const sum = (values: number[]) => values.reduce(add, 0);",
    'cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b();",
    'cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a();",
    'deep/one.ts': "import { two } from './two';\nexport const one = () => two();",
    'deep/two.ts': "import { send } from '../api';\nexport const two = () => send('1');",
  });
  const reaches = (file: string) => mayReachRequestClient(join(root, file), DEFAULT_SETTINGS);

  it('is true for a module that uses a client, and for the modules that import one (a wrapper of a wrapper)', () => {
    expect(reaches('http.ts')).toBe(true);
    expect(reaches('client.ts')).toBe(true);
    expect(reaches('node.ts')).toBe(true);
    expect(reaches('api.ts')).toBe(true);
    expect(reaches('deep/one.ts')).toBe(true);
  });

  it('is false for modules whose whole import closure names no client, cycles included', () => {
    expect(reaches('math.ts')).toBe(false);
    expect(reaches('format.ts')).toBe(false);
    expect(reaches('cycle-a.ts')).toBe(false);
    expect(reaches('cycle-b.ts')).toBe(false);
  });

  it('says yes for a file it cannot read (the AST pass finds out)', () => {
    expect(reaches('missing.ts')).toBe(true);
  });
});

describe('isRelevantSource', () => {
  it('is true for a file that imports a module holding a trigger word, false without one', () => {
    const root = writeModules({
      'config.ts': 'export const key = process.env.PILOTSTATUS_API_KEY;',
      'uses.ts': "import { key } from './config';\nexport const k = key;",
      'plain.ts': "import { add } from './math';\nexport const x = add(1, 2);",
      'math.ts': 'export const add = (a: number, b: number) => a + b;',
    });
    const relevant = (file: string, text: string) => isRelevantSource(join(root, file), text, DEFAULT_SETTINGS);
    expect(relevant('uses.ts', "import { key } from './config';\nexport const k = key;")).toBe(true);
    expect(relevant('plain.ts', "import { add } from './math';\nexport const x = add(1, 2);")).toBe(false);
  });
});

describe('evidence by words (precise gating)', () => {
  const bits = (text: string) => findEvidence(text, DEFAULT_SETTINGS);

  it('does not take copilot, autopilot or a bare apiKey for PilotStatus', () => {
    expect(bits("const copilot = new Copilot({ apiKey: process.env.OPENAI_API_KEY });\nautopilot.engage();")).toBe(0);
    expect(bits("initializeApp({ apiKey: 'AIzaSyExample', authDomain: 'x.firebaseapp.com' });") & ~Evidence.requestClient).toBe(0);
  });

  it("does not take WhatsApp libraries' own keys for PilotStatus key names", () => {
    for (const name of ['WAMessageKey', 'waMessageKey', 'whatsappMediaKey', 'WA_SESSION_TOKEN', 'whatsappChatKey']) {
      expect(isPilotStatusKeyName(name, DEFAULT_SETTINGS), name).toBe(false);
    }
    for (const name of ['WHATSAPP_API_KEY', 'waApiKey', 'EVOLUTION_TENANT_KEY', 'PILOTSTATUS_API_KEY_ID', 'pilotKey']) {
      expect(isPilotStatusKeyName(name, DEFAULT_SETTINGS), name).toBe(true);
    }
    expect(bits('async sendMessage(key: WAMessageKey) { return this.sock.sendMessage(key.remoteJid, {}); }') & Evidence.keyName).toBe(0);
  });

  it('finds every default key and URL name, whatever its case style (the prefix hint never hides one)', () => {
    const names = ['PILOTSTATUS_API_KEY', 'pilotStatusApiKey', 'pilot-status-api-key', 'shopPsKey', 'SHOP_PS_KEY', 'ps_api_key', 'PsKey', 'waApiKey', 'WA_API_KEY', 'my_wa_token',
      'whatsappApiKey', 'WhatsappTenantKey', 'EVOLUTION_TENANT_KEY', 'evolutionApiKey', 'monitorStatusKey', 'MONITOR_STATUS_API_KEY', 'pilotKey', 'PS_API_KEY_ID', 'ps_gateway_url', 'psGatewayUrl', 'PILOT_STATUS_NATIVE_URL'];
    for (const name of names) {
      expect(findEvidence(`const x = ${name};`, DEFAULT_SETTINGS) & (Evidence.keyName | Evidence.urlName), name).not.toBe(0);
    }
  });

  it('finds each kind of evidence as a word', () => {
    expect(bits('const key = process.env.PILOTSTATUS_API_KEY;')).toBe(Evidence.keyName);
    expect(bits("const base = 'https://api.pilotstatus.com.br/v1';") & Evidence.apiHost).toBe(Evidence.apiHost);
    expect(bits("const base = 'https://notpilotstatus.com.br.example.org';") & Evidence.apiHost).toBe(0);
    expect(bits('const url = process.env.PS_GATEWAY_URL;')).toBe(Evidence.urlName);
    expect(bits("headers: { 'x-api-key': k }")).toBe(Evidence.keyHeader);
    expect(bits("import { PilotStatusClient } from '@pilot-status/sdk';")).toBe(Evidence.sdk | Evidence.requestClient);
    expect(bits('type TenantApiKey = string & { __scope: "tenant" };')).toBe(Evidence.brand);
    expect(bits("const prefix = 'ps_';")).toBe(Evidence.keyMarker);
    expect(bits('const maps_key = 1;')).toBe(0);
  });

  it('reads brand words and key markers by their boundaries, as the word patterns they stand for', () => {
    const brand = (text: string) => (findEvidence(text, DEFAULT_SETTINGS) & Evidence.brand) !== 0;
    for (const text of ['TenantApiKey', 'x: PilotStatusNumberKeyId;', '(NumberKey)', 'ScopedApiKey', '{ __scope: 1 }', '/** @pilotstatusScope tenant */', `Number${'A'.repeat(40)}Key`]) {
      expect(brand(text), text).toBe(true);
    }
    // Vue's `__scopeId`, a word glued before the brand, `KeyIdx`, a head past 40 letters: no brand
    for (const text of ['instance.__scopeId', 'xTenantKey', '_PilotKey', 'NumberKeyIdx', `Number${'A'.repeat(41)}Key`, 'Tenant-Key']) {
      expect(brand(text), text).toBe(false);
    }
    const marker = (text: string) => (findEvidence(text, DEFAULT_SETTINGS) & Evidence.keyMarker) !== 0;
    expect(marker('ps_')).toBe(true);
    expect(marker("'ps_live_'")).toBe(true);
    expect(marker('maps_ steps_ $ps_')).toBe(false);
  });

  it('takes a PilotStatus-named type with an apiKey field for a key-holding type, and nothing less', () => {
    expect(bits('export interface PilotStatusConfig {\n  apiKey: string;\n  baseUrl: string;\n}')).toBe(Evidence.keyType);
    expect(bits('type PilotOptions = { api_key?: string }')).toBe(Evidence.keyType);
    expect(bits('interface ResendOptions { apiKey: string }')).toBe(0);
    expect(bits('interface PilotLogEntry { message: string }')).toBe(0);
    expect(bits('class Autopilot { apiKey: string }')).toBe(0);
  });

  it('uses custom apiHosts and name patterns from the settings', () => {
    const settings = { ...DEFAULT_SETTINGS, apiHosts: ['relay.acme.internal'], keyNames: '^ACME_SECRET$' };
    expect(findEvidence("fetch('https://relay.acme.internal/v1/messages/send')", settings) & Evidence.apiHost).toBe(Evidence.apiHost);
    expect(findEvidence('const s = process.env.ACME_SECRET;', settings) & Evidence.keyName).toBe(Evidence.keyName);
  });

  it("states each rule's precondition over the file and its imports", () => {
    const root = writeModules({
      'config.ts': "export const base = 'https://pilotstatus.com.br/v1';",
      'send.ts': "import { base } from './config';\nexport const send = (key: string) => fetch(`${base}/messages/send`, { headers: { Authorization: `Bearer ${key}` } });",
      'log.ts': 'export const show = (value: unknown) => console.log(value);',
    });
    const evidence = (file: string, text: string) => findClosureEvidence(join(root, file), text, DEFAULT_SETTINGS);
    const send = evidence('send.ts', "import { base } from './config';\nexport const send = (key: string) => fetch(`${base}/messages/send`, { headers: { Authorization: `Bearer ${key}` } });");
    expect(meetsPrecondition('require-key-header', send)).toBe(true);
    expect(meetsPrecondition('no-bearer-auth', send)).toBe(true);
    // no key source anywhere in its closure: nothing to log, nothing hardcoded
    expect(meetsPrecondition('no-key-logging', send)).toBe(false);
    expect(meetsPrecondition('no-hardcoded-key', send)).toBe(false);
    const log = evidence('log.ts', 'export const show = (value: unknown) => console.log(value);');
    expect(['no-hardcoded-key', 'no-client-key', 'no-bearer-auth', 'require-key-header', 'no-key-in-url', 'key-scope-mismatch', 'no-key-logging'].some((rule) => meetsPrecondition(rule, log))).toBe(false);
    // another vendor's API with an x-api-key header: its value may be logged as a key, but it is no PilotStatus key sent abroad
    const vendor = evidence('vendor.ts', "export const ask = (apiKey: string) => fetch('https://api.evoai.example/v1/tasks', { headers: { 'x-api-key': apiKey } });");
    expect(meetsPrecondition('no-key-logging', vendor)).toBe(true);
    expect(meetsPrecondition('no-key-to-foreign-host', vendor)).toBe(false);
    expect(meetsPrecondition('no-key-to-foreign-host', evidence('relay.ts', "export const relay = (url: string) => fetch(url, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY ?? '' } });"))).toBe(true);
  });

  it('counts x-api-key from an imported module only where PilotStatus is requested', () => {
    const root = writeModules({
      'auth.ts': "export const HEADER = 'x-api-key';",
      'pilot.ts': "export const base = 'https://pilotstatus.com.br/v1';",
      'other.ts': "import { HEADER } from './auth';\nexport const show = (value: unknown) => console.log(HEADER, value);",
      'sender.ts': "import { HEADER } from './auth';\nimport { base } from './pilot';\nexport const show = (value: unknown) => console.log(HEADER, base, value);",
    });
    const logging = (file: string, text: string) => meetsPrecondition('no-key-logging', findClosureEvidence(join(root, file), text, DEFAULT_SETTINGS));
    expect(logging('other.ts', "import { HEADER } from './auth';\nexport const show = (value: unknown) => console.log(HEADER, value);")).toBe(false);
    expect(logging('sender.ts', "import { HEADER } from './auth';\nimport { base } from './pilot';\nexport const show = (value: unknown) => console.log(HEADER, base, value);")).toBe(true);
    // in the file itself the header counts: a key header built and logged here is a key either way
    expect(logging('inline.ts', "const headers = { 'x-api-key': key };\nconsole.log(headers);")).toBe(true);
  });
});
