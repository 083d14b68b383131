/**
 * Which engine reads a file. JS/TS source goes through ESLint with the plugin's rules; bundles and
 * build output go to the text detectors (parsing a 2 MB bundle is wasted work, and its code is not
 * the code people edit); source maps get their own path; everything else is text.
 */
import { extname } from 'node:path';

export type FileKind =
  /** JS/TS source: ESLint. */
  | 'source'
  /** `.vue`, `.svelte`, `.astro`: ESLint on the script blocks. */
  | 'component'
  /** Minified bundles and build output: text detectors, and what they hold ships to clients. */
  | 'bundle'
  /** `.map`: keys in `sourcesContent`; it ships next to the bundle. */
  | 'source-map'
  /** `.env`, JSON, YAML, shell, Markdown, HTML, other languages…: text detectors. */
  | 'text';

export interface Classification {
  kind: FileKind;
  /** What the file holds reaches a browser or device (bundles, `public/`, maps, HTML pages). */
  client: boolean;
  /** The name promises text, so a NUL byte does not make it binary. */
  textByName: boolean;
  /** Code in another language, read by the code-shaped text detectors (PHP, Python…). */
  language: TextLanguage;
}

export type TextLanguage = 'shell' | 'markdown' | 'code' | 'http' | 'env' | 'data' | 'html' | 'javascript' | 'other';

export const SOURCE_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
export const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);
const COMPONENT_EXTENSIONS = new Set(['.vue', '.svelte', '.astro']);

const SHELL_EXTENSIONS = new Set(['.sh', '.bash', '.zsh', '.ksh', '.fish', '.ps1', '.psm1', '.bat', '.cmd', '.command']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.mdx', '.markdown', '.mdown', '.rst', '.adoc', '.txt']);
const CODE_EXTENSIONS = new Set([
  '.php', '.phtml', '.py', '.pyw', '.rb', '.go', '.java', '.kt', '.kts', '.scala', '.cs', '.fs', '.swift', '.dart',
  '.rs', '.ex', '.exs', '.erl', '.clj', '.lua', '.pl', '.pm', '.r', '.jl', '.groovy', '.gradle', '.c', '.cc', '.cpp',
  '.h', '.hpp', '.m', '.mm', '.vb', '.coffee', '.ipynb',
]);
const HTTP_EXTENSIONS = new Set(['.http', '.rest']);
const DATA_EXTENSIONS = new Set([
  '.json', '.jsonc', '.json5', '.yaml', '.yml', '.toml', '.ini', '.cfg', '.conf', '.properties', '.xml', '.plist',
  '.csv', '.tsv', '.tf', '.tfvars', '.hcl', '.sql', '.graphql', '.gql', '.lock', '.log',
]);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.ejs', '.hbs', '.handlebars', '.njk', '.liquid', '.twig', '.erb', '.pug']);
const OTHER_TEXT_EXTENSIONS = new Set(['.css', '.scss', '.sass', '.less', '.styl', '.svg', '.map']);
const TEXT_BASENAMES = new Set(['dockerfile', 'containerfile', 'makefile', 'procfile', 'jenkinsfile', 'vagrantfile', 'gemfile', 'rakefile', 'brewfile', 'justfile']);

/** Folders whose content is build output (the first segment or any nested one). */
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', 'public', 'www', '.output', '.svelte-kit', '.nuxt', '.vercel', '.netlify', 'storybook-static']);

/** A very long line marks minified code, whatever its name. */
export const MINIFIED_LINE_LENGTH = 4096;

/** Classifies by path alone; `refineByContent` may demote source to a bundle afterwards. */
export function classifyPath(relativePath: string, options: { textOnly?: boolean } = {}): Classification {
  const segments = relativePath.split('/');
  const base = segments[segments.length - 1]!.toLowerCase();
  const extension = extname(base);
  const folders = segments.slice(0, -1).map((segment) => segment.toLowerCase());
  const underNodeModules = folders.includes('node_modules');
  const buildOutput = isBuildOutputPath(folders);
  const minifiedName = /\.(min|bundle)\.[cm]?js$/.test(base) || isChunkName(base);

  if (extension === '.map') {
    return { kind: 'source-map', client: !underNodeModules, textByName: true, language: 'data' };
  }
  if (SOURCE_EXTENSIONS.has(extension)) {
    const bundle = options.textOnly || underNodeModules || buildOutput || minifiedName;
    if (bundle) {
      const client = !underNodeModules && (buildOutput || minifiedName);
      return { kind: 'bundle', client, textByName: true, language: 'javascript' };
    }
    return { kind: 'source', client: false, textByName: true, language: 'javascript' };
  }
  if (COMPONENT_EXTENSIONS.has(extension)) {
    const textPath = options.textOnly || underNodeModules || buildOutput;
    return { kind: textPath ? 'bundle' : 'component', client: !underNodeModules && buildOutput, textByName: true, language: 'javascript' };
  }
  const language = getTextLanguage(base, extension);
  // HTML pages are the client; other build-folder text ships too, but not server code such as
  // Laravel's `public/index.php`.
  const client = !underNodeModules && ((buildOutput && language !== 'code' && language !== 'shell') || isHtmlPage(extension));
  return { kind: 'text', client, textByName: isTextName(base, extension), language };
}

function isBuildOutputPath(folders: readonly string[]): boolean {
  for (let index = 0; index < folders.length; index++) {
    const folder = folders[index]!;
    if (BUILD_FOLDERS.has(folder)) return true;
    if (folder === '.next' && folders[index + 1] === 'static') return true;
    if (folder === '_next' && folders[index + 1] === 'static') return true;
  }
  return false;
}

/** `chunk-3F2A1B.js`, `main.3f2a1b9c.chunk.js`, `vendors~main.js`, `123.4f5e6d7c8b.js`. */
function isChunkName(base: string): boolean {
  return /(^|[.-])chunk[.-]/.test(base) || /\.[0-9a-f]{8,}\.[cm]?js$/.test(base) || /^[0-9]+\.[0-9a-f]{6,}\.[cm]?js$/.test(base) || base.includes('~');
}

function isTextName(base: string, extension: string): boolean {
  return (
    base.startsWith('.env') || base.endsWith('.env') || TEXT_BASENAMES.has(base) || base.startsWith('dockerfile') ||
    SHELL_EXTENSIONS.has(extension) || MARKDOWN_EXTENSIONS.has(extension) || CODE_EXTENSIONS.has(extension) ||
    HTTP_EXTENSIONS.has(extension) || DATA_EXTENSIONS.has(extension) || HTML_EXTENSIONS.has(extension) ||
    OTHER_TEXT_EXTENSIONS.has(extension) || COMPONENT_EXTENSIONS.has(extension) || SOURCE_EXTENSIONS.has(extension) ||
    base.startsWith('.') && extension === ''
  );
}

function isHtmlPage(extension: string): boolean {
  return extension === '.html' || extension === '.htm' || extension === '.xhtml';
}

function getTextLanguage(base: string, extension: string): TextLanguage {
  if (base.startsWith('.env') || base.endsWith('.env')) return 'env';
  if (SHELL_EXTENSIONS.has(extension) || TEXT_BASENAMES.has(base) || base.startsWith('dockerfile')) return 'shell';
  if (MARKDOWN_EXTENSIONS.has(extension)) return 'markdown';
  if (CODE_EXTENSIONS.has(extension)) return 'code';
  if (HTTP_EXTENSIONS.has(extension)) return 'http';
  if (DATA_EXTENSIONS.has(extension)) return 'data';
  if (HTML_EXTENSIONS.has(extension)) return 'html';
  return 'other';
}

/**
 * Minified code hides under ordinary names too (`app.js` in a CDN folder). One line longer than
 * `MINIFIED_LINE_LENGTH` makes a source file a bundle. One pass over the newlines, no copies.
 */
export function hasMinifiedLine(text: string): boolean {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if ((end === -1 ? text.length : end) - start > MINIFIED_LINE_LENGTH) return true;
    if (end === -1) return false;
    start = end + 1;
  }
}
