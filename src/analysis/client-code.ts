/**
 * Client-code classification: does this file ship to a browser or a device?
 *
 * Server evidence wins (serverFiles globs, `*.server.*`, `'use server'`, `import 'server-only'`,
 * `Deno.serve`, Next.js route handlers). Client evidence: `'use client'`, browser/mobile-only
 * imports, Vue/Svelte/Astro components, clientFiles globs, `import.meta.env.VITE_*` reads, and being
 * imported (transitively) by a browser entry (`entry.client.*`, `src/main.*`, a module script in
 * `index.html`, a `'use client'` file).
 */
import { getContentProvider, isFileInSnapshot } from './content.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import fastGlob from 'fast-glob';
import picomatch from 'picomatch';
import type { TSESTree } from '@typescript-eslint/utils';
import type { PilotStatusSettings } from '../core/settings.js';
import { loadUnit, type ModuleUnit } from './module-graph.js';
import { detectAppKinds, findProjectClientReason } from './project-kind.js';

export type ClientEvidence =
  | 'use-client-directive'
  | 'browser-import'
  | 'component-file'
  | 'client-files-glob'
  | 'browser-env-read'
  | 'imported-by-client-entry';

export interface Classification {
  isClient: boolean;
  /** Why: printed in messages (`this file is client code: it imports react-dom/client`). */
  reason: string;
}

const BROWSER_ONLY_MODULES = /^(react-dom(\/client)?|react-native(-.*)?|expo(-.*)?|@expo\/.*|@capacitor\/.*|@ionic\/.*|@react-navigation\/.*|vue|svelte|solid-js\/web|preact|@remix-run\/react|next\/router|next\/navigation)$/;
const SERVER_ONLY_MODULES = /^(server-only|node:.*|fs|child_process|@nestjs\/.*|express|fastify|koa|@remix-run\/node|next\/server|bullmq|pg|mysql2|prisma|@prisma\/client)$/;

/** Reading the page: only a browser script does this (`dataset`, `getAttribute('data-…')`, query selectors). */
const DOM_READS = /\bdocument\.(?:querySelector(?:All)?|getElementById|getElementsBy\w+|currentScript)\b|\.dataset\.|\.getAttribute\(\s*['"]data-|\baddEventListener\(\s*['"]DOMContentLoaded/;

const matcherCache = new Map<string, (path: string) => boolean>();

/**
 * A matcher for `globs` that compiles them on the first path that could match. A path matches a glob
 * only if it starts with the glob's leading literal (`api/` of `api/**`) and holds its longest literal
 * run (`.client.` of `**\/*.client.{js,ts}`), so most paths are answered by string tests; picomatch's
 * compile and first match (milliseconds for the default lists) are paid only when one passes.
 */
export function getGlobMatcher(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\n');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    let compiled: ((path: string) => boolean) | undefined;
    const match = (path: string) => (compiled ??= picomatch(globs as string[], { dot: true }))(path);
    const literals = globs.map(findRequiredLiterals);
    matcher = literals.every((literal) => literal !== undefined)
      ? (path) => literals.some((literal) => path.startsWith(literal.prefix) && path.includes(literal.longest)) && match(path)
      : match;
    matcherCache.set(key, matcher);
  }
  return matcher;
}

/** What every match of a glob starts with and holds (literal text before any group or class), if worth testing. */
function findRequiredLiterals(glob: string): { prefix: string; longest: string } | undefined {
  if (glob.startsWith('!') || glob.includes('\\')) return undefined;
  // `**/` may match nothing: `**/dist/**` matches `dist/a.js`, whose `/` before `dist` is not there
  const runs = glob.split(/[{([]/, 1)[0]!.replaceAll('**/', '*').split(/[*?+@!]/);
  const longest = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
  return longest.length >= 2 ? { prefix: runs[0]!, longest } : undefined;
}

/** The package root (nearest package.json) of a file, or its directory. */
export function findProjectRoot(filename: string): string {
  let directory = dirname(resolve(filename));
  for (let depth = 0; depth < 40; depth++) {
    if (isFileInSnapshot(join(directory, 'package.json'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return dirname(resolve(filename));
}

function toProjectPath(filename: string, root: string): string {
  return relative(root, resolve(filename)).split(sep).join('/');
}

function hasDirective(ast: TSESTree.Program, directive: string): boolean {
  for (const statement of ast.body) {
    if (statement.type !== 'ExpressionStatement' || !('directive' in statement) || !statement.directive) break;
    if (statement.directive === directive) return true;
  }
  return false;
}

/** The name the scanner gives an Astro component's frontmatter block (`Page.astro.frontmatter.ts`): server code. */
export const ASTRO_FRONTMATTER_SUFFIX = '.frontmatter.ts';

/** Server markers in the module itself. */
function findServerMarker(unit: ModuleUnit, projectPath: string, settings: PilotStatusSettings): string | undefined {
  if (getGlobMatcher(settings.serverFiles)(projectPath)) return 'it matches `serverFiles`';
  if (projectPath.endsWith(`.astro${ASTRO_FRONTMATTER_SUFFIX}`)) return 'it is the frontmatter of an Astro component (it runs on the server; only its `<script>` tags ship)';
  if (/\.server\.[cm]?[jt]sx?$/.test(projectPath)) return 'it is a `*.server.*` module';
  if (hasDirective(unit.ast, 'use server')) return "it has the `'use server'` directive";
  for (const entry of unit.imports) {
    if (entry.source === 'server-only') return "it imports `'server-only'`";
  }
  if (/(^|\/)(route|middleware)\.[cm]?[jt]s$/.test(projectPath) && /(^|\/)app\//.test(projectPath)) return 'it is a Next.js route handler';
  if (/(^|\/)\+server\.[cm]?[jt]s$/.test(projectPath)) return 'it is a SvelteKit endpoint (`+server`)';
  if (/(^|\/)src\/lib\/server\//.test(projectPath)) return 'it is under SvelteKit `$lib/server`';
  return undefined;
}

function findClientMarker(unit: ModuleUnit, projectPath: string, settings: PilotStatusSettings, text: string | undefined): string | undefined {
  if (hasDirective(unit.ast, 'use client')) return "it has the `'use client'` directive";
  for (const entry of unit.imports) {
    if (!entry.typeOnly && BROWSER_ONLY_MODULES.test(entry.source)) return `it imports \`${entry.source}\``;
  }
  // the component itself, or one of its script blocks as the scanner names them (`Widget.svelte.0.ts`)
  if (/\.(vue|svelte|astro)(\.\d+\.[cm]?[jt]sx?)?$/.test(projectPath)) return 'it is a component file';
  if (getGlobMatcher(settings.clientFiles)(projectPath)) return 'it matches `clientFiles`';
  if (text !== undefined && /import\.meta\.env\.(VITE_|PUBLIC_)/.test(text)) return 'it reads browser-exposed `import.meta.env` variables';
  if (text !== undefined && DOM_READS.test(text)) return 'it reads the page (DOM), so it runs in a browser';
  return undefined;
}

function isServerOnlyByImports(unit: ModuleUnit): boolean {
  return unit.imports.some((entry) => SERVER_ONLY_MODULES.test(entry.source) && entry.source !== 'vue');
}

/** Classifies a linted unit (its own markers, then the browser entries' import graph). */
export function classifyClientCode(unit: ModuleUnit, text: string, settings: PilotStatusSettings): Classification {
  const root = findProjectRoot(unit.filename);
  const projectPath = toProjectPath(unit.filename, root);
  const server = findServerMarker(unit, projectPath, settings);
  if (server) return { isClient: false, reason: server };
  const client = findClientMarker(unit, projectPath, settings, text);
  if (client) return { isClient: true, reason: client };
  if (isServerOnlyByImports(unit)) return { isClient: false, reason: 'it imports server-only modules' };
  const project = findProjectClientReason(projectPath, detectAppKinds(root));
  if (project) return { isClient: true, reason: project };
  const entry = getClientGraph(root, settings).get(resolve(unit.filename));
  if (entry) return { isClient: true, reason: `\`${entry}\` (a browser entry) imports it` };
  return { isClient: false, reason: 'no client marker' };
}

interface GraphCacheEntry {
  createdAt: number;
  modules: Map<string, string>;
}
const graphCache = new Map<string, GraphCacheEntry>();
/** A lint run is short; a long-lived process (an editor) re-reads the graph after this long. */
const GRAPH_TTL_MS = 5_000;
const MAX_GRAPH_FILES = 3_000;
const ENTRY_NAMES = /^(entry\.client|main|index|client)\.[cm]?[jt]sx?$/;

/** Every module reachable from a browser entry of the project → the entry's project path. */
function getClientGraph(root: string, settings: PilotStatusSettings): Map<string, string> {
  const cached = graphCache.get(root);
  if (cached && Date.now() - cached.createdAt < GRAPH_TTL_MS) return cached.modules;
  const modules = new Map<string, string>();
  const queue: Array<{ file: string; entry: string }> = [];
  for (const file of findEntryFiles(root)) queue.push({ file, entry: toProjectPath(file, root) });
  while (queue.length > 0 && modules.size < MAX_GRAPH_FILES) {
    const { file, entry } = queue.shift()!;
    if (modules.has(file)) continue;
    const unit = loadUnit(file);
    if (!unit) continue;
    const projectPath = toProjectPath(file, root);
    if (findServerMarker(unit, projectPath, settings)) continue;
    modules.set(file, entry);
    for (const imported of unit.imports) {
      if (!imported.typeOnly && imported.resolvedFile && !modules.has(imported.resolvedFile)) queue.push({ file: imported.resolvedFile, entry });
    }
  }
  graphCache.set(root, { createdAt: Date.now(), modules });
  return modules;
}

/** Browser entries: `app/entry.client.*`, `src/main.*`, module scripts of `index.html`, `'use client'` files are not walked here. */
function findEntryFiles(root: string): string[] {
  const entries: string[] = [];
  for (const directory of ['app', 'src', '.']) {
    const names = getContentProvider().listDirectory(join(root, directory));
    if (!names) continue;
    for (const name of names) {
      if (!ENTRY_NAMES.test(name)) continue;
      if (directory === '.' && !name.startsWith('entry.client')) continue;
      // src/index.* is a browser entry only in front-end projects, which have an index.html
      if (/^index\./.test(name) && !hasIndexHtml(root)) continue;
      if (/^main\./.test(name) && !hasIndexHtml(root)) continue;
      entries.push(join(root, directory, name));
    }
  }
  // Every script an HTML page of the project loads is browser code (a Vite index.html, a kiosk page).
  const pages = fastGlob.sync('**/*.html', { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'], deep: 5, absolute: true, suppressErrors: true });
  for (const page of pages.slice(0, 50)) {
    const text = getContentProvider().readText(page);
    if (text === undefined) continue;
    for (const source of findScriptSources(text)) {
      if (/^(https?:)?\/\//i.test(source)) continue;
      entries.push(source.startsWith('/') ? join(root, source) : join(dirname(page), source));
    }
  }
  return entries;
}

function hasIndexHtml(root: string): boolean {
  return isFileInSnapshot(join(root, 'index.html'));
}

/** The `src` of every `<script>` tag: tags found with indexOf, attributes read inside one tag only. */
function findScriptSources(html: string): string[] {
  const sources: string[] = [];
  const lower = html.toLowerCase();
  for (let start = lower.indexOf('<script'); start >= 0; start = lower.indexOf('<script', start + 7)) {
    const end = lower.indexOf('>', start);
    if (end < 0) break;
    const tag = html.slice(start, Math.min(end, start + 2_000));
    const match = /\ssrc\s*=\s*["']([^"']{1,500})["']/i.exec(tag);
    if (match) sources.push(match[1]!);
  }
  return sources;
}

/** Exports a framework runs only on the server, even in a file that also ships a component. */
const SERVER_ONLY_EXPORTS = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths', 'getInitialProps', 'loader', 'action', 'generateMetadata', 'generateStaticParams', 'headers', 'meta']);

/**
 * True when `node` sits in code the bundler strips from the client: a Next.js data function
 * (`getServerSideProps`…), a Remix/React Router `loader`/`action`, or a function with the
 * `'use server'` directive (a server action).
 */
export function isInServerOnlyFunction(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type !== 'FunctionDeclaration' && current.type !== 'FunctionExpression' && current.type !== 'ArrowFunctionExpression') continue;
    if (current.body.type === 'BlockStatement' && current.body.body.some((statement) => statement.type === 'ExpressionStatement' && 'directive' in statement && statement.directive === 'use server')) return true;
    const name = getExportedFunctionName(current);
    if (name && SERVER_ONLY_EXPORTS.has(name)) return true;
  }
  return false;
}

function getExportedFunctionName(fn: TSESTree.FunctionLike): string | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id && fn.parent?.type === 'ExportNamedDeclaration') return fn.id.name;
  const declarator = fn.parent;
  if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' && declarator.parent?.parent?.type === 'ExportNamedDeclaration') return declarator.id.name;
  return undefined;
}
