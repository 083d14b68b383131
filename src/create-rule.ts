import { ESLintUtils } from '@typescript-eslint/utils';
import { getRuleDocsUrl } from './rule-docs.js';

/** The extra `meta.docs` fields of this plugin's rules. */
export interface PilotStatusDocs {
  description: string;
  /** In the `recommended` configs. */
  recommended: boolean;
  /** `optional`: the rule works without type information and gets more precise with it. */
  typeInformation: 'optional' | 'none';
  requiresTypeChecking?: false;
}


export const createRule = ESLintUtils.RuleCreator<PilotStatusDocs>(getRuleDocsUrl);
