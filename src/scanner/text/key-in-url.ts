/**
 * A key inside a URL (`https://…/ps_…`, `…?api_key=ps_…`, an env value that is such a URL) ends up in
 * access logs, browser history and proxies: `no-key-in-url`, to any host.
 */
import { redactText, type KeyMatch } from '../../core/key.js';
import { WHY_NOT_IN_URL } from '../../core/messages.js';
import { isTokenBoundary, type TextScanContext } from './context.js';

/** How far back from a key to look for the start of its URL. */
const MAX_URL_PREFIX = 2048;

export function detectKeysInUrls(context: TextScanContext): void {
  const { text, lines, collector } = context;
  if (!collector.isEnabled('no-key-in-url')) return;
  for (const key of context.keys) {
    const lineStart = lines.lineStart(lines.lineOf(key.start));
    if (!isInUrl(text, lineStart, key.start)) continue;
    collector.addAt('no-key-in-url', key.start, key.end, keyInUrlMessage(key), key.hash);
  }
}

/** The token that ends at the key is a URL: it has a scheme, or it is a query parameter value. */
export function isInUrl(text: string, lineStart: number, keyStart: number): boolean {
  const bound = Math.max(lineStart, keyStart - MAX_URL_PREFIX);
  let start = keyStart;
  while (start > bound && !isTokenBoundary(text.charCodeAt(start - 1))) start--;
  const token = text.slice(start, keyStart);
  if (/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]/.test(token)) return true;
  // A relative URL's query: `/v1/x?api_key=` or `…&token=`.
  return token.includes('?') && token.endsWith('=');
}

function keyInUrlMessage(key: KeyMatch) {
  return redactText(`The PilotStatus key ${key.redacted} is placed into a URL. ${WHY_NOT_IN_URL}`);
}
