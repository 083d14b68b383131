/** vitest globalSetup: runs once before every test file, so no test sees a stale `dist/`. */
import { join } from 'node:path';
import { ensureFreshBuild } from './build.js';

export default function setup(): void {
  ensureFreshBuild(join(import.meta.dirname, '..', '..'));
}
