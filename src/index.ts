/**
 * eslint-plugin-pilotstatus: the plugin object in ESLint's flat-config shape.
 *
 *   import pilotstatus from 'eslint-plugin-pilotstatus';
 *   export default [...pilotstatus.configs.recommended];
 */
import type { ESLint, Linter } from 'eslint';
import { rules } from '../rules/index.js';
import { createConfigs } from './configs.js';
import { PACKAGE_JSON } from './package-info.js';


const plugin = {
  meta: { name: PACKAGE_JSON.name, version: PACKAGE_JSON.version, namespace: 'pilotstatus' },
  rules,
  configs: {} as Record<'recommended' | 'recommended-type-checked' | 'strict', Linter.Config[]>,
};
Object.assign(plugin.configs, createConfigs(plugin));

export default plugin as typeof plugin & ESLint.Plugin;
export { rules };
