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

/** `wrapperDepth`, the option of the rules that judge a request at the call of a wrapper that makes it. */
export type WrapperDepthOptions = [{ wrapperDepth?: number }];

export const DEFAULT_WRAPPER_DEPTH = 3;

/** The schema of `WrapperDepthOptions`; `wrappers` says which wrappers the rule follows (for the docs). */
export function wrapperDepthSchema(wrappers: string) {
  return [
    {
      type: 'object' as const,
      additionalProperties: false,
      properties: {
        wrapperDepth: {
          type: 'integer' as const,
          minimum: 0,
          maximum: 5,
          description: `How many levels of wrapper functions (${wrappers}) to follow from a call to the request it makes.`,
        },
      },
    },
  ];
}
