/**
 * The script blocks of `.vue`, `.svelte` and `.astro` files, for the linter. Found with `indexOf`
 * (not a lazy regex over the file), so an unclosed `<script` costs one pass, not one per tag.
 */
import { extname } from 'node:path';
import { ASTRO_FRONTMATTER_SUFFIX } from '../analysis/client-code.js';
import type { ScriptBlock } from './lint.js';

export function extractScriptBlocks(absolutePath: string, text: string): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  const lower = text.toLowerCase();
  const extension = extname(absolutePath).toLowerCase();
  if (extension === '.astro' && /^---\r?\n/.test(text)) {
    // Astro's frontmatter is TypeScript that runs on the server (at build or request time); its
    // `<script>` tags are bundled for the browser. The block's name says which (`client-code.ts`).
    const start = text.indexOf('\n') + 1;
    const close = text.indexOf('\n---', start);
    if (close !== -1) blocks.push({ offset: start, text: text.slice(start, close + 1), filename: `${absolutePath}${ASTRO_FRONTMATTER_SUFFIX}`, virtual: true });
  }
  let position = 0;
  for (;;) {
    const open = lower.indexOf('<script', position);
    if (open === -1) break;
    const tagEnd = lower.indexOf('>', open);
    if (tagEnd === -1) break;
    const close = lower.indexOf('</script', tagEnd);
    if (close === -1) break;
    const attributes = lower.slice(open + 7, tagEnd);
    position = close + 8;
    if (!/^[\s>/]/.test(lower[open + 7] ?? '>') ) continue; // `<scripts>` is not a script tag
    if (/\bsrc\s*=/.test(attributes) || /type\s*=\s*["']?(?!module|text\/javascript|application\/javascript|["' >])/.test(attributes)) continue;
    const lang = /\blang\s*=\s*["']?(tsx|ts|typescript|jsx)/.exec(attributes)?.[1];
    const suffix = lang === 'tsx' ? '.tsx' : lang === 'ts' || lang === 'typescript' ? '.ts' : '.jsx';
    blocks.push(createBlock(absolutePath, blocks.length, tagEnd + 1, text.slice(tagEnd + 1, close), suffix));
  }
  return blocks;
}

function createBlock(absolutePath: string, index: number, offset: number, text: string, suffix: string): ScriptBlock {
  // Same directory as the component, so relative imports resolve as they do for the component.
  return { offset, text, filename: `${absolutePath}.${index}${suffix}`, virtual: true };
}
