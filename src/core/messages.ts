/**
 * The advice the findings give, in one place: the ESLint rules' message templates and the scanner's
 * text detectors both build on these sentences, so a key in a `.ts` file and the same key in a `.env`
 * file get the same advice.
 */
import type { Redacted } from './key.js';

/** Rotation advice for a key in the working tree (today's default wording). */
export const ROTATE_COMMITTED_KEY = 'rotate this one, since it is in your history.';

/** After a hardcoded key: where it belongs instead. */
export const WHERE_KEYS_BELONG = `Keys belong in an environment variable or a secret manager, read on the server (\`process.env.PILOTSTATUS_API_KEY\`); ${ROTATE_COMMITTED_KEY}`;

/** After a key that reaches the browser or a device. */
export const CALL_FROM_SERVER = 'Call PilotStatus from your server (an API route, server action or edge function) and keep the key there.';

/** After a key in a URL. */
export const WHY_NOT_IN_URL = 'URLs end up in access logs, proxies, analytics and browser history. Send the key in the `x-api-key` header instead.';

/** The whole Bearer finding: the API has one way to authenticate. */
export const NO_BEARER_AUTH =
  'The PilotStatus API has no Bearer authentication; this request gets 401. Send the key in the `x-api-key` header (or a key id in `x-api-key-id`).';

/** After a key that reaches a log or an error message. */
export const MASK_BEFORE_LOGGING = 'Log a masked form (at most the first 8 characters, or a mask function) or leave the key out.';

/** `--staged`: the commit was blocked, so the key never reached history. */
export const NOT_COMMITTED_YET = 'it is not committed yet: remove it before committing, and rotate it only if it was pushed or shared elsewhere.';

/** The commit a history finding names. */
export interface CommitRef {
  id: string;
  date: string;
}

function shortCommit(commit: CommitRef): string {
  return `${commit.id.slice(0, 12)} (${commit.date.slice(0, 10)})`;
}

/** `--history`: the key is in the repository's history, whatever HEAD holds today. */
export function committedIn(commit: CommitRef): string {
  return `it was committed in ${shortCommit(commit)} and stays in every clone: rotate it and, if needed, rewrite history (git filter-repo) to remove it.`;
}

/** Rules whose findings mean a key was exposed (as opposed to a request built the wrong way). */
const KEY_EXPOSURE_RULES = new Set(['pilotstatus/no-hardcoded-key', 'pilotstatus/no-client-key', 'pilotstatus/no-key-in-url', 'pilotstatus/no-key-logging']);

export type ScanContext = { kind: 'tree' } | { kind: 'staged' } | { kind: 'history'; commit: CommitRef };

/**
 * A finding's message worded for where the scanned content is: the working tree keeps the rules'
 * own wording; staged content and history replace the rotation advice (or add it when the rule's
 * message has none). Only fixed sentences and a commit id are added, so the result stays redacted.
 */
export function adviseFor(message: Redacted, ruleId: string, context: ScanContext): Redacted {
  if (context.kind === 'tree') return message;
  const advice = context.kind === 'staged' ? NOT_COMMITTED_YET : committedIn(context.commit);
  if (message.includes(ROTATE_COMMITTED_KEY)) return message.replace(ROTATE_COMMITTED_KEY, advice) as Redacted;
  if (context.kind === 'staged') return message;
  if (KEY_EXPOSURE_RULES.has(ruleId)) return `${message} ${advice[0]!.toUpperCase()}${advice.slice(1)}` as Redacted;
  return `${message} Introduced in commit ${shortCommit(context.commit)}.` as Redacted;
}
/** The whole sub-key finding's advice: what the API has instead of key management. */
export const NO_SUB_KEYS =
  "The PilotStatus API has no sub-keys: each number has one default key and the tenant key is a singleton, both made in the dashboard (the only key endpoint is `POST /v1/api-keys/regenerate`). To serve many customers, connect their numbers with the tenant key (`/v1/numbers`, `/v1/remote-pairing`) and send with each number's own key.";

/** After a key sent to a host that is not PilotStatus. */
export const KEEP_KEY_TO_PILOTSTATUS =
  'Whoever runs that host can use the key. Send PilotStatus keys only to the API hosts (a proxy of yours belongs in `settings.pilotstatus.apiHosts`), and give other services their own credentials.';
