/**
 * no-client-key, client code decided per project (issue 13): the kind of app says which files ship
 * to a browser or a device when the file itself has no marker; a browser script that reads the
 * page; server evidence still wins. Fixture apps under test/fixtures/typed/apps/ (only their
 * package.json and file names matter; the code under test is each case's).
 */
import rule from '../../rules/no-client-key.js';
import { runInBothModes } from '../support/cases.js';
import { typedFixture } from '../support/rule-tester.js';

const app = (path: string) => typedFixture(`apps/${path}`);
/** A request that sends a key header (where the key comes from does not matter to this rule). */
const sendWithKey = `
export const send = (to: string, apiKey: string) =>
  fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': apiKey }, body: JSON.stringify({ to }) });
`;
const keyLine = { line: 3, messageId: 'clientRequestWithKey' as const };

runInBothModes('no-client-key (project kinds)', rule, {
  valid: [
    // tooling and server folders of a device app do not ship
    { code: sendWithKey, filename: app('expo-app/scripts/seed.ts') },
    // SvelteKit endpoints and $lib/server stay on the server
    { code: sendWithKey, filename: app('sveltekit-app/src/routes/send/+server.ts') },
    { code: sendWithKey, filename: app('sveltekit-app/src/lib/server/pilot.ts') },
    // a plain package: a lib/ module with no marker is not client code
    { code: sendWithKey, filename: app('plain-app/lib/util.ts') },
    // reading the page marks a browser script, but a server marker still wins
    { code: `import 'server-only';\nconst node = document.querySelector('#send');\n${sendWithKey}`, filename: app('plain-app/lib/util.ts') },
  ],
  invalid: [
    { code: sendWithKey, filename: app('expo-app/src/screens/Checkout.tsx'), errors: [{ ...keyLine, data: { reason: 'it is app code of an Expo project (it ships to devices)', header: 'x-api-key' } }] },
    { code: sendWithKey, filename: app('cra-app/src/api.ts'), errors: [{ ...keyLine, data: { reason: 'it is under `src/` of a Create React App project (bundled for the browser)', header: 'x-api-key' } }] },
    { code: sendWithKey, filename: app('sveltekit-app/src/routes/send/+page.ts'), errors: [{ ...keyLine, data: { reason: 'it is a SvelteKit page, layout or universal load module (it runs in the browser)', header: 'x-api-key' } }] },
    { code: sendWithKey, filename: app('nuxt-app/composables/send.ts'), errors: [{ ...keyLine, data: { reason: 'it is a Nuxt page, component, composable or plugin (bundled for the browser)', header: 'x-api-key' } }] },
    { code: sendWithKey, filename: app('angular-app/src/app/messages.service.ts'), errors: [{ ...keyLine, data: { reason: 'it is under `src/app/` of an Angular project (bundled for the browser)', header: 'x-api-key' } }] },
    { code: sendWithKey, filename: app('plain-app/web/widget.ts'), errors: [{ ...keyLine, data: { reason: 'it matches `clientFiles`', header: 'x-api-key' } }] },
    // a browser script that takes the key from the page and sends it
    {
      code: `
const key = document.querySelector('#pilot').dataset.key;
export const send = (to: string) => fetch('https://pilotstatus.com.br/v1/messages/send', { method: 'POST', headers: { 'x-api-key': key }, body: JSON.stringify({ to }) });
`,
      filename: app('plain-app/lib/util.ts'),
      errors: [{ ...keyLine, data: { reason: 'it reads the page (DOM), so it runs in a browser', header: 'x-api-key' } }],
    },
  ],
});
