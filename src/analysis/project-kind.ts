/**
 * Client code decided per project, not only per file: the kind of app a package is (from its
 * `package.json` dependencies and the framework's own files) says which of its files ship to a
 * browser or a device even when the file itself carries no marker. An Expo app's screens, a Create
 * React App's `src/`, a SvelteKit `+page.ts`, a Nuxt `pages/` component, an Angular `src/app/`.
 *
 * Read through the content provider; cached per package root for a short while, like the client graph.
 */
import { join } from 'node:path';
import { getContentProvider, isFileInSnapshot } from './content.js';

export type AppKind = 'expo' | 'react-native' | 'create-react-app' | 'vite' | 'nuxt' | 'sveltekit' | 'angular' | 'astro';

/** Source files of a device app that never ship: build and tool config, scripts, server folders. */
const DEVICE_APP_TOOLING = /^(?:[^/]+\.config\.[cm]?[jt]s|metro\.config\.[cm]?js|babel\.config\.[cm]?js|scripts\/.*|server\/.*|api\/.*|functions\/.*|supabase\/.*|__tests__\/.*|.*\.(?:test|spec)\.[cm]?[jt]sx?)$/;

interface Rule {
  kind: AppKind;
  /** Project paths (relative to the package root, `/`-separated) that ship to the client. */
  client: RegExp;
  reason: string;
}

const CLIENT_PATHS: readonly Rule[] = [
  { kind: 'expo', client: /^(?!node_modules\/).*\.[cm]?[jt]sx?$/, reason: 'it is app code of an Expo project (it ships to devices)' },
  { kind: 'react-native', client: /^(?!node_modules\/).*\.[cm]?[jt]sx?$/, reason: 'it is app code of a React Native project (it ships to devices)' },
  { kind: 'create-react-app', client: /^src\/.*\.[cm]?[jt]sx?$/, reason: 'it is under `src/` of a Create React App project (bundled for the browser)' },
  // universal load functions and pages run in the browser too; `+page.server.ts` / `+server.ts` do not
  { kind: 'sveltekit', client: /^src\/(?:routes\/(?:.*\/)?\+(?:page|layout|error)(?:@[^/.]*)?\.(?:[cm]?[jt]s|svelte)|hooks\.client\.[cm]?[jt]s)$/, reason: 'it is a SvelteKit page, layout or universal load module (it runs in the browser)' },
  { kind: 'nuxt', client: /^(?:src\/)?(?:pages|components|layouts|composables|plugins|middleware)\/(?!.*\.server\.).*\.(?:[cm]?[jt]sx?|vue)$|^(?:src\/)?app\.vue$/, reason: 'it is a Nuxt page, component, composable or plugin (bundled for the browser)' },
  { kind: 'angular', client: /^src\/(?:app\/.*|main)\.[cm]?[jt]s$|^src\/app\/.*\.ts$/, reason: 'it is under `src/app/` of an Angular project (bundled for the browser)' },
];

const cache = new Map<string, { at: number; kinds: Set<AppKind> }>();
const TTL_MS = 5_000;

/** The kinds of app the package at `root` is. */
export function detectAppKinds(root: string): ReadonlySet<AppKind> {
  const key = `${getContentProvider().id}\u0000${root}`;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.kinds;
  const kinds = new Set<AppKind>();
  const dependencies = readDependencies(join(root, 'package.json'));
  const has = (name: string) => dependencies.has(name);
  const exists = (...names: string[]) => names.some((name) => isFileInSnapshot(join(root, name)));
  if (has('expo') || exists('app.json') && has('react-native')) kinds.add('expo');
  else if (has('react-native')) kinds.add('react-native');
  if (has('react-scripts')) kinds.add('create-react-app');
  if (has('vite') || exists('vite.config.ts', 'vite.config.js', 'vite.config.mjs', 'vite.config.mts')) kinds.add('vite');
  if (has('nuxt') || exists('nuxt.config.ts', 'nuxt.config.js')) kinds.add('nuxt');
  if (has('@sveltejs/kit') || exists('svelte.config.js', 'svelte.config.ts')) kinds.add('sveltekit');
  if (has('@angular/core') || exists('angular.json')) kinds.add('angular');
  if (has('astro') || exists('astro.config.mjs', 'astro.config.ts')) kinds.add('astro');
  if (cache.size > 1_000) cache.clear();
  cache.set(key, { at: Date.now(), kinds });
  return kinds;
}

function readDependencies(packageJson: string): Set<string> {
  const text = getContentProvider().readText(packageJson);
  if (text === undefined) return new Set();
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const names = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((field) => {
      const value = json[field];
      return value && typeof value === 'object' ? Object.keys(value) : [];
    });
    return new Set(names);
  } catch {
    return new Set();
  }
}

/** Why `projectPath` ships to the client in an app of these kinds, if it does. */
export function findProjectClientReason(projectPath: string, kinds: ReadonlySet<AppKind>): string | undefined {
  for (const rule of CLIENT_PATHS) {
    if (!kinds.has(rule.kind) || !rule.client.test(projectPath)) continue;
    if ((rule.kind === 'expo' || rule.kind === 'react-native') && DEVICE_APP_TOOLING.test(projectPath)) continue;
    return rule.reason;
  }
  return undefined;
}
