/**
 * `no-key-to-foreign-host` in text: a curl/wget/httpie command (or a raw request) that sends a
 * real-looking `ps_` key to a host that is not a PilotStatus API host. `ps_` keys exist at other
 * vendors too, so the file must be about PilotStatus at all (a host mention or the name).
 */
import { isPilotStatusHost } from '../../core/api-model.js';
import { redactText, type KeyMatch } from '../../core/key.js';
import { KEEP_KEY_TO_PILOTSTATUS } from '../../core/messages.js';
import type { TextScanContext } from './context.js';
import { createCommandFinder, findUrlHosts } from './http-command.js';

/** Hosts that are never someone else's: loopback, single-label (docker, test servers), reserved names. */
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|[^.]+)$|\.(?:localhost|local|test|example|invalid|internal)$|(?:^|\.)example\.(?:com|org|net)$/i;

export function detectKeysToForeignHosts(context: TextScanContext): void {
  const { collector } = context;
  if (!collector.isEnabled('no-key-to-foreign-host') || context.keys.length === 0) return;
  if (context.hostMentions().length === 0 && !/pilot/i.test(context.text)) return;
  const findCommand = createCommandFinder(context);
  const seen = new Set<string>();
  for (const key of context.keys) {
    const command = findCommand(key.start);
    if (!command) continue;
    const hosts = findUrlHosts(command.text);
    // Any PilotStatus host in the command (the target, or a proxy in front of it): not foreign.
    if (hosts.length === 0 || hosts.some((host) => isPilotStatusHost(host, context.settings.apiHosts))) continue;
    const foreign = hosts.find((host) => !LOCAL_HOST.test(host));
    if (!foreign) continue;
    // One finding per key, host and line.
    const seenKey = `${context.lines.lineOf(key.start)} ${key.hash} ${foreign}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    collector.addAt('no-key-to-foreign-host', key.start, key.end, message(key, foreign), `${key.hash} ${foreign}`);
  }
}

function message(key: KeyMatch, host: string) {
  return redactText(`The PilotStatus key ${key.redacted} is sent to \`${host}\`, which is not a PilotStatus API host. ${KEEP_KEY_TO_PILOTSTATUS}`);
}
