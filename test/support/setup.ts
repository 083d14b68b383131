import * as vitest from 'vitest';
import { RuleTester } from '@typescript-eslint/rule-tester';

// Wire typescript-eslint's RuleTester to vitest (docs/packages/Rule_Tester.mdx).
RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
