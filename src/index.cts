/**
 * The CommonJS entry (`"require"` export condition): `require('eslint-plugin-pilotstatus')` returns
 * the plugin itself, as `import` does, so a CommonJS `eslint.config.js` works. Node >= 20.19 can
 * require() the ESM build; this hands out its default export instead of the module namespace. Both
 * routes share the one ESM module instance, so there is one plugin object, never two.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this CommonJS entry exists to require() the ESM build
const esm = require('./index.js') as { default: unknown };
module.exports = esm.default;
