/**
 * What each rule id means, for SARIF rule metadata and `--help`. The plugin's own rule metadata wins
 * when the rule is there; this text covers the ids the text detectors report before a rule lands.
 */
import { KEEP_KEY_TO_PILOTSTATUS, NO_SUB_KEYS } from '../core/messages.js';
import { getRuleDocsUrl } from '../rule-docs.js';
import { RULE_NAMES, type RuleName } from './finding.js';

export interface RuleInfo {
  id: `pilotstatus/${RuleName}`;
  name: RuleName;
  description: string;
  help: string;
  helpUri: string;
}

const FALLBACK: Record<RuleName, { description: string; help: string }> = {
  'no-hardcoded-key': {
    description: 'Disallow PilotStatus API keys (`ps_…`) written into code, config or docs',
    help: 'A committed key is a leaked key. Load it from an environment variable or a secret manager, and regenerate the key in the dashboard.',
  },
  'no-client-key': {
    description: 'Disallow PilotStatus keys in code or files that reach the browser or a device',
    help: 'Use API keys only on the backend. Bundles, source maps, public assets and browser-exposed variables (`VITE_`, `NEXT_PUBLIC_`…) ship to every visitor.',
  },
  'no-bearer-auth': {
    description: 'Disallow `Authorization: Bearer` on PilotStatus requests',
    help: 'The PilotStatus API has no Bearer authentication. Send the key in the `x-api-key` header (or the key id in `x-api-key-id`).',
  },
  'no-key-logging': {
    description: 'Disallow writing a PilotStatus key to logs, errors or responses',
    help: 'Treat keys and the create/regenerate response as sensitive: log a masked prefix or a boolean, never the key.',
  },
  'key-scope-mismatch': {
    description: 'Disallow tenant-scoped keys on per-number endpoints and number-scoped keys on tenant endpoints',
    help: 'Tenant-scoped keys may call only `/v1/numbers/*` and `/v1/remote-pairing/*`; everything else needs the number-scoped key (403 otherwise).',
  },
  'require-key-header': {
    description: 'Require the `x-api-key` or `x-api-key-id` header on PilotStatus requests',
    help: 'Every request to the PilotStatus API needs `x-api-key: ps_…` or `x-api-key-id`; without it the API answers 401.',
  },
  'no-key-in-url': {
    description: 'Disallow PilotStatus keys in URLs (query strings, paths)',
    help: 'URLs end up in access logs, browser history and proxies. Send the key in the `x-api-key` header.',
  },
  'no-sub-key-api': {
    description: 'Disallow calls to PilotStatus key-management endpoints other than `POST /v1/api-keys/regenerate`',
    help: NO_SUB_KEYS,
  },
  'no-key-to-foreign-host': {
    description: 'Disallow sending a PilotStatus key to a host that is not a PilotStatus API host',
    help: `A PilotStatus key sent to another vendor or to a URL taken from a request is handed to someone else. ${KEEP_KEY_TO_PILOTSTATUS}`,
  },
};

type RuleMetaMap = Record<string, { meta?: { docs?: { description?: string } } } | undefined>;

export function getRuleInfo(name: RuleName, rules: RuleMetaMap = {}): RuleInfo {
  const rule = rules[name];
  const fallback = FALLBACK[name];
  return {
    id: `pilotstatus/${name}`,
    name,
    description: rule?.meta?.docs?.description ?? fallback.description,
    help: fallback.help,
    helpUri: getRuleDocsUrl(name),
  };
}

/** Loads the plugin (lazily: only SARIF needs its metadata) for the rules' own descriptions. */
export async function loadAllRuleInfo(): Promise<RuleInfo[]> {
  const { default: plugin } = await import('../index.js');
  const rules = plugin.rules as RuleMetaMap;
  return RULE_NAMES.map((name) => getRuleInfo(name, rules));
}
