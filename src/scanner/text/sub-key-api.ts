/**
 * `no-sub-key-api` in text: a curl/wget/httpie command, a raw request line, or a PHP cURL request to
 * a PilotStatus `/v1/api-keys…` path other than `POST …/api-keys/regenerate`. The API has no key
 * listing, creation, deletion or child keys.
 */
import { isPilotStatusHost, REGENERATE_PATH, trimTrailingSlashes } from '../../core/api-model.js';
import { redactText } from '../../core/key.js';
import { NO_SUB_KEYS } from '../../core/messages.js';
import { toUpperSnake } from '../../core/names.js';
import type { TextScanContext } from './context.js';
import { createCommandFinder, type HttpCommand } from './http-command.js';

/**
 * A URL to a key path: a scheme and host, or a shell/PHP variable (`$PILOTSTATUS_API_URL`,
 * `${PS_BASE}`, `$this->pilotUrl`), then `/v1/api-keys` (also under `/api`) or, after a variable,
 * `/api-keys`. Bounded quantifiers: linear on any input.
 */
const KEY_PATH_URL =
  /(https?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?|\$\{?[A-Za-z_][A-Za-z0-9_]{0,100}(?:->[A-Za-z_][A-Za-z0-9_]{0,100})?\}?(?:\s{0,4}\.\s{0,4}["'])?)((?:\/api)?\/v1\/api-keys|\/api-keys)((?:\/[A-Za-z0-9_.{}$<>:%-]{1,200}){0,6})\/?(?=[\s"'`\\?#);,&|]|$)/g;

/** How far a PHP cURL handle's options are read after `curl_init`/`CURLOPT_URL`. */
const PHP_WINDOW_LINES = 40;
const PHP_WINDOW_CHARACTERS = 4096;

export function detectSubKeyApi(context: TextScanContext): void {
  const { text, collector } = context;
  if (!collector.isEnabled('no-sub-key-api')) return;
  if (!/api-keys/i.test(text)) return;
  const urlNames = new RegExp(context.settings.urlNames, 'i');
  const findCommand = createCommandFinder(context);
  const seen = new Set<string>();
  KEY_PATH_URL.lastIndex = 0;
  for (let match = KEY_PATH_URL.exec(text); match; match = KEY_PATH_URL.exec(text)) {
    const [whole, head, root, rest] = match as unknown as [string, string, string, string];
    if (!isPilotStatusHead(head, root, context, urlNames)) continue;
    const path = trimTrailingSlashes(`/v1/api-keys${rest}`);
    // One decision per path and command (or line): the same call repeated there needs one fix,
    // and a line of a thousand URLs is not read a thousand times.
    const seenKey = `${findCommand(match.index)?.start ?? `line ${context.lines.lineOf(match.index)}`} ${path}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    const method = findMethod(context, match.index, findCommand);
    if (!method || (path === REGENERATE_PATH && method === 'POST')) continue;
    const endpoint = `${method} ${path}`;
    collector.addAt('no-sub-key-api', match.index, match.index + whole.length, redactText(`\`${endpoint}\` does not exist. ${NO_SUB_KEYS}`), endpoint);
  }
}

function isPilotStatusHead(head: string, root: string, context: TextScanContext, urlNames: RegExp): boolean {
  if (/^https?:/i.test(head)) {
    const host = head.replace(/^https?:\/\//i, '').replace(/:\d+$/, '');
    return root !== '/api-keys' && isPilotStatusHost(host, context.settings.apiHosts);
  }
  // `$NAME`, `${NAME}`, `$this->name . '`: the last identifier of the variable
  const variable = head.slice(head.startsWith('${') ? 2 : 1).split(/[^A-Za-z0-9_>-]/, 1)[0]!;
  const name = variable.slice(variable.lastIndexOf('->') + 1).replace(/^>/, '');
  return urlNames.test(toUpperSnake(name));
}

/** The request's method, when the URL is the target of a command, a request line or a PHP cURL handle. */
function findMethod(context: TextScanContext, offset: number, findCommand: (offset: number) => HttpCommand | undefined): string | undefined {
  const command = findCommand(offset);
  if (command) return command.method;
  if (context.classification.language !== 'code') return undefined;
  const { lines, text } = context;
  const line = lines.lineOf(offset);
  // Bounded slices around the match: a minified line with many URLs costs linear time.
  const lineText = text.slice(Math.max(lines.lineStart(line), offset - 512), Math.min(lines.lineEnd(line), offset + 512));
  const call = findHttpCall(text.slice(Math.max(lines.lineStart(line), offset - 200), offset));
  if (call) return call;
  if (!/curl_init\s*\(|CURLOPT_URL/.test(lineText)) return undefined;
  // The handle's options up to `curl_exec` (or a window): a custom request, or POST fields.
  const last = Math.min(lines.lineCount, line + PHP_WINDOW_LINES);
  // From a few lines above (options set before the URL) but not into the previous handle's.
  const before = text.slice(Math.max(lines.lineStart(Math.max(1, line - 4)), offset - PHP_WINDOW_CHARACTERS), offset);
  const previous = Math.max(before.lastIndexOf('curl_exec'), before.lastIndexOf('curl_close'));
  let options = before.slice(previous + 1) + text.slice(offset, Math.min(lines.lineEnd(last), offset + PHP_WINDOW_CHARACTERS));
  const exec = options.indexOf('curl_exec', before.length - previous);
  if (exec >= 0) options = options.slice(0, exec);
  const custom = /CURLOPT_CUSTOMREQUEST['"]?\s*(?:=>|,)\s*["']([A-Za-z]+)["']/.exec(options);
  if (custom) return custom[1]!.toUpperCase();
  if (/CURLOPT_POST['"]?\s*(?:=>|,)\s*(?:true|1)\b|CURLOPT_POSTFIELDS/i.test(options)) return 'POST';
  return 'GET';
}

const HTTP_CLIENT_WORD = /\b(?:requests|httpx|aiohttp|session|client|http|Http|HTTP|RestClient|Faraday|HTTParty|axios|Guzzle)\b/;

/**
 * An HTTP call of another language that takes the URL next (`requests.delete(`, Guzzle
 * `->request('DELETE', `, Laravel `Http::…->get(`, Go `http.NewRequest("DELETE", `, `httpx.get(`,
 * `wp_remote_get(`), just before the URL on its line: its method.
 */
function findHttpCall(before: string): string | undefined {
  const named = /(?:->|::|\.)request\(\s{0,4}["'](GET|POST|PUT|PATCH|DELETE)["']\s{0,4},[^,()]{0,120}$|NewRequest(?:WithContext)?\([^,()]{0,40},?\s{0,4}(?:http\.Method)?["']?(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)["']?\s{0,4},[^,()]{0,120}$/.exec(before);
  if (named) return (named[1] ?? named[2])!.toUpperCase();
  // `.delete(` / `->post(` / `::get(` right before the URL's quote, on a line that names an HTTP client
  const method = /(?:->|::|\.)(get|post|put|patch|delete)\s{0,4}\(\s{0,4}[fr]?["'`]?$/i.exec(before) ?? /\bwp_remote_(get|post)\s{0,4}\(\s{0,4}["']?$/.exec(before);
  if (!method) return undefined;
  return method[0].startsWith('wp_') || HTTP_CLIENT_WORD.test(before) ? method[1]!.toUpperCase() : undefined;
}
