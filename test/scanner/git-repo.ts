/**
 * Real git repositories for the history tests, built commit by commit in a temp directory. Each
 * commit gets its own author date, one minute after the last, so "earliest" is unambiguous.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeTree } from './tree.js';

export class TestRepository {
  #clock = Date.UTC(2024, 0, 1);

  private constructor(readonly root: string) {}

  static create(): TestRepository {
    const repository = new TestRepository(writeTree({}));
    repository.git('init', '-q', '-b', 'main');
    repository.git('config', 'commit.gpgsign', 'false');
    return repository;
  }

  git(...args: string[]): string {
    const date = new Date(this.#clock).toISOString();
    return execFileSync('git', args, {
      cwd: this.root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Ada Author',
        GIT_AUTHOR_EMAIL: 'ada@example.org',
        GIT_COMMITTER_NAME: 'Ada Author',
        GIT_COMMITTER_EMAIL: 'ada@example.org',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: this.root,
      },
    }).trim();
  }

  /** Writes (or, for `null`, deletes) files, commits everything, and returns the new commit id. */
  commit(message: string, files: Record<string, string | null>): string {
    for (const [path, content] of Object.entries(files)) {
      const absolute = join(this.root, path);
      if (content === null) rmSync(absolute, { force: true });
      else {
        mkdirSync(dirname(absolute), { recursive: true });
        writeFileSync(absolute, content);
      }
    }
    this.git('add', '-A');
    return this.commitStaged(message);
  }

  commitStaged(message: string): string {
    this.#clock += 60_000;
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.head();
  }

  /** Merges `branch` into the current branch with a merge commit, or leaves the conflict to resolve. */
  merge(branch: string): void {
    this.#clock += 60_000;
    try {
      this.git('merge', '-q', '--no-ff', '--no-edit', branch);
    } catch {
      // a conflict: the caller writes the resolution and calls commitStaged
    }
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  /** Distinct blobs reachable from every ref. */
  countReachableBlobs(): number {
    const objects = this.git('rev-list', '--all', '--objects')
      .split('\n')
      .map((line) => line.split(' ')[0]!)
      .filter(Boolean);
    const types = execFileSync('git', ['cat-file', '--batch-check=%(objecttype)'], { cwd: this.root, input: objects.join('\n') + '\n', encoding: 'utf8' });
    return types.split('\n').filter((type) => type === 'blob').length;
  }
}
