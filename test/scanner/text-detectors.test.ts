/**
 * The text detectors, secretlint-style: `ng.*` cases must report exactly the listed findings, `ok.*`
 * cases nothing. Every case runs through the real CLI on a file written at run time.
 */
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../support/fake-key.js';
import { scanJson, summarize, writeTree } from './tree.js';

const live = fakeKey(101);
const test = fakeKey(102, { environment: 'test' });
const plain = fakeKey(103, { environment: 'none', length: 38 });
const lower = fakeKey(104, { alphabet: 'lower', length: 24 });
const keys = [live, test, plain, lower];
const PREFIX = ['p', 's', '_'].join('');

interface Case {
  name: string;
  file: string;
  content: string;
  expected: string[];
}

const ng: Case[] = [
  { name: 'ng.env-plain-key', file: '.env', content: `APP=shop\nPILOT_NUMBER_KEY=${plain}\n`, expected: ['.env:2 no-hardcoded-key'] },
  {
    name: 'ng.env-vite-key',
    file: '.env.production',
    content: `VITE_STORE="x"\nVITE_PILOT_STATUS_KEY=${live}\n`,
    expected: ['.env.production:2 no-client-key', '.env.production:2 no-hardcoded-key'],
  },
  {
    name: 'ng.env-next-public-quoted-export',
    file: '.env.local',
    content: `export NEXT_PUBLIC_PILOTSTATUS_KEY="${test}"\n`,
    expected: ['.env.local:1 no-client-key', '.env.local:1 no-hardcoded-key'],
  },
  {
    name: 'ng.env-url-with-key',
    file: '.env',
    content: `# digest\nDIGEST_FEED=https://pilotstatus.com.br/v1/analytics/overview?range=1d&token=${lower}\n`,
    expected: ['.env:2 no-hardcoded-key', '.env:2 no-key-in-url'],
  },
  {
    name: 'ng.yaml-key-in-url-path',
    file: 'deploy/values.yaml',
    content: `callback:\n  url: "https://hooks.example.org/pilot/${live}/events"\n`,
    expected: ['deploy/values.yaml:2 no-hardcoded-key', 'deploy/values.yaml:2 no-key-in-url'],
  },
  {
    name: 'ng.json-fixture-key',
    file: 'test/fixtures/workshops.json',
    content: `[\n  {\n    "id": "ws-1",\n    "lineKey": "${plain}"\n  }\n]\n`,
    expected: ['test/fixtures/workshops.json:4 no-hardcoded-key'],
  },
  {
    name: 'ng.curl-bearer-continuation',
    file: 'scripts/smoke.sh',
    content: [
      '#!/usr/bin/env bash',
      'curl -fsS "https://pilotstatus.com.br/v1/analytics/overview?range=1d" \\',
      '  -H "Authorization: Bearer $PILOT_NUMBER_KEY" \\',
      '  -H "accept: application/json"',
      '',
    ].join('\n'),
    expected: ['scripts/smoke.sh:3 no-bearer-auth'],
  },
  {
    // The whole continued command counts (the header is 80 lines below `curl`), and a command with
    // several Bearer headers is one finding; the next command is its own.
    name: 'ng.curl-bearer-long-command-reported-once',
    file: 'scripts/long.sh',
    content: [
      'curl -fsS "https://pilotstatus.com.br/v1/messages/send" \\',
      ...Array.from({ length: 80 }, (_, index) => `  -H "x-trace-${index}: 1" \\`),
      '  -H "Authorization: Bearer $PILOT_NUMBER_KEY" \\',
      '  -H "Authorization: Bearer $PILOT_NUMBER_KEY" \\',
      '  -d "{}"',
      'curl -s "https://pilotstatus.com.br/v1/numbers" -H "Authorization: Bearer $PILOT_TENANT_KEY" -H "Authorization: Bearer x"',
      '',
    ].join('\n'),
    expected: ['scripts/long.sh:82 no-bearer-auth', 'scripts/long.sh:85 no-bearer-auth'],
  },
  {
    name: 'ng.curl-bearer-through-shell-variable',
    file: 'run.sh',
    content: ['pilot=https://api.pilotstatus.online/v1', 'curl -s "$pilot/messages/abc" -H "authorization: bearer $KEY"', ''].join('\n'),
    expected: ['run.sh:2 no-bearer-auth'],
  },
  {
    name: 'ng.markdown-curl-with-literal-key',
    file: 'README.md',
    content: ['# Try it', '', '```sh', 'curl -s "https://pilotstatus.com.br/v1/messages/msg_1" \\', `  -H "Authorization: Bearer ${test}"`, '```', ''].join('\n'),
    expected: ['README.md:5 no-bearer-auth', 'README.md:5 no-hardcoded-key'],
  },
  {
    name: 'ng.php-curlopt-httpheader',
    file: 'src/Notifier.php',
    content: [
      '<?php',
      "const PS_BASE = 'https://pilotstatus.com.br/v1';",
      'function send($key, $to) {',
      "  $ch = curl_init(PS_BASE . '/messages/send');",
      '  curl_setopt($ch, CURLOPT_HTTPHEADER, [',
      "    'Authorization: Bearer ' . $key,",
      "    'Content-Type: application/json',",
      '  ]);',
      '  return curl_exec($ch);',
      '}',
      '',
    ].join('\n'),
    expected: ['src/Notifier.php:6 no-bearer-auth'],
  },
  {
    name: 'ng.python-requests-headers',
    file: 'tools/notify.py',
    content: [
      'import os, requests',
      'def send(to, text):',
      '    return requests.post(',
      '        "https://pilotstatus.com.br/v1/messages/send",',
      '        headers={"Authorization": f"Bearer {os.environ[\'PILOTSTATUS_API_KEY\']}"},',
      '        json={"recipient": to, "message": text},',
      '    )',
      '',
    ].join('\n'),
    expected: ['tools/notify.py:5 no-bearer-auth'],
  },
  {
    name: 'ng.raw-http-request',
    file: 'api.http',
    content: ['@base = https://pilotstatus.com.br/v1', '', 'GET {{base}}/messages/msg_1 HTTP/1.1', 'Authorization: Bearer {{key}}', ''].join('\n'),
    expected: ['api.http:4 no-bearer-auth'],
  },
  {
    name: 'ng.bundle-key-is-client',
    file: 'dist/assets/index-3f2a1b9c.js',
    content: `(()=>{var h="https://pilotstatus.com.br/v1",p="${live}";fetch(h+"/messages/send",{headers:{"x-api-key":p}})})();\n`,
    expected: ['dist/assets/index-3f2a1b9c.js:1 no-client-key', 'dist/assets/index-3f2a1b9c.js:1 no-hardcoded-key'],
  },
  {
    name: 'ng.minified-name-outside-dist',
    file: 'static/vendor/widget.min.js',
    content: `!function(){var k="${plain}"}();\n`,
    expected: ['static/vendor/widget.min.js:1 no-client-key', 'static/vendor/widget.min.js:1 no-hardcoded-key'],
  },
];

const ok: Case[] = [
  {
    name: 'ok.env-example-placeholders',
    file: '.env.example',
    content: [`PILOTSTATUS_API_KEY=${PREFIX}live_xxxxxxxxxxxxxxxxxxxxxxxx`, `TENANT_KEY=${PREFIX}<tenant key>`, `VITE_PILOT_KEY=${PREFIX}your_key_here`, 'PILOT_KEY_ID=key_xxxxxxxxxxxx', 'EMPTY_KEY=', ''].join('\n'),
    expected: [],
  },
  {
    name: 'ok.markdown-prose-mentions-bearer',
    file: 'docs/auth.md',
    content: 'PilotStatus (https://pilotstatus.com.br) does not use Bearer tokens: never send `Authorization: Bearer`.\n',
    expected: [],
  },
  {
    name: 'ok.curl-x-api-key',
    file: 'smoke.sh',
    content: `curl -s "https://pilotstatus.com.br/v1/messages/x" \\\n  -H "x-api-key: $PILOT_NUMBER_KEY"\n`,
    expected: [],
  },
  {
    name: 'ok.bearer-to-another-vendor',
    file: 'purge.sh',
    content: [
      'pilot=https://pilotstatus.com.br/v1',
      'curl -fsS -X POST "https://api.cloudflare.com/client/v4/zones/${CF_ZONE_ID}/purge_cache" \\',
      '  -H "Authorization: Bearer ${CF_API_TOKEN}"',
      'ps_pids=$(pgrep -f shelfnote || true)',
      '',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'ok.python-other-vendor-next-to-pilotstatus',
    file: 'mail.py',
    content: [
      'PS_URL = "https://pilotstatus.com.br/v1"',
      '',
      'def notify(key):',
      '    requests.post(PS_URL + "/messages/send", headers={"x-api-key": key})',
      '',
      'def mail(token):',
      '    requests.post("https://api.resend.com/emails", headers={"Authorization": f"Bearer {token}"})',
      '',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'ok.json-prose-about-bearer',
    file: 'notes.json',
    content: '{ "why": "the old client sent an authorization: Bearer header to https://pilotstatus.com.br/v1" }\n',
    expected: [],
  },
  {
    name: 'ok.maps-key-in-url',
    file: '.env',
    content: 'MAPS_EMBED=https://maps.example.com/embed?key=AIzaSyD3m0-n0t-a-real-key\nPS_GATEWAY_URL=https://pilotstatus.com.br\n',
    expected: [],
  },
];

describe('text detectors', () => {
  for (const testCase of [...ng, ...ok]) {
    it(testCase.name, async () => {
      const root = writeTree({ [testCase.file]: testCase.content });
      const { result, report } = await scanJson(root, ['.'], keys);
      expect(summarize(report)).toEqual([...testCase.expected].sort());
      expect(report.errors).toEqual([]);
      expect(result.exitCode).toBe(testCase.expected.length > 0 ? 1 : 0);
    });
  }

  it('reports positions from offsets: line, column and end of the key', async () => {
    const root = writeTree({ 'config/app.yaml': `name: shop\npilot:\n  key: ${live}\n` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'config/app.yaml', line: 3, column: 8, endLine: 3, endColumn: 8 + live.length });
  });

  it('finds every key of a source map in sourcesContent, at the map line, with the origin', async () => {
    const original = `// kiosk\nconst API = 'https://pilotstatus.com.br/v1';\nconst KEY = '${test}';\n`;
    const map = JSON.stringify({ version: 3, sources: ['../js/notify.js'], sourcesContent: [original], mappings: 'AAAA' });
    const root = writeTree({ 'kiosk/dist/app.min.js.map': map });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['kiosk/dist/app.min.js.map:1 no-client-key', 'kiosk/dist/app.min.js.map:1 no-hardcoded-key']);
    for (const finding of report.findings) expect(finding.origin).toEqual({ source: '../js/notify.js', line: 3 });
  });

  it('scans a source map that is not valid JSON as text', async () => {
    const root = writeTree({ 'out/broken.js.map': `{"version":3,"sourcesContent":["const k = '${live}'` });
    const { report } = await scanJson(root, ['.'], keys);
    expect(summarize(report)).toEqual(['out/broken.js.map:1 no-client-key', 'out/broken.js.map:1 no-hardcoded-key']);
    expect(report.errors).toEqual([]);
  });
});
