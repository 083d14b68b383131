import rule from '../../rules/no-key-in-url.js';
import { redactKey } from '../../src/core/key.js';
import { named, runInBothModes } from '../support/cases.js';
import { fakeKey } from '../support/fake-key.js';

const live = fakeKey(301);

runInBothModes('no-key-in-url', rule, {
  valid: [
    `
await fetch('https://pilotstatus.com.br/v1/messages/send', { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY } });
`,
    // a Google Maps key is not a PilotStatus key
    `
const mapsKey = import.meta.env.VITE_MAPS_EMBED_KEY;
const src = \`https://www.google.com/maps/embed/v1/place?key=\${mapsKey}&q=\${query}\`;
`,
    // a pairing token in the path is not a key
    `
await fetch(\`https://pilotstatus.com.br/v1/remote-pairing/\${pairingToken}\`);
`,
    // the key in a header, the URL only names things
    `
const url = \`\${base}/messages/\${messageId}?include=status\`;
`,
    // a log line, not a URL
    `
const note = \`key for /v1 is \${process.env.PILOTSTATUS_API_KEY ? 'set' : 'missing'}\`;
`,
  ],
  invalid: [
    {
      code: `
const url = \`https://pilotstatus.com.br/v1/messages/send?api_key=\${process.env.PILOTSTATUS_API_KEY}\`;
`,
      errors: [{ messageId: 'keyInQueryParameter', line: 2, column: 68, data: { source: '`process.env.PILOTSTATUS_API_KEY`', parameter: 'api_key' } }],
    },
    // any host: our own callback URL
    {
      code: `
const numberKey = process.env.PILOTSTATUS_SHOP_NUMBER_KEY ?? '';
export const callbackUrl = 'https://shop.example.com/api/ps-callback?secret=' + numberKey;
`,
      errors: [{ messageId: 'keyInQueryParameter', line: 3, data: { source: '`process.env.PILOTSTATUS_SHOP_NUMBER_KEY`', parameter: 'secret' } }],
    },
    // a browser-exposed key through a binding
    {
      code: `
const storefrontKey = import.meta.env.VITE_PILOT_STATUS_STOREFRONT_KEY;
export const photo = (id: string) => \`https://pilotstatus.com.br/v1/media/\${id}?access_key=\${storefrontKey}\`;
`,
      errors: [{ messageId: 'keyInQueryParameter', line: 3, data: { source: '`import.meta.env.VITE_PILOT_STATUS_STOREFRONT_KEY`', parameter: 'access_key' } }],
    },
    // in the path
    {
      code: `
const key = Deno.env.get('PILOTSTATUS_API_KEY');
await fetch(\`https://pilotstatus.com.br/hooks/\${key}/ping\`);
`,
      errors: [{ messageId: 'keyInUrl', line: 3, data: { source: "`Deno.env.get('PILOTSTATUS_API_KEY')`" } }],
    },
    // searchParams
    {
      code: `
const url = new URL('https://pilotstatus.com.br/v1/messages/send');
url.searchParams.set('x-api-key', process.env.PILOTSTATUS_API_KEY!);
`,
      errors: [{ messageId: 'keyInQueryParameter', line: 3, data: { source: '`process.env.PILOTSTATUS_API_KEY`', parameter: 'x-api-key' } }],
    },
    // axios params
    {
      code: `
import axios from 'axios';
await axios.get('https://pilotstatus.com.br/v1/groups', { params: { key: process.env.WHATSAPP_API_KEY } });
`,
      errors: [{ messageId: 'keyInQueryParameter', line: 3, data: { source: '`process.env.WHATSAPP_API_KEY`', parameter: 'key' } }],
    },
    named('a key literal inside URL text', {
      code: `const hook = 'https://pilotstatus.com.br/v1/messages/send?key=${live}';`,
      errors: [{ messageId: 'keyInQueryParameter', line: 1, data: { source: redactKey(live), parameter: 'key' } }],
    }),
    // a validated config object read by env-like names
    {
      code: `
const env = loadEnv();
const url = \`\${env.PILOT_API_URL}/v1/messages/send?token=\${env.PILOTSTATUS_API_KEY}\`;
`,
      errors: [{ messageId: 'keyInQueryParameter', line: 3, data: { source: '`PILOTSTATUS_API_KEY`', parameter: 'token' } }],
    },
  ],
});
