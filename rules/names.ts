/**
 * The plugin's rule ids, in the order reports list them. A plain list with no imports, so the
 * scanner's text path can know every rule without loading the rules (and TypeScript). `rules/index.ts`
 * must map exactly these names (its type says so), and the meta-test checks they equal the files in
 * `rules/`: a new rule cannot be left out of the scanner.
 */
export const RULE_NAMES = [
  'no-hardcoded-key',
  'no-client-key',
  'no-bearer-auth',
  'no-key-logging',
  'key-scope-mismatch',
  'require-key-header',
  'no-key-in-url',
  'no-sub-key-api',
  'no-key-to-foreign-host',
] as const;

export type RuleName = (typeof RULE_NAMES)[number];
