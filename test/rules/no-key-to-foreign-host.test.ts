import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import rule, { type MessageId, type Options } from '../../rules/no-key-to-foreign-host.js';
import { redactKey } from '../../src/core/key.js';
import { named, runInBothModes } from '../support/cases.js';
import { assertNoKeyIn, fakeKey } from '../support/fake-key.js';
import { typedFixture } from '../support/rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

// Linted as a module of the fixture project, so `./relay` and `./key-types` resolve in both modes.
const filename = typedFixture('foreign/case.ts');
const live = fakeKey(1601);
const sandbox = fakeKey(1602, { environment: 'test' });

const valid: Array<string | Valid> = [
  // PilotStatus hosts, subdomains, the /api/v1 root
  `
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
await fetch('https://api.pilotstatus.online/api/v1/groups', { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
`,
  // a base URL read from a PilotStatus-URL-named variable, whatever it holds
  `
const base = process.env.PILOTSTATUS_API_URL!;
await fetch(\`\${base}/messages/send\`, { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
`,
  // another vendor's own key sent to that vendor, next to a PilotStatus call
  `
await fetch('https://api.resend.com/emails', { method: 'POST', headers: { authorization: \`Bearer \${process.env.RESEND_API_KEY}\` }, body: JSON.stringify({ to: 'a@b.c' }) });
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
`,
  // a generic key name (WhatsApp Cloud API token) sent to Meta, never to PilotStatus in this file
  `
await fetch('https://graph.facebook.com/v19.0/123/messages', { method: 'POST', headers: { authorization: \`Bearer \${process.env.WHATSAPP_TOKEN}\` } });
`,
  // no PilotStatus key in the request
  `
export async function relay(request: Request) {
  const body = await request.json();
  await fetch(body.callbackUrl, { method: 'POST', body: JSON.stringify({ ok: true }) });
}
`,
  // a relay that takes the key header out before forwarding
  `
const pilotHeaders: Record<string, string> = { accept: 'application/json', 'x-api-key': process.env.PILOTSTATUS_API_KEY! };
export async function relay(request: Request) {
  const event = JSON.parse(await request.text());
  const { 'x-api-key': _dropped, ...relayHeaders } = pilotHeaders;
  await fetch(event.metadata.callbackUrl, { method: 'POST', headers: { ...relayHeaders, 'x-relay': '1' } });
}
`,
  // relays that delete the key header from a copy first
  `
const pilotHeaders: Record<string, string> = { accept: 'application/json', 'x-api-key': process.env.PILOTSTATUS_API_KEY! };
export async function relay(request: Request) {
  const event = JSON.parse(await request.text());
  const headers = { ...pilotHeaders };
  delete headers['x-api-key'];
  await fetch(event.callbackUrl, { method: 'POST', headers });
}
`,
  // a key masked for an audit service is not the key... but the prefix alone: still not sent whole
  `
await fetch('https://audit.acme-logs.io/events', { method: 'POST', body: JSON.stringify({ keyConfigured: Boolean(process.env.PILOTSTATUS_API_KEY) }) });
`,
  // our own origin: a relative URL, and the incoming request's own URL
  `
export async function load({ request }: { request: Request }) {
  await fetch('/api/internal/notify', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  await fetch(new URL('/api/refresh', request.url), { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
}
`,
  // the incoming request's own origin, an unknown (not untrusted) base, generic names to their vendors
  `
export async function sync(req: Request) {
  await fetch(\`\${new URL(req.url).origin}/api/sync\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  await fetch(\`\${process.env.EGRESS_URL}/v1/messages/send\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  await fetch('https://evo.mycompany.com.br/message/sendText/shop', { method: 'POST', headers: { apikey: process.env.EVOLUTION_API_KEY! } });
}
`,
  // masked, counted or hashed: not the key
  `
const pilotKey = process.env.PILOTSTATUS_API_KEY ?? '';
const mask = (key: string) => (key ? \`\${key.slice(0, 8)}…\` : '(unset)');
await fetch('https://logs.acme-logging.io/ingest', { method: 'POST', body: JSON.stringify({ pilotKey: mask(pilotKey), length: pilotKey.length, set: Boolean(pilotKey) }) });
await fetch('https://hooks.slack.com/services/T/B/X', { method: 'POST', body: JSON.stringify({ text: \`PILOTSTATUS_API_KEY is \${pilotKey ? 'set' : 'missing'}\` }) });
`,
  // the SDK talks to PilotStatus itself
  `
import { PilotStatusClient } from '@pilot-status/sdk';
const client = new PilotStatusClient({ apiKey: process.env.PILOTSTATUS_API_KEY! });
await client.messages.send({ to: '1', text: 'hi' });
`,
  // the untrusted part is a query parameter, not the host
  `
export async function track(request: Request) {
  const { ref } = await request.json();
  await fetch(\`https://pilotstatus.com.br/v1/messages/\${ref}\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
}
`,
  // the helper that adds the key: its URL comes from its caller, which is where a finding would be
  `
export async function postWithKey(url: string, body: unknown) {
  await fetch(url, { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! }, body: JSON.stringify(body) });
}
`,
  // forwarding without the key
  `
import { forward } from './relay';
export async function handle(req: { body: { webhookUrl: string } }) {
  await forward(req.body.webhookUrl, { ok: true });
}
`,
];

// A fake key to a local test server in a test file
const testServerCase: Valid = named('a fake key to a local test server in a test file', {
  filename: typedFixture('foreign/server.spec.ts'),
  code: `
const server = 'http://127.0.0.1:4010';
await fetch(\`\${server}/v1/messages/send\`, { method: 'POST', headers: { 'x-api-key': '${sandbox}' } });
await fetch('http://localhost:4010/v1/groups', { headers: { 'x-api-key': '${sandbox}' } });
await fetch('http://mock-pilot/v1/groups', { headers: { 'x-api-key': '${sandbox}' } });
`,
});

const invalid: Invalid[] = [
  // the key in a vendor's body, inside JSON.stringify (an uptime monitor's request headers)
  {
    code: `
const res = await fetch('https://uptime.betterstack.com/api/v2/monitors', {
  method: 'POST',
  headers: { authorization: \`Bearer \${process.env.BETTERSTACK_API_TOKEN}\` },
  body: JSON.stringify({ url: 'https://pilotstatus.com.br/v1/analytics', request_headers: [{ name: 'x-api-key', value: process.env.PILOTSTATUS_API_KEY }] }),
});
`,
    errors: [{ messageId: 'keyToForeignHost', line: 2, endLine: 6, data: { key: '`process.env.PILOTSTATUS_API_KEY`', where: 'the request body or query', host: 'uptime.betterstack.com' } }],
  },
  // a callback URL from the incoming request's body, with a shared headers object
  {
    code: `
export async function POST({ request }: { request: Request }) {
  const notice = (await request.json()) as { callbackUrl?: string };
  const headers = { 'content-type': 'application/json', 'x-api-key': process.env.PILOTSTATUS_NUMBER_KEY! };
  await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers });
  if (notice.callbackUrl) await fetch(notice.callbackUrl, { method: 'POST', headers });
}
`,
    errors: [{ messageId: 'keyToUntrustedUrl', line: 6, data: { key: '`process.env.PILOTSTATUS_NUMBER_KEY`', where: 'the header `x-api-key`', source: "input the request's sender controls (`notice.callbackUrl`)" } }],
  },
  // Express: req.body / req.query, built into a template by its head, axios
  {
    code: `
import axios from 'axios';
const pilotKey = process.env.PILOT_API_KEY;
export async function handler(req: any, res: any) {
  await axios.post(\`\${req.body.webhook}/delivered\`, { ok: true }, { headers: { 'x-api-key': pilotKey } });
  const target = new URL(req.query.next as string);
  await axios.get(target.toString(), { params: { key: pilotKey } });
  res.end();
}
`,
    errors: [
      { messageId: 'keyToUntrustedUrl', line: 5 },
      { messageId: 'keyToUntrustedUrl', line: 7 },
    ],
  },
  // a webhook payload field, parsed from the raw body
  {
    code: `
export async function onDelivery(request: Request) {
  const raw = await request.text();
  const event = JSON.parse(raw);
  const target = event.metadata?.agencyCallback;
  await fetch(target, { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! }, body: raw });
}
`,
    errors: [{ messageId: 'keyToUntrustedUrl', line: 6 }],
  },
  // the query of the incoming request: Next.js route handlers, SvelteKit loads, Hono
  {
    code: `
import got from 'got';
import axios from 'axios';
export async function GET(req: Request) {
  const { searchParams } = new URL(req.url);
  await fetch(searchParams.get('callback')!, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
}
export const load = async ({ url }: { url: URL }) => {
  await got.post(url.searchParams.get('hook')!, { json: { key: process.env.PILOTSTATUS_API_KEY } });
};
export async function hono(c: any) {
  const { webhookUrl } = await c.req.json();
  await axios.post(webhookUrl, { apiKey: process.env.PILOTSTATUS_API_KEY });
}
`,
    errors: [
      { messageId: 'keyToUntrustedUrl', line: 6, data: { key: '`process.env.PILOTSTATUS_API_KEY`', where: 'the header `x-api-key`', source: "input the request's sender controls (`searchParams.get('callback')`)" } },
      { messageId: 'keyToUntrustedUrl', line: 9, data: { key: '`process.env.PILOTSTATUS_API_KEY`', where: 'the request body or query', source: "input the request's sender controls (`url.searchParams.get('hook')`)" } },
      { messageId: 'keyToUntrustedUrl', line: 13 },
    ],
  },
  // NestJS: a DTO from the request body
  {
    code: `
import axios from 'axios';
class PartnerController {
  async notify(@Body() dto: { callbackUrl: string }, @Query('next') next: string) {
    await axios.post(dto.callbackUrl, { ok: true }, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
    await axios.get(next, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
  }
}
`,
    errors: [
      { messageId: 'keyToUntrustedUrl', line: 5, data: { key: '`process.env.PILOTSTATUS_API_KEY`', where: 'the header `x-api-key`', source: "input the request's sender controls (`dto.callbackUrl`)" } },
      { messageId: 'keyToUntrustedUrl', line: 6 },
    ],
  },
  // the key in the query of another vendor's URL
  {
    code: `
const key = Deno.env.get('PILOTSTATUS_API_KEY');
await fetch(\`https://hooks.zapier.com/hooks/catch/1/abc?ps=\${key}\`);
`,
    errors: [{ messageId: 'keyToForeignHost', line: 3, data: { key: "`Deno.env.get('PILOTSTATUS_API_KEY')`", where: 'the URL', host: 'hooks.zapier.com' } }],
  },
  // a tenant subdomain of another vendor
  {
    code: `
export const push = (tenant: string) => fetch(\`https://\${tenant}.zendesk.com/api/v2/tickets\`, { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
export const ours = (region: string) => fetch(\`https://\${region}.pilotstatus.online/v1/groups\`, { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
`,
    errors: [{ messageId: 'keyToForeignHost', line: 2, data: { key: '`process.env.PILOTSTATUS_API_KEY`', where: 'the header `x-api-key`', host: '*.zendesk.com' } }],
  },
  named('a ps_ literal sent to another vendor', {
    code: `
await fetch('https://api.crm-cloud.io/integrations', { method: 'POST', headers: { 'x-api-key': '${live}' } });
`,
    errors: [{ messageId: 'keyToForeignHost', line: 2, data: { key: redactKey(live), where: 'the header `x-api-key`', host: 'api.crm-cloud.io' } }],
  }),
  // a generic key name counts once the file sends the same key to PilotStatus
  {
    code: `
const headers = { 'x-api-key': process.env.WHATSAPP_API_KEY! };
await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers });
await fetch('https://api.segment.io/v1/track', { method: 'POST', headers });
`,
    errors: [{ messageId: 'keyToForeignHost', line: 4, data: { key: '`process.env.WHATSAPP_API_KEY`', where: 'the header `x-api-key`', host: 'api.segment.io' } }],
  },
  // through a helper that adds the key: reported where the URL is chosen
  {
    code: `
import { postWithKey } from './relay';
export async function handle(req: { body: { webhookUrl: string } }) {
  await postWithKey('https://example-partner.io/hooks/pilot', { ok: true });
  await postWithKey(req.body.webhookUrl, { ok: true });
}
`,
    errors: [
      { messageId: 'keyToForeignHost', line: 4, data: { key: '`process.env.PILOTSTATUS_API_KEY`', where: 'the header `x-api-key`', host: 'example-partner.io' } },
      { messageId: 'keyToUntrustedUrl', line: 5 },
    ],
  },
];

const withTypes: Invalid[] = [
  // a brand-typed value with a neutral name
  {
    code: `
import { credentials } from './key-types';
await fetch('https://api.partner-analytics.com/ingest', { method: 'POST', headers: { 'x-partner-token': credentials.secret } });
`,
    errors: [{ messageId: 'keyToForeignHost', line: 3, data: { key: 'a value of type `PilotStatusKey`', where: 'the header `x-partner-token`', host: 'api.partner-analytics.com' } }],
  },
];

const withoutTypes: Array<string | Valid> = [
  // without the checker, a neutral name says nothing
  `
import { credentials } from './key-types';
await fetch('https://api.partner-analytics.com/ingest', { method: 'POST', headers: { 'x-partner-token': credentials.secret } });
`,
];

const withFilename = <T extends { filename?: string }>(item: T): T => ({ ...item, filename: item.filename ?? filename });
const asCase = (item: Valid | string): Valid => withFilename(typeof item === 'string' ? { code: item } : item);

runInBothModes(
  'no-key-to-foreign-host',
  rule,
  { valid: [...valid.map(asCase), testServerCase], invalid: invalid.map(withFilename) },
  { invalid: withTypes.map(withFilename) },
  { valid: withoutTypes.map(asCase) },
);

describe('no-key-to-foreign-host messages', () => {
  it('never print the key', () => {
    const linter = new Linter();
    const messages = linter.verify(`await fetch('https://api.crm-cloud.io/x', { headers: { 'x-api-key': '${live}' } });`, [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: typescriptParser as unknown as Linter.Parser },
        plugins: { pilotstatus: { rules: { 'no-key-to-foreign-host': rule as never } } },
        rules: { 'pilotstatus/no-key-to-foreign-host': 'error' },
      },
    ], { filename: 'case.ts' });
    expect(messages).toHaveLength(1);
    assertNoKeyIn(JSON.stringify(messages), [live]);
  });
});
