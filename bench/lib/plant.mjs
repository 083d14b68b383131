/**
 * Builds the benchmark trees from the installed corpus and plants known findings at seeded random
 * places: fake keys (generated at run time), `Authorization: Bearer` requests to the PilotStatus API
 * in shell scripts and Markdown fences, and fetch/axios Bearer calls in JavaScript/TypeScript source.
 * Every planted item is recorded with its file and line, so a scan can be checked exactly.
 *
 * The trees are hard-linked copies of the cache where possible: a planted file is unlinked before it
 * is rewritten, so the cache itself is never modified.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { listFiles, REPO_ROOT } from './corpus.mjs';
import { createPicker, fakeKey } from './random.mjs';

const require = createRequire(join(REPO_ROOT, 'package.json'));
const { parse } = require('@typescript-eslint/typescript-estree');

/** Built from parts so that no file of this folder reads as a request to the API. */
const API_HOST = ['pilotstatus', 'com', 'br'].join('.');
const API_URL = `https://${API_HOST}/v1/messages/send`;
const BEARER = ['Authorization', 'Bearer'];

export const DEFAULT_COUNTS = {
  /** Keys in copies of corpus files under dist/ (bundles, d.ts, JSON, Markdown, CSS). */
  distKeys: 40,
  /** curl fences in corpus Markdown files under dist/. */
  markdownBearer: 8,
  /** Synthesized shell scripts under scripts/, and curl lines planted in them. */
  shellFiles: 6,
  shellBearer: 12,
  /** Real ES-module source files copied to src/ (linted by ESLint in a default scan). */
  sourceFiles: 30,
  sourceKeys: 8,
  sourceFetch: 6,
  sourceAxios: 6,
};

// ---------------------------------------------------------------- file helpers

/** Hard-link copy (`cp -al`) when possible, else a real copy. Never follows symbolic links. */
export function linkCopy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  try {
    execFileSync('cp', ['-al', from, to], { stdio: 'ignore' });
  } catch {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

/** Writes `content` to `path` without touching a hard-linked original. */
export function replaceFile(path, content) {
  if (existsSync(path)) unlinkSync(path);
  writeFileSync(path, content);
}

/** Removes nested node_modules, .bin links and npm's lock copy from a hard-linked package tree. */
function pruneInstalledTree(root) {
  rmSync(join(root, '.bin'), { recursive: true, force: true });
  rmSync(join(root, '.package-lock.json'), { force: true });
  const stack = [root];
  while (stack.length) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(current, entry.name);
      if (entry.name === 'node_modules') rmSync(path, { recursive: true, force: true });
      else stack.push(path);
    }
  }
}

function lineOfOffset(text, offset) {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/** Keeps the text of files being planted in memory, writes them once, then locates every marker. */
class Planter {
  constructor(root) {
    this.root = root;
    this.contents = new Map();
    this.items = [];
  }
  read(file) {
    if (!this.contents.has(file)) this.contents.set(file, readFileSync(join(this.root, file), 'utf8'));
    return this.contents.get(file);
  }
  set(file, text) {
    this.contents.set(file, text);
  }
  /** `marker`: a unique string on the line the finding must be reported at. */
  record(file, kind, marker, { ast = false, rules } = {}) {
    this.items.push({ file, kind, marker, ast, rules });
  }
  finish() {
    for (const [file, text] of this.contents) replaceFile(join(this.root, file), text);
    for (const item of this.items) {
      const text = this.contents.get(item.file);
      const offset = text.indexOf(item.marker);
      if (offset === -1 || text.indexOf(item.marker, offset + 1) !== -1) throw new Error(`marker of a planted ${item.kind} lost or repeated in ${item.file}`);
      item.line = lineOfOffset(text, offset);
    }
    // Markers are not needed past this point, and a key must not be printed.
    return this.items.map(({ marker, ...item }) => item);
  }
}

function newlineOf(text) {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

// ---------------------------------------------------------------- planted snippets

function keyLineFor(extension, key, n) {
  switch (extension) {
    case '.json':
      return `  "pilotstatusApiKey${n}": "${key}",`;
    case '.md':
    case '.txt':
      return `For the sandbox, use \`${key}\` as the key.`;
    case '.css':
      return `/* pilotstatus ${key} */`;
    case '.html':
      return `<meta name="pilotstatus-key" content="${key}">`;
    default:
      return `var PILOTSTATUS_API_KEY_${n} = "${key}";`;
  }
}

function curlSingleLine(n) {
  return `curl -sS -X POST -H "${BEARER[0]}: ${BEARER[1]} $PILOTSTATUS_API_KEY_${n}" -H 'Content-Type: application/json' ${API_URL} -d '{"to":"55119${String(n).padStart(8, '0')}","text":"deploy ok"}'`;
}

/** The unique text on the header line of `curlSingleLine(n)` / `curlMultiLine(n)`. */
function curlMarker(n, single) {
  return single ? `$PILOTSTATUS_API_KEY_${n}"` : `{PILOTSTATUS_API_KEY_${n}}`;
}

/** A multi-line command: the finding belongs on the header line (the one with the marker). */
function curlMultiLine(n, indent = '') {
  return [
    `${indent}curl -sS -X POST ${API_URL} \\`,
    `${indent}  -H "${BEARER[0]}: ${BEARER[1]} \${PILOTSTATUS_API_KEY_${n}}" \\`,
    `${indent}  -H 'Content-Type: application/json' \\`,
    `${indent}  -d '{"to":"55119${String(n).padStart(8, '0')}","text":"build finished"}'`,
  ];
}

function fetchSnippet(n, typed) {
  const params = typed ? 'to: string, text: string' : 'to, text';
  return `async function sendPilotStatus${n}(${params}) { return fetch('${API_URL}', { method: 'POST', headers: { ${BEARER[0]}: \`${BEARER[1]} \${process.env.PILOTSTATUS_API_KEY}\`, 'Content-Type': 'application/json' }, body: JSON.stringify({ to, text }) }); }`;
}

function axiosSnippet(n, variant, typed) {
  const params = typed ? 'to: string, text: string' : 'to, text';
  if (variant === 'create') {
    return `const pilotstatusClient${n} = axios.create({ baseURL: 'https://${API_HOST}/v1', headers: { ${BEARER[0]}: '${BEARER[1]} ' + process.env.PILOTSTATUS_API_KEY } });`;
  }
  return `function notifyPilotStatus${n}(${params}) { return axios.post('${API_URL}', { to, text }, { headers: { ${BEARER[0]}: '${BEARER[1]} ' + process.env.PILOTSTATUS_API_KEY } }); }`;
}

// ---------------------------------------------------------------- insertion points

/** Top-level statements: inserting a statement right before one keeps the file valid. */
function topLevelStatementLines(text) {
  try {
    const ast = parse(text, { loc: true, jsx: false, comment: false });
    return ast.body.map((node) => node.loc.start.line - 1);
  } catch {
    return undefined;
  }
}

function parsesWithStatementAt(text, lineIndex) {
  const starts = topLevelStatementLines(text);
  return starts !== undefined && starts.includes(lineIndex);
}

/** Inserts `snippet` before a random top-level statement (checked by parsing). Returns the new text or undefined. */
function insertStatement(text, snippet, picker) {
  const starts = topLevelStatementLines(text);
  if (!starts || starts.length === 0) return undefined;
  const eol = newlineOf(text);
  const lines = text.split(/\r?\n/);
  for (let attempt = 0; attempt < 8; attempt++) {
    const index = picker.pick(starts);
    if (/^\s/.test(lines[index])) continue; // a statement that starts mid-line after something else
    const next = [...lines.slice(0, index), snippet, ...lines.slice(index)];
    const candidate = next.join(eol);
    if (parsesWithStatementAt(candidate, index)) return candidate;
  }
  return undefined;
}

/** Inserts a whole line at a random line boundary (text path: syntax does not matter). */
function insertLine(text, line, picker) {
  const eol = newlineOf(text);
  const lines = text.split(/\r?\n/);
  const index = picker.int(lines.length + (lines[lines.length - 1] === '' ? 0 : 1));
  return [...lines.slice(0, index), line, ...lines.slice(index)].join(eol);
}

/** In a minified line, after a random `;` (or at the line's end): `;var K="…";`. */
function insertMidLine(text, snippet, picker) {
  const lines = text.split('\n');
  const long = lines.map((line, index) => [line.length, index]).filter(([length]) => length > 4096);
  if (long.length === 0) return undefined;
  const [, index] = picker.pick(long);
  const line = lines[index];
  const from = picker.int(line.length);
  const at = line.indexOf(';', from);
  const cut = at === -1 ? line.length : at + 1;
  lines[index] = `${line.slice(0, cut)}${snippet}${line.slice(cut)}`;
  return lines.join('\n');
}

/** A blank line outside any fence, where a new fence can go. */
function insertFence(text, fenceLines, picker) {
  const eol = newlineOf(text);
  const lines = text.split(/\r?\n/);
  const candidates = [];
  let open = false;
  for (let index = 0; index < lines.length; index++) {
    if (/^\s{0,3}(```|~~~)/.test(lines[index])) open = !open;
    else if (!open && lines[index].trim() === '' && index > 0) candidates.push(index);
  }
  if (candidates.length === 0) return undefined;
  const index = picker.pick(candidates);
  return [...lines.slice(0, index + 1), ...fenceLines, '', ...lines.slice(index + 1)].join(eol);
}

// ---------------------------------------------------------------- shell scripts

function shellScript(n, picker) {
  const app = picker.pick(['web', 'api', 'worker', 'admin', 'landing', 'checkout']);
  const lines = [
    '#!/usr/bin/env bash',
    `# Deploys the ${app} service and tells the team.`,
    'set -euo pipefail',
    '',
    'ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"',
    'cd "$ROOT"',
    `RELEASE="${app}-$(date +%Y%m%d%H%M%S)"`,
    '',
    'echo "building $RELEASE"',
    'npm ci --no-audit --no-fund',
    'npm run build',
    'tar -czf "/tmp/$RELEASE.tgz" dist',
    '',
    'if [ -n "${DEPLOY_HOST:-}" ]; then',
    '  rsync -az --delete dist/ "deploy@$DEPLOY_HOST:/srv/' + app + '/current/"',
    '  ssh "deploy@$DEPLOY_HOST" "sudo systemctl reload ' + app + '"',
    'fi',
    '',
    '# other vendors do use Bearer auth: these must not be reported',
    `curl -sS -X POST -H "${BEARER[0]}: ${BEARER[1]} $SLACK_BOT_TOKEN" -H 'Content-type: application/json' https://slack.com/api/chat.postMessage -d '{"channel":"#deploys","text":"'"$RELEASE"' is live"}'`,
    `curl -sS -H "${BEARER[0]}: ${BEARER[1]} $GITHUB_TOKEN" https://api.github.com/repos/acme/${app}/deployments`,
    '',
    'for attempt in 1 2 3; do',
    `  if curl -fsS "https://${app}.example.com/healthz" >/dev/null; then break; fi`,
    '  sleep $((attempt * 2))',
    'done',
    '',
    `echo "deployed ${app} (script ${n})"`,
  ];
  return lines.join('\n') + '\n';
}

/** Line indexes where a new command may start: not after a `\` continuation, not inside an if/for body start. */
function shellBoundaries(lines) {
  const out = [];
  for (let index = 3; index <= lines.length; index++) {
    const previous = lines[index - 1] ?? '';
    if (previous.endsWith('\\')) continue;
    out.push(index);
  }
  return out;
}

// ---------------------------------------------------------------- the text tree

/**
 * `<work>/text/`: dist/ = the installed packages (scanned as build output), src/ = real ES modules
 * copied from three.js (ESLint in a default scan), scripts/ = shell scripts. Returns
 * `{ root, planted }` where `planted` lists `{ file, line, kind, ast, rules }`.
 */
export function buildTextTree({ corpusDir, workDir, seed, counts = DEFAULT_COUNTS }) {
  const root = join(workDir, 'text');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  linkCopy(join(corpusDir, 'node_modules'), join(root, 'dist'));
  pruneInstalledTree(join(root, 'dist'));
  const picker = createPicker(seed);
  const planter = new Planter(root);
  let n = 0;
  let keySeed = seed * 1000;

  const all = listFiles(join(root, 'dist')).map((file) => `dist/${file}`);
  const sizeOf = (file) => statSync(join(root, file)).size;

  // Keys in corpus files under dist/.
  const keyExtensions = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.json', '.md', '.css', '.txt', '.html']);
  const keyTargets = picker.sample(all.filter((file) => keyExtensions.has(extname(file)) && sizeOf(file) > 200 && !file.endsWith('/package.json')), counts.distKeys);
  for (const file of keyTargets) {
    const key = fakeKey(++keySeed);
    const extension = extname(file);
    const text = planter.read(file);
    const jsLike = ['.js', '.mjs', '.cjs'].includes(extension);
    let next;
    if (jsLike && picker.random() < 0.5) next = insertMidLine(text, `var PILOTSTATUS_API_KEY_${++n}="${key}";`, picker);
    next ??= insertLine(text, keyLineFor(extension, key, ++n), picker);
    planter.set(file, next);
    planter.record(file, 'key', key, { rules: ['no-hardcoded-key', 'no-client-key'] });
  }

  // curl fences in Markdown under dist/.
  const markdown = picker.sample(all.filter((file) => file.endsWith('.md') && sizeOf(file) > 500), counts.markdownBearer);
  for (const file of markdown) {
    const id = ++n;
    const single = picker.random() < 0.5;
    const fence = single ? ['```sh', curlSingleLine(id), '```'] : ['```bash', ...curlMultiLine(id), '```'];
    const next = insertFence(planter.read(file), fence, picker);
    if (!next) continue;
    planter.set(file, next);
    planter.record(file, 'bearer-markdown', curlMarker(id, single), { rules: ['no-bearer-auth'] });
  }

  // Shell scripts with curl lines.
  mkdirSync(join(root, 'scripts'), { recursive: true });
  const scripts = [];
  for (let index = 0; index < counts.shellFiles; index++) {
    const file = `scripts/deploy-${index + 1}.sh`;
    writeFileSync(join(root, file), shellScript(index + 1, picker));
    scripts.push(file);
  }
  for (let index = 0; index < counts.shellBearer; index++) {
    const file = scripts[index % scripts.length];
    const id = ++n;
    const lines = planter.read(file).split('\n');
    const at = picker.pick(shellBoundaries(lines));
    const single = picker.random() < 0.5;
    const planted = single ? [curlSingleLine(id)] : curlMultiLine(id);
    planter.set(file, [...lines.slice(0, at), ...planted, ...lines.slice(at)].join('\n'));
    planter.record(file, 'bearer-shell', curlMarker(id, single), { rules: ['no-bearer-auth'] });
  }

  // Real ES modules from three.js, copied to src/, with keys and Bearer calls as top-level statements.
  const threeSources = all.filter(
    (file) => file.startsWith('dist/three/src/') && file.endsWith('.js') && !file.includes('/shaders/') && sizeOf(file) > 1500 && sizeOf(file) < 40_000,
  );
  const sources = [];
  for (const file of picker.sample(threeSources, counts.sourceFiles * 2)) {
    if (sources.length >= counts.sourceFiles) break;
    const text = readFileSync(join(root, file), 'utf8');
    if (text.split('\n').some((line) => line.length > 1000) || !topLevelStatementLines(text)) continue;
    const target = `src/${file.slice('dist/three/src/'.length)}`;
    mkdirSync(dirname(join(root, target)), { recursive: true });
    writeFileSync(join(root, target), text);
    sources.push(target);
  }
  const plantSource = (kind, make, rules, withImport) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const file = picker.pick(sources);
      let text = planter.read(file);
      if (withImport && !/^import axios from 'axios';$/m.test(text)) text = `import axios from 'axios';${newlineOf(text)}${text}`;
      const { snippet, marker } = make();
      const next = insertStatement(text, snippet, picker);
      if (!next) continue;
      planter.set(file, next);
      planter.record(file, kind, marker, { ast: kind !== 'key', rules });
      return;
    }
  };
  for (let index = 0; index < counts.sourceKeys; index++) {
    const key = fakeKey(++keySeed);
    const id = ++n;
    plantSource('key', () => ({ snippet: `const PILOTSTATUS_API_KEY_${id} = '${key}';`, marker: key }), ['no-hardcoded-key']);
  }
  for (let index = 0; index < counts.sourceFetch; index++) {
    const id = ++n;
    plantSource('bearer-fetch', () => ({ snippet: fetchSnippet(id, false), marker: `sendPilotStatus${id}(` }), ['no-bearer-auth', 'require-key-header']);
  }
  for (let index = 0; index < counts.sourceAxios; index++) {
    const id = ++n;
    const variant = index % 2 ? 'create' : 'post';
    const marker = variant === 'create' ? `pilotstatusClient${id} =` : `notifyPilotStatus${id}(`;
    plantSource('bearer-axios', () => ({ snippet: axiosSnippet(id, variant, false), marker }), ['no-bearer-auth', 'require-key-header'], true);
  }
  return { root, planted: planter.finish() };
}

// ---------------------------------------------------------------- the TypeScript source tree

export const RXJS_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'es2020',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['es2020', 'dom'],
    types: [],
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src/**/*.ts'],
};

/**
 * `<work>/<name>/`: the TypeScript sources rxjs ships in its npm package (src/, about 250 files)
 * plus a tsconfig.json. With `plant`, a few keys and PilotStatus requests are added as top-level
 * statements of some files (checked by parsing), so the source-path comparison has findings to match.
 */
export function buildSourceTree({ corpusDir, workDir, name, seed, plant = 0 }) {
  const root = join(workDir, name);
  rmSync(root, { recursive: true, force: true });
  const from = join(corpusDir, 'node_modules', 'rxjs', 'src');
  if (!existsSync(from)) return { root, missing: `${from} not found (rxjs no longer ships src/?)` };
  mkdirSync(root, { recursive: true });
  cpSync(from, join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(RXJS_TSCONFIG, null, 2));
  if (!plant) return { root, planted: [] };
  const picker = createPicker(seed + 17);
  const planter = new Planter(root);
  const sources = listFiles(root).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  let n = 0;
  let keySeed = seed * 5000;
  const kinds = [
    () => {
      const key = fakeKey(++keySeed);
      return { kind: 'key', snippet: `const PILOTSTATUS_API_KEY_${++n}: string = '${key}';`, marker: key };
    },
    () => {
      const key = fakeKey(++keySeed, { environment: 'test' });
      return { kind: 'key', snippet: `export const pilotstatusConfig${++n} = { apiKey: '${key}', baseUrl: 'https://${API_HOST}/v1' };`, marker: key };
    },
    () => {
      const id = ++n;
      return { kind: 'bearer-fetch', snippet: `export ${fetchSnippet(id, true)}`, marker: `sendPilotStatus${id}(` };
    },
    () => {
      const id = ++n;
      return { kind: 'bearer-axios', snippet: axiosSnippet(id, 'post', true), marker: `notifyPilotStatus${id}(`, axios: true };
    },
    () => {
      const id = ++n;
      return {
        kind: 'missing-header',
        snippet: `export function pingPilotStatus${id}(body: string) { return fetch('${API_URL}', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }); }`,
        marker: `pingPilotStatus${id}(`,
      };
    },
    () => {
      const id = ++n;
      return {
        kind: 'key-in-url',
        snippet: `export function statusPilotStatus${id}() { return fetch(\`https://${API_HOST}/v1/status?api_key=\${process.env.PILOTSTATUS_API_KEY}\`); }`,
        marker: `statusPilotStatus${id}(`,
      };
    },
  ];
  for (let index = 0; index < plant; index++) {
    const make = kinds[index % kinds.length];
    for (let attempt = 0; attempt < 10; attempt++) {
      const file = picker.pick(sources);
      const planned = make();
      let text = planter.read(file);
      if (planned.axios && !/^import axios from 'axios';$/m.test(text)) text = `import axios from 'axios';\n${text}`;
      const next = insertStatement(text, planned.snippet, picker);
      if (!next) continue;
      planter.set(file, next);
      planter.record(file, planned.kind, planned.marker, { ast: planned.kind !== 'key' });
      break;
    }
  }
  return { root, planted: planter.finish() };
}

// ---------------------------------------------------------------- growth trees

/** `<work>/growth-<k>x/copy-<i>/…`: `k` hard-linked copies of `fromDirs` (paths relative to `baseRoot`). */
export function buildGrowthTree({ baseRoot, fromDirs, workDir, factor }) {
  const root = join(workDir, `growth-${factor}x`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (let copy = 1; copy <= factor; copy++) {
    for (const dir of fromDirs) linkCopy(join(baseRoot, dir), join(root, `copy-${copy}`, dir));
  }
  return root;
}
