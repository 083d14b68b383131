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

/** The whole sub-key finding's advice: what the API has instead of key management. */
export const NO_SUB_KEYS =
  "The PilotStatus API has no sub-keys: each number has one default key and the tenant key is a singleton, both made in the dashboard (the only key endpoint is `POST /v1/api-keys/regenerate`). To serve many customers, connect their numbers with the tenant key (`/v1/numbers`, `/v1/remote-pairing`) and send with each number's own key.";

/** After a key sent to a host that is not PilotStatus. */
export const KEEP_KEY_TO_PILOTSTATUS =
  'Whoever runs that host can use the key. Send PilotStatus keys only to the API hosts (a proxy of yours belongs in `settings.pilotstatus.apiHosts`), and give other services their own credentials.';
