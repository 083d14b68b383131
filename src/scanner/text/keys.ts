/**
 * Keys in text: every recognised `ps_` key is `no-hardcoded-key`; it is also `no-client-key` when the
 * file ships to clients (bundle, build output, public asset, source map, HTML page) or when the line
 * assigns it to a browser-exposed variable (`VITE_…=ps_…`, `NEXT_PUBLIC_…: ps_…`).
 */
import { redactText, type KeyMatch } from '../../core/key.js';
import { CALL_FROM_SERVER, WHERE_KEYS_BELONG } from '../../core/messages.js';
import { findBrowserEnvPrefix } from '../../core/names.js';
import type { FindingOrigin } from '../finding.js';
import type { TextScanContext } from './context.js';

export function detectKeys(context: TextScanContext, origins?: ReadonlyMap<KeyMatch, FindingOrigin>): void {
  const { collector, classification } = context;
  for (const key of context.keys) {
    const origin = origins?.get(key);
    const options = origin ? { origin } : {};
    collector.addAt('no-hardcoded-key', key.start, key.end, hardcodedMessage(key), key.hash, options);
    if (classification.client) {
      collector.addAt('no-client-key', key.start, key.end, clientFileMessage(key, classification.kind), key.hash, options);
      continue;
    }
    const variable = findBrowserEnvAssignment(context.text, context.lines.lineStart(context.lines.lineOf(key.start)), key.start);
    if (variable) {
      collector.addAt('no-client-key', key.start, key.end, browserEnvMessage(key, variable), key.hash, options);
    }
  }
}

function hardcodedMessage(key: KeyMatch) {
  return redactText(`This looks like a PilotStatus API key (${key.redacted}) written into this file. ${WHERE_KEYS_BELONG}`);
}

function clientFileMessage(key: KeyMatch, kind: string) {
  const where = kind === 'source-map' ? 'This source map ships' : kind === 'bundle' ? 'This build output ships' : 'This file ships';
  return redactText(`${where} the PilotStatus key \`${key.redacted}\` to the client, where anyone can read it. ${CALL_FROM_SERVER}`);
}

function browserEnvMessage(key: KeyMatch, variable: string) {
  return redactText(`\`${variable}\` is exposed to the browser and holds the PilotStatus key \`${key.redacted}\`. Keep the key in a server-only variable (no browser prefix). ${CALL_FROM_SERVER}`);
}

/**
 * The browser-exposed variable the key at `keyStart` is assigned to on its line, if any:
 * `VITE_X=ps_…`, `export NEXT_PUBLIC_X="ps_…"`, `VITE_X: ps_…`, `"VITE_X": "https://…?k=ps_…"`.
 * Looks at most 256 characters back, so the cost per key is bounded.
 */
export function findBrowserEnvAssignment(text: string, lineStart: number, keyStart: number): string | undefined {
  const prefix = text.slice(Math.max(lineStart, keyStart - 256), keyStart);
  const match = /(?:^|[^A-Za-z0-9_])([A-Z][A-Z0-9_]*)["']?\s*[:=]\s*["']?[^\s"'`]*$/.exec(prefix);
  if (!match) return undefined;
  const name = match[1]!;
  return findBrowserEnvPrefix(name) ? name : undefined;
}
