/**
 * eslint-plugin-pilotstatus: the plugin object in ESLint's flat-config shape.
 *
 *   import pilotstatus from 'eslint-plugin-pilotstatus';
 *   export default [pilotstatus.configs.recommended];
 */
import type { ESLint } from 'eslint';
import { rules } from '../rules/index.js';
import { createConfigs, type PilotStatusConfigs } from './configs.js';
import { PACKAGE_JSON } from './package-info.js';


const plugin = {
  meta: { name: PACKAGE_JSON.name, version: PACKAGE_JSON.version, namespace: 'pilotstatus' },
  rules,
  configs: {} as PilotStatusConfigs,
};
Object.assign(plugin.configs, createConfigs(plugin));

// Only a default export: `require()` of this ESM entry (Node >= 20.19) then yields `{ __esModule, default }`,
// which CommonJS consumers such as eslint-doc-generator unwrap to the plugin. The rules are at `plugin.rules`.
export default plugin as typeof plugin & ESLint.Plugin;
