/**
 * The client/server file globs are tested by string before picomatch is compiled
 * (`getGlobMatcher` in client-code.ts): the answer must be picomatch's for every path, the default
 * lists and user-shaped globs alike (globstars that match nothing, groups, classes, negations).
 */
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { getGlobMatcher } from '../../src/analysis/client-code.js';
import { DEFAULT_CLIENT_FILES, DEFAULT_SERVER_FILES } from '../../src/core/settings.js';

const DIRECTORIES = ['', 'src/', 'api/', 'src/api/', 'pages/', 'pages/api/', 'src/pages/api/', 'app/', 'app/x/', 'app/(tabs)/', 'src/app/', 'server/', 'src/server/',
  'src/lib/server/', 'components/', 'src/components/ui/', 'dist/assets/', 'web/dist/assets/', 'build/static/js/', '.next/static/chunks/', 'supabase/functions/send/',
  'netlify/functions/', 'client/', 'frontend/src/', 'public/', 'static/', 'apps/web/public/', 'a/b/'];
const NAMES = ['index.ts', 'route.ts', 'route.mjs', 'App.tsx', 'page.client.tsx', 'x.server.ts', '+server.ts', 'main.min.js', 'app.bundle.js', 'a.js', 'b.jsx', 'c.vue', 'd.web.ts'];
const PATHS = DIRECTORIES.flatMap((directory) => NAMES.map((name) => directory + name));

const GLOB_LISTS: Record<string, readonly string[]> = {
  'default clientFiles': DEFAULT_CLIENT_FILES,
  'default serverFiles': DEFAULT_SERVER_FILES,
  'user globs with groups and classes': ['src/**/*.web.ts', 'apps/*/public/**', '**/frontend/**', 'src/+(api|server)/**', '[ab]/**/*.js', 'app/**/page.{ts,tsx}'],
  'a negation (always compiled)': ['**/*.ts', '!src/**'],
  'a glob with no literal (always compiled)': ['**/*'],
};

describe('glob matcher', () => {
  for (const [name, globs] of Object.entries(GLOB_LISTS)) {
    it(`answers as picomatch does: ${name}`, () => {
      const expected = picomatch(globs as string[], { dot: true });
      const matcher = getGlobMatcher(globs);
      const disagreements = PATHS.filter((path) => matcher(path) !== expected(path));
      expect(disagreements).toEqual([]);
      // the list matches some of the paths, so the comparison is not vacuous
      expect(PATHS.some((path) => expected(path))).toBe(true);
    });
  }
});
