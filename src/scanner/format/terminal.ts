/**
 * File content never reaches a terminal raw: control characters, ANSI escape sequences and bidi
 * overrides (Trojan Source) are shown as visible placeholders.
 */

/** C0 controls except tab, DEL, C1 controls, and the bidirectional formatting characters. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function neutralize(text: string): string {
  return text.replace(UNSAFE, (character) => {
    const code = character.charCodeAt(0);
    if (code === 0x1b) return '␛';
    if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀…␟
    if (code === 0x7f) return '␡';
    return `\\u{${code.toString(16)}}`;
  });
}
