/** One-line answers to argument mistakes, with the nearest option for a typo. */
import { closestName } from '../core/suggest.js';

/** `parseArgs`' error as one line; an unknown option gets "did you mean --x?". */
export function explainParseError(error: Error & { code?: string }, optionNames: readonly string[]): string {
  const firstLine = error.message.split('\n')[0]!;
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return firstLine;
  const match = /'(-{1,2}[^']*)'/.exec(firstLine);
  const given = match?.[1];
  if (!given) return firstLine;
  const name = given.replace(/^-+/, '').split('=')[0]!;
  const guess = given.startsWith('--') ? closestName(name, optionNames) : undefined;
  return `unknown option ${given}${guess ? ` (did you mean --${guess}?)` : ''}`;
}
