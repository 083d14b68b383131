/**
 * A mistake in `settings.pilotstatus` reaches the user of ESLint as one clear message naming the
 * setting (with the nearest known name), not a stack trace (ESLint prints a rule's crash as `stack`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSettings, SettingsError } from '../src/core/settings.js';

const ROOT = join(import.meta.dirname, '..');

describe('settings.pilotstatus mistakes', () => {
  it('name the setting, suggest the nearest name, and carry no stack frames', () => {
    const error = (() => {
      try {
        resolveSettings({ serverFile: ['workers/**'] });
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SettingsError);
    expect(error!.message).toMatch(/^settings\.pilotstatus\.serverFile is not a known setting \(did you mean serverFiles\?\)/);
    expect(error!.stack).toBe(`PilotStatusSettingsError: ${error!.message}`);
    expect(() => resolveSettings({ apiHosts: 'pilotstatus.com.br' })).toThrow('settings.pilotstatus.apiHosts must be an array of strings.');
  });

  it('the eslint command prints one message naming the setting, without a stack trace', () => {
    const project = mkdtempSync(join(tmpdir(), 'pilotstatus-settings-'));
    try {
      const plugin = pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href;
      writeFileSync(join(project, 'eslint.config.mjs'), `import pilotstatus from ${JSON.stringify(plugin)};\nexport default [pilotstatus.configs.recommended, { settings: { pilotstatus: { serverFile: ['x/**'] } } }];\n`);
      writeFileSync(join(project, 'a.js'), "fetch('https://api.pilotstatus.com.br/v1/messages');\n");
      const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'a.js'], { cwd: project, encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr + result.stdout).toContain('settings.pilotstatus.serverFile is not a known setting (did you mean serverFiles?)');
      expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
