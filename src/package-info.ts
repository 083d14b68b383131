import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this module whether it runs from `src/` (tests) or `dist/src/`. */
function findPackageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string };
      if (json.name === 'eslint-plugin-pilotstatus') return directory;
    } catch {
      // no package.json here: keep walking up
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error('eslint-plugin-pilotstatus: cannot find its own package.json');
    directory = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const PACKAGE_JSON = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
