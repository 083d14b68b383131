import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import type { PilotStatusDocs } from '../src/create-rule.js';

/** Rule id → rule module. The meta-test checks this equals the files in `rules/`. */
export const rules: Record<string, RuleModule<string, readonly unknown[], PilotStatusDocs>> = {};
