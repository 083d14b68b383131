import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import type { PilotStatusDocs } from '../src/create-rule.js';
import type { RuleName } from './names.js';
import keyScopeMismatch from './key-scope-mismatch.js';
import noBearerAuth from './no-bearer-auth.js';
import noClientKey from './no-client-key.js';
import noHardcodedKey from './no-hardcoded-key.js';
import noKeyInUrl from './no-key-in-url.js';
import noKeyLogging from './no-key-logging.js';
import noKeyToForeignHost from './no-key-to-foreign-host.js';
import noSubKeyApi from './no-sub-key-api.js';
import requireKeyHeader from './require-key-header.js';

type AnyRule = RuleModule<string, readonly unknown[], PilotStatusDocs>;

/** Rule id → rule module: exactly the names of `names.ts` (the type says so); the meta-test checks they equal the files in `rules/`. */
const byName = {
  'key-scope-mismatch': keyScopeMismatch as unknown as AnyRule,
  'no-bearer-auth': noBearerAuth as unknown as AnyRule,
  'no-client-key': noClientKey as unknown as AnyRule,
  'no-hardcoded-key': noHardcodedKey as unknown as AnyRule,
  'no-key-in-url': noKeyInUrl as unknown as AnyRule,
  'no-key-logging': noKeyLogging as unknown as AnyRule,
  'no-key-to-foreign-host': noKeyToForeignHost as unknown as AnyRule,
  'no-sub-key-api': noSubKeyApi as unknown as AnyRule,
  'require-key-header': requireKeyHeader as unknown as AnyRule,
} satisfies Record<RuleName, AnyRule>;

export const rules: Record<string, AnyRule> = byName;
