/**
 * Where the rules' docs live. Kept apart from `create-rule.ts` so the scanner's report formats can
 * name them without loading `@typescript-eslint/utils` (and with it TypeScript) on a text-only scan.
 */
export const REPOSITORY_URL = 'https://github.com/pilotstatus/eslint-plugin-pilotstatus';

export function getRuleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${ruleId}.md`;
}
