/**
 * eslint-doc-generator: writes the header of every `rules/<id>.md` (up to
 * `<!-- end auto-generated rule header -->`) and the README rule table (between the
 * `<!-- begin/end auto-generated rules list -->` markers) from the rules' metadata.
 *
 * It imports the package entry, i.e. the BUILT plugin (`dist/src/index.js` through package.json
 * `exports`), so build first: `npm run docs` builds and regenerates, `npm run docs:check` (part of
 * `npm test`, after the build) fails when a doc or the table has drifted from the metadata.
 */

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  pathRuleDoc: 'rules/{name}.md',
  pathRuleList: 'README.md',
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking', 'options'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'deprecated',
  ],
  configEmoji: [
    ['recommended', '✅'],
    ['recommended-type-checked', '☑️'],
    ['strict', '🔒'],
  ],
  // Every rule doc carries these sections, `## Options` included even when a rule has none (it then
  // says which shared settings the rule reads); test/docs.test.ts checks the same list and the examples.
  ruleDocSectionInclude: ['Options', 'Type information', 'Scanner coverage', 'When not to use it'],
  ruleDocSectionOptions: false,
  urlConfigs: 'https://github.com/pilotstatus/eslint-plugin-pilotstatus#configs',
};

export default config;
