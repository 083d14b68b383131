/**
 * Worker threads for the text path (bundles, build output, docs, config files), sized to the machine.
 * A worker that throws or exits takes only its in-flight files with it: they come back as errors
 * and the rest of the scan goes on on the remaining workers (or on the main thread).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { redactText } from '../core/key.js';
import type { FileOutcome, WorkItem } from './process-file.js';
import type { TextWorkerData, TextWorkerRequest } from './text-worker.js';

interface Pending {
  resolve: (outcomes: FileOutcome[] | undefined) => void;
  worker: Worker;
  size: number;
}

const WORKER_URL = new URL('./text-worker.js', import.meta.url);

export class TextWorkerPool {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  readonly #load = new Map<Worker, number>();
  #nextId = 0;

  /** A pool, or undefined when workers cannot run here (the module runs from sources, not a build). */
  static create(size: number, data: TextWorkerData): TextWorkerPool | undefined {
    if (size < 1 || !existsSync(fileURLToPath(WORKER_URL))) return undefined;
    return new TextWorkerPool(size, data);
  }

  private constructor(size: number, data: TextWorkerData) {
    for (let index = 0; index < size; index++) {
      const worker = new Worker(WORKER_URL, { workerData: data });
      this.#load.set(worker, 0);
      worker.on('message', (message: { id: number; outcomes: FileOutcome[] }) => {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        this.#load.set(worker, (this.#load.get(worker) ?? 1) - 1);
        pending.resolve(message.outcomes);
      });
      const fail = (reason: string) => this.#retire(worker, reason);
      worker.on('error', (error) => fail(`the scan worker failed: ${redactText(error.message)}`));
      worker.on('exit', (code) => fail(`the scan worker stopped unexpectedly (exit code ${code})`));
      this.#workers.push(worker);
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Scans `items` on the least loaded worker; undefined when no worker is left (scan them here instead). */
  runBatch(items: readonly WorkItem[]): Promise<FileOutcome[] | undefined> {
    const worker = [...this.#load].sort((a, b) => a[1] - b[1])[0]?.[0];
    if (!worker) return Promise.resolve(undefined);
    const id = this.#nextId++;
    this.#load.set(worker, (this.#load.get(worker) ?? 0) + 1);
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve, worker, size: items.length });
      worker.postMessage({ id, items } satisfies TextWorkerRequest);
    });
  }

  #retire(worker: Worker, reason: string): void {
    if (!this.#load.has(worker)) return;
    this.#load.delete(worker);
    this.#workers.splice(this.#workers.indexOf(worker), 1);
    for (const [id, pending] of this.#pending) {
      if (pending.worker !== worker) continue;
      this.#pending.delete(id);
      pending.resolve(Array.from({ length: pending.size }, () => ({ findings: [], error: reason, inlineIgnored: 0 })));
    }
  }

  async close(): Promise<void> {
    const workers = [...this.#workers];
    this.#load.clear();
    this.#workers.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
