import rule from '../../rules/no-client-key.js';
import { redactKey } from '../../src/core/key.js';
import { named, runInBothModes } from '../support/cases.js';
import { fakeKey } from '../support/fake-key.js';
import { typedFixture } from '../support/rule-tester.js';

const live = fakeKey(401);
const test = fakeKey(402, { environment: 'test' });
const app = (path: string) => typedFixture(`client-app/${path}`);

runInBothModes('no-client-key', rule, {
  valid: [
    // a server module may hold the key in its environment
    {
      code: `
const key = process.env.PILOTSTATUS_API_KEY;
export const send = (to: string) => fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key! }, body: JSON.stringify({ to }) });
`,
      filename: app('app/lib/orders.server.ts'),
    },
    // server markers win over client defaults
    named('a key literal in a module that imports server-only', {
      code: `import 'server-only';\nexport const key = '${live}';`,
      filename: app('app/components/Widget.tsx'),
    }),
    named('a key literal in a module no client imports', {
      code: `export const key = '${live}';`,
      filename: app('app/lib/plain.ts'),
    }),
    // browser-exposed variables that hold URLs or other vendors' keys
    `
const base = process.env.NEXT_PUBLIC_PILOTSTATUS_URL;
const maps = import.meta.env.VITE_MAPS_EMBED_KEY;
`,
    // a client component calling our own API route, no key
    {
      code: `
export function RestockButton() {
  return <button onClick={() => fetch('/api/restock', { method: 'POST' })}>Notify me</button>;
}
`,
      filename: app('app/components/Widget.tsx'),
    },
    // a data function of a pages-router page runs on the server and is stripped from the bundle
    {
      code: `
export async function getServerSideProps() {
  const res = await fetch('https://pilotstatus.com.br/v1/messages/abc', { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
  return { props: { status: await res.json() } };
}
export default function Page({ status }: { status: unknown }) {
  return <pre>{JSON.stringify(status)}</pre>;
}
`,
      filename: app('app/components/Widget.tsx'),
    },
    // a Remix loader and a server action in a component file
    {
      code: `
export const loader = async () => fetch('https://pilotstatus.com.br/v1/groups', { headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
async function save(form: FormData) {
  'use server';
  await fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': process.env.PILOTSTATUS_API_KEY! } });
}
export default function Form() { return <form action={save} />; }
`,
      filename: app('app/components/Widget.tsx'),
    },
    // a bundler config that inlines a URL, not a key
    {
      code: `export default { env: { PILOTSTATUS_URL: process.env.PILOTSTATUS_URL } };`,
      filename: app('next.config.ts'),
    },
  ],
  invalid: [
    named("a key literal in a 'use client' component", {
      code: `'use client';\nexport const Chat = () => <Widget apiKey="${test}" />;`,
      filename: app('app/lib/plain.ts').replace('plain.ts', '../components/Widget.tsx'),
      errors: [{ messageId: 'keyInClientCode', line: 2, column: 43, data: { key: redactKey(test), reason: "it has the `'use client'` directive" } }],
    }),
    named('a key literal in a module the browser entry imports', {
      code: `export const OWNER_KEY = '${live}';\nexport function startMonitoring(): void {}`,
      filename: app('app/monitoring/alerts.ts'),
      errors: [{ messageId: 'keyInClientCode', line: 1, column: 27, data: { key: redactKey(live), reason: '`app/entry.client.tsx` (a browser entry) imports it' } }],
    }),
    named('a key literal in a module that imports react-dom/client', {
      code: `import { createRoot } from 'react-dom/client';\nconst key = '${live}';`,
      filename: app('app/lib/plain.ts'),
      errors: [{ messageId: 'keyInClientCode', line: 2, data: { key: redactKey(live), reason: 'it imports `react-dom/client`' } }],
    }),
    {
      code: `
const key = process.env.NEXT_PUBLIC_PILOTSTATUS_API_KEY;
`,
      errors: [{ messageId: 'browserExposedKeyVariable', line: 2, column: 13, data: { variable: 'NEXT_PUBLIC_PILOTSTATUS_API_KEY', prefix: 'NEXT_PUBLIC_' } }],
    },
    {
      code: `
const storefrontKey = import.meta.env.VITE_PILOT_STATUS_STOREFRONT_KEY;
const { EXPO_PUBLIC_WHATSAPP_API_KEY } = process.env;
`,
      errors: [
        { messageId: 'browserExposedKeyVariable', line: 2, data: { variable: 'VITE_PILOT_STATUS_STOREFRONT_KEY', prefix: 'VITE_' } },
        { messageId: 'browserExposedKeyVariable', line: 3, data: { variable: 'EXPO_PUBLIC_WHATSAPP_API_KEY', prefix: 'EXPO_PUBLIC_' } },
      ],
    },
    {
      code: `
import { PUBLIC_PILOTSTATUS_KEY } from '$env/static/public';
`,
      errors: [{ messageId: 'browserExposedKeyVariable', line: 2, data: { variable: 'PUBLIC_PILOTSTATUS_KEY', prefix: 'PUBLIC_' } }],
    },
    {
      code: `export default { env: { PILOTSTATUS_API_KEY: process.env.PILOTSTATUS_API_KEY } };`,
      filename: app('next.config.ts'),
      errors: [{ messageId: 'bundlerInlinesKey', line: 1, column: 25, data: { source: '`process.env.PILOTSTATUS_API_KEY`' } }],
    },
    // the vendor SDK built in a component, loaded with a dynamic import
    {
      code: `
export async function connect() {
  const { PilotStatusClient } = await import('@pilot-status/sdk');
  return new PilotStatusClient({ apiKey: import.meta.env.VITE_SHOP_KEY });
}
`,
      filename: app('app/components/Widget.tsx'),
      errors: [{ messageId: 'clientSdkWithKey', line: 4, column: 34, data: { reason: 'it matches `clientFiles`' } }],
    },
    // a component calling the API directly with a key from window.ENV
    {
      code: `
export function CareTips({ to }: { to: string }) {
  const send = () =>
    fetch('https://pilotstatus.com.br/v1/messages/send', {
      method: 'POST',
      headers: { 'x-api-key': (window as any).ENV.PILOT_STATUS_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ to }),
    });
  return <button onClick={send}>Send tips</button>;
}
`,
      filename: app('app/components/Widget.tsx'),
      errors: [{ messageId: 'clientRequestWithKey', line: 6, column: 18, data: { reason: 'it matches `clientFiles`', header: 'x-api-key' } }],
    },
  ],
});
