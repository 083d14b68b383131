/**
 * The text pre-filters of `src/analysis/relevance.ts`, on module trees written at run time: they
 * decide from words alone, so what they must never do is say "no" where the AST pass could report.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { isRelevantSource, mayReachRequestClient } from '../../src/analysis/relevance.js';

const created: string[] = [];
afterAll(() => created.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

function writeModules(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pilotstatus-relevance-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('mayReachRequestClient', () => {
  const root = writeModules({
    'http.ts': "export const post = (url: string, body: unknown) => fetch(url, { method: 'POST', body: JSON.stringify(body) });",
    'api.ts': "import { post } from './http';\nexport const send = (to: string) => post('/v1/messages/send', { to });",
    'client.ts': "import axios from 'axios';\nexport const api = axios.create({});",
    'node.ts': "import { request } from 'node:https';\nexport const call = () => request('x');",
    'math.ts': "export const add = (a: number, b: number) => a + b;",
    'format.ts': "import { add } from './math';\nexport const sum = (values: number[]) => values.reduce(add, 0);",
    'cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b();",
    'cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a();",
    'deep/one.ts': "import { two } from './two';\nexport const one = () => two();",
    'deep/two.ts': "import { send } from '../api';\nexport const two = () => send('1');",
  });
  const reaches = (file: string) => mayReachRequestClient(join(root, file), DEFAULT_SETTINGS);

  it('is true for a module that uses a client, and for the modules that import one (a wrapper of a wrapper)', () => {
    expect(reaches('http.ts')).toBe(true);
    expect(reaches('client.ts')).toBe(true);
    expect(reaches('node.ts')).toBe(true);
    expect(reaches('api.ts')).toBe(true);
    expect(reaches('deep/one.ts')).toBe(true);
  });

  it('is false for modules whose whole import closure names no client, cycles included', () => {
    expect(reaches('math.ts')).toBe(false);
    expect(reaches('format.ts')).toBe(false);
    expect(reaches('cycle-a.ts')).toBe(false);
    expect(reaches('cycle-b.ts')).toBe(false);
  });

  it('says yes for a file it cannot read (the AST pass finds out)', () => {
    expect(reaches('missing.ts')).toBe(true);
  });
});

describe('isRelevantSource', () => {
  it('is true for a file that imports a module holding a trigger word, false without one', () => {
    const root = writeModules({
      'config.ts': 'export const key = process.env.PILOTSTATUS_API_KEY;',
      'uses.ts': "import { key } from './config';\nexport const k = key;",
      'plain.ts': "import { add } from './math';\nexport const x = add(1, 2);",
      'math.ts': 'export const add = (a: number, b: number) => a + b;',
    });
    const relevant = (file: string, text: string) => isRelevantSource(join(root, file), text, DEFAULT_SETTINGS);
    expect(relevant('uses.ts', "import { key } from './config';\nexport const k = key;")).toBe(true);
    expect(relevant('plain.ts', "import { add } from './math';\nexport const x = add(1, 2);")).toBe(false);
  });
});
