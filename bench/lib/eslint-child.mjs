/**
 * Child process of the ESLint sections: one ESLint Node API run (`new ESLint({ overrideConfigFile:
 * true, overrideConfig })`) over a TypeScript project, timed around `lintFiles`.
 *
 * argv[2] = JSON { cwd, mode, stats, onlyRule, patterns, plugin }:
 *   mode 'none'      the parser settings of `recommended-type-checked` (typescript-eslint parser with
 *                    `projectService`) and no rules: what a type-checked run costs before any rule;
 *   mode 'plugin'    the same plus this plugin's `recommended-type-checked` rules;
 *   mode 'tseslint'  the same parser settings with typescript-eslint's recommended-type-checked rules;
 *   mode 'tseslint-plugin' those plus this plugin's rules (the overhead a real type-checked setup sees);
 *   mode 'syntactic' this plugin's `recommended` config (no type information);
 *   mode 'syntactic-none' the same config with its rules and plugin taken out: the parser alone.
 * `onlyRule` keeps a single rule of the plugin on (typescript-eslint's advice: time one rule at a time).
 * With `stats`, `timing` also has `files`: per file, its lines and the time of each rule (the data of
 * `result.stats.times.passes[].rules`), so a caller can find the slowest file per 1,000 lines.
 * Prints one JSON object: { lintMs, files, fatal, findings: [{file, line, ruleId}], timing? }.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const { cwd, mode, stats, onlyRule, patterns, plugin: pluginPath } = JSON.parse(process.argv[2]);
const plugin = (await import(pathToFileURL(pluginPath).href)).default;

const typeChecked = plugin.configs['recommended-type-checked'];
const rootDir = { name: 'bench/tsconfig-root', files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parserOptions: { tsconfigRootDir: cwd } } };
let overrideConfig;
if (mode === 'none') {
  // Same entries, same files and parser options; rules and plugins taken out.
  overrideConfig = [...typeChecked.map(({ rules: _rules, plugins: _plugins, ...rest }) => rest), rootDir];
} else if (mode === 'plugin') {
  overrideConfig = [...typeChecked, rootDir];
} else if (mode === 'tseslint' || mode === 'tseslint-plugin') {
  // A realistic type-checked setup: typescript-eslint's own recommended-type-checked rules (which
  // create the type checker whatever else runs), then the same plus this plugin's rules.
  const tseslint = (await import('@typescript-eslint/eslint-plugin')).default;
  const tsRules = tseslint.configs['flat/recommended-type-checked'].flatMap((entry) => (entry.rules ? [entry.rules] : []));
  const theirs = { name: 'bench/typescript-eslint', files: ['**/*.{ts,tsx,mts,cts}'], plugins: { '@typescript-eslint': tseslint }, rules: Object.assign({}, ...tsRules) };
  const base = mode === 'tseslint' ? typeChecked.map(({ rules: _rules, plugins: _plugins, ...rest }) => rest) : typeChecked;
  overrideConfig = [...base, theirs, rootDir];
} else if (mode === 'syntactic') {
  overrideConfig = [plugin.configs.recommended];
} else if (mode === 'syntactic-none') {
  const { rules: _rules, plugins: _plugins, ...rest } = plugin.configs.recommended;
  overrideConfig = [rest];
} else {
  throw new Error(`unknown mode ${mode}`);
}
if (onlyRule) {
  overrideConfig = overrideConfig.map((entry) => (entry.rules ? { ...entry, rules: Object.fromEntries(Object.entries(entry.rules).filter(([id]) => id === onlyRule)) } : entry));
}

const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig, stats: Boolean(stats), cache: false, errorOnUnmatchedPattern: false });
const started = process.hrtime.bigint();
const results = await eslint.lintFiles(patterns);
const lintMs = Number(process.hrtime.bigint() - started) / 1e6;

const findings = [];
const fatal = [];
const timing = stats ? { parse: 0, rules: {}, total: 0, files: [] } : undefined;
for (const result of results) {
  const file = relative(cwd, result.filePath).split('\\').join('/');
  for (const message of result.messages) {
    if (message.fatal) fatal.push({ file, line: message.line, message: message.message.slice(0, 200) });
    else if (message.ruleId?.startsWith('pilotstatus/')) findings.push({ file, line: message.line, ruleId: message.ruleId });
  }
  if (timing && result.stats) {
    const perFile = { file, lines: 0, parse: 0, rules: {} };
    for (const pass of result.stats.times.passes) {
      timing.parse += pass.parse?.total ?? 0;
      timing.total += pass.total ?? 0;
      perFile.parse += pass.parse?.total ?? 0;
      for (const [ruleId, value] of Object.entries(pass.rules ?? {})) {
        timing.rules[ruleId] = (timing.rules[ruleId] ?? 0) + value.total;
        perFile.rules[ruleId] = (perFile.rules[ruleId] ?? 0) + value.total;
      }
    }
    try {
      const text = result.source ?? readFileSync(result.filePath, 'utf8');
      perFile.lines = text.split('\n').length;
    } catch {
      perFile.lines = 0;
    }
    timing.files.push(perFile);
  }
}
process.stdout.write(JSON.stringify({ lintMs, files: results.length, fatal, findings, timing }));
