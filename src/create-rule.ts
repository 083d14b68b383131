import { ESLintUtils } from '@typescript-eslint/utils';

/** The extra `meta.docs` fields of this plugin's rules. */
export interface PilotStatusDocs {
  description: string;
  /** In the `recommended` configs. */
  recommended: boolean;
  /** `optional`: the rule works without type information and gets more precise with it. */
  typeInformation: 'optional' | 'none';
  requiresTypeChecking?: false;
}

export const REPOSITORY_URL = 'https://github.com/pilotstatus/eslint-plugin-pilotstatus';

export function getRuleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${ruleId}.md`;
}

export const createRule = ESLintUtils.RuleCreator<PilotStatusDocs>(getRuleDocsUrl);
