/**
 * The advice the findings give, in one place: the ESLint rules' message templates and the scanner's
 * text detectors both build on these sentences, so a key in a `.ts` file and the same key in a `.env`
 * file get the same advice.
 */

/** After a hardcoded key: where it belongs instead. */
export const WHERE_KEYS_BELONG =
  'Keys belong in an environment variable or a secret manager, read on the server (`process.env.PILOTSTATUS_API_KEY`); rotate this one, since it is in your history.';

/** After a key that reaches the browser or a device. */
export const CALL_FROM_SERVER = 'Call PilotStatus from your server (an API route, server action or edge function) and keep the key there.';

/** After a key in a URL. */
export const WHY_NOT_IN_URL = 'URLs end up in access logs, proxies, analytics and browser history. Send the key in the `x-api-key` header instead.';

/** The whole Bearer finding: the API has one way to authenticate. */
export const NO_BEARER_AUTH =
  'The PilotStatus API has no Bearer authentication; this request gets 401. Send the key in the `x-api-key` header (or a key id in `x-api-key-id`).';

/** After a key that reaches a log or an error message. */
export const MASK_BEFORE_LOGGING = 'Log a masked form (at most the first 8 characters, or a mask function) or leave the key out.';
