/**
 * The text detectors of `no-sub-key-api` and `no-key-to-foreign-host`, secretlint-style: `ng.*`
 * cases must report exactly the listed findings, `ok.*` cases nothing (of these two rules). Every
 * case runs through the real CLI on a file written at run time.
 */
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../support/fake-key.js';
import { scanJson, summarize, writeTree } from './tree.js';

const live = fakeKey(1611);
const sandbox = fakeKey(1612, { environment: 'test' });
const keys = [live, sandbox];
const RULES = /no-sub-key-api|no-key-to-foreign-host/;

interface Case {
  name: string;
  file: string;
  content: string;
  expected: string[];
}

const ng: Case[] = [
  {
    name: 'ng.curl-list-keys',
    file: 'scripts/keys.sh',
    content: ['#!/usr/bin/env bash', 'curl -s "https://pilotstatus.com.br/v1/api-keys" -H "x-api-key: $PILOTSTATUS_API_KEY"', ''].join('\n'),
    expected: ['scripts/keys.sh:2 no-sub-key-api'],
  },
  {
    name: 'ng.curl-child-key-continued',
    file: 'docs/agencies.md',
    content: [
      '# Agency keys',
      '',
      '```sh',
      'curl -X POST \\',
      '  "$PILOTSTATUS_API_URL/api-keys" \\',
      '  -H "x-api-key: $PILOTSTATUS_API_KEY" \\',
      `  -d '{"parentKeyId":"key_123","label":"agency"}'`,
      'curl -X DELETE https://api.pilotstatus.online/api/v1/api-keys/key_123 -H "x-api-key: $PILOTSTATUS_API_KEY"',
      '```',
      '',
    ].join('\n'),
    expected: ['docs/agencies.md:5 no-sub-key-api', 'docs/agencies.md:8 no-sub-key-api'],
  },
  {
    name: 'ng.php-curl-revoke',
    file: 'src/PilotKeys.php',
    content: [
      '<?php',
      "$ch = curl_init('https://pilotstatus.com.br/v1/api-keys/' . $id . '/revoke');",
      "curl_setopt($ch, CURLOPT_CUSTOMREQUEST, 'POST');",
      "curl_setopt($ch, CURLOPT_HTTPHEADER, ['x-api-key: ' . getenv('PILOTSTATUS_API_KEY')]);",
      'curl_exec($ch);',
      '',
    ].join('\n'),
    // the path after a concatenation is not in sight: the listing of keys is what the text shows
    expected: ['src/PilotKeys.php:2 no-sub-key-api'],
  },
  {
    name: 'ng.curl-key-to-other-vendor',
    file: 'docs/monitoring.md',
    content: [
      'Register the PilotStatus uptime check:',
      '',
      '```sh',
      'curl -X POST https://uptime.betterstack.com/api/v2/monitors \\',
      '  -H "Authorization: Bearer $BETTERSTACK_TOKEN" \\',
      `  -d '{"url":"https://status.acme.io","request_headers":[{"name":"x-api-key","value":"${live}"}]}'`,
      '```',
      '',
    ].join('\n'),
    expected: ['docs/monitoring.md:6 no-key-to-foreign-host', 'docs/monitoring.md:6 no-hardcoded-key'],
  },
];

ng.push({
  // one finding per path and command: a generated line of a thousand calls needs one fix
  name: 'ng.same-call-repeated-on-one-line',
  file: 'scripts/generated.sh',
  content: `${'curl https://pilotstatus.com.br/v1/api-keys; '.repeat(1000)}\n`,
  expected: ['scripts/generated.sh:1 no-sub-key-api'],
});

ng.push({
  name: 'ng.other-languages-http-clients',
  file: 'clients/keys.py',
  content: [
    'import requests',
    'PILOTSTATUS_API_URL = "https://pilotstatus.com.br/v1"',
    'def revoke(key_id):',
    '    return requests.delete(f"https://pilotstatus.com.br/v1/api-keys/{key_id}", headers={"x-api-key": KEY})',
    'def rotate():',
    '    return requests.post("https://pilotstatus.com.br/v1/api-keys/regenerate", headers={"x-api-key": KEY})',
    '',
  ].join('\n'),
  expected: ['clients/keys.py:4 no-sub-key-api'],
});
ng.push({
  name: 'ng.guzzle-and-laravel',
  file: 'app/PilotKeys.php',
  content: [
    '<?php',
    "$client->request('GET', 'https://pilotstatus.online/api/v1/api-keys', ['headers' => $headers]);",
    "Http::withHeaders(['x-api-key' => $key])->post('https://pilotstatus.com.br/v1/api-keys', ['parentKeyId' => $parent]);",
    '',
  ].join('\n'),
  expected: ['app/PilotKeys.php:2 no-sub-key-api', 'app/PilotKeys.php:3 no-sub-key-api'],
});

const ok: Case[] = [
  {
    name: 'ok.curl-regenerate',
    file: 'scripts/rotate.sh',
    content: ['curl -X POST "https://pilotstatus.com.br/v1/api-keys/regenerate" \\', '  -H "x-api-key: $PILOTSTATUS_API_KEY"', ''].join('\n'),
    expected: [],
  },
  {
    name: 'ok.php-curl-regenerate',
    file: 'src/Rotate.php',
    content: ['<?php', "$ch = curl_init('https://pilotstatus.com.br/v1/api-keys/regenerate');", 'curl_setopt($ch, CURLOPT_POST, true);', 'curl_exec($ch);', ''].join('\n'),
    expected: [],
  },
  {
    name: 'ok.prose-and-other-vendors-key-paths',
    file: 'README.md',
    content: [
      'PilotStatus has no `GET /v1/api-keys`: keys are made in the dashboard.',
      '',
      'curl https://api.resend.com/api-keys -H "Authorization: Bearer $RESEND_API_KEY"',
      'curl http://localhost:3000/api/keys',
      '',
      'We stopped using curl https://pilotstatus.com.br/v1/api-keys in 2025: keys are made in the dashboard.',
      '',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'ok.key-to-pilotstatus-and-local-server',
    file: 'scripts/smoke.sh',
    content: [
      `curl -s https://pilotstatus.com.br/v1/messages/msg_1 -H "x-api-key: ${sandbox}"`,
      `curl -s http://localhost:4010/v1/messages/msg_1 -H "x-api-key: ${sandbox}"`,
      `curl -s --proxy http://egress.corp:3128 https://pilotstatus.com.br/v1/groups -H "x-api-key: ${sandbox}"`,
      '',
    ].join('\n'),
    expected: [],
  },
  {
    // `ps_` keys exist at other vendors: a file that never mentions PilotStatus is about their key
    name: 'ok.ps-key-of-another-vendor',
    file: 'scripts/analytics.sh',
    content: `curl -s https://api.another-saas.io/v2/events -H "X-API-Key: ${live}"\n`,
    expected: [],
  },
];

describe('text detectors: no-sub-key-api and no-key-to-foreign-host', () => {
  for (const testCase of [...ng, ...ok]) {
    it(testCase.name, async () => {
      const root = writeTree({ [testCase.file]: testCase.content });
      const { report } = await scanJson(root, ['.'], keys);
      const expected = testCase.expected.filter((item) => RULES.test(item) || item.endsWith('no-hardcoded-key'));
      const found = summarize(report).filter((item) => RULES.test(item) || (testCase.name.startsWith('ng.') && item.endsWith('no-hardcoded-key')));
      expect(found).toEqual([...expected].sort());
      expect(report.errors).toEqual([]);
    });
  }

  it('says what to do instead, without the key', async () => {
    const root = writeTree({ 'scripts/keys.sh': 'curl -s "https://pilotstatus.com.br/v1/api-keys" -H "x-api-key: $PILOTSTATUS_API_KEY"\n' });
    const { report } = await scanJson(root, ['.'], keys);
    const [finding] = report.findings.filter((item) => item.ruleId === 'pilotstatus/no-sub-key-api');
    expect(finding?.message).toContain('`GET /v1/api-keys` does not exist');
    expect(finding?.message).toContain('tenant key');
  });
});
