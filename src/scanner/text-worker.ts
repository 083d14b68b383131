/**
 * A text-path worker: reads and scans the files the main thread sends (everything that is not linted
 * source), and answers with plain-data outcomes. Findings are made here by the same code as on the
 * main thread, so they are redacted before they ever cross the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveSettings } from '../core/settings.js';
import type { RuleSeverities } from './collector.js';
import { processFile, type ProcessContext, type WorkItem } from './process-file.js';
import { createByteMarkers } from './read.js';

export interface TextWorkerData {
  rawSettings: unknown;
  severities: RuleSeverities;
  maxFileSize: number;
  textOnly: boolean;
  /** Fault injection for the pipeline's tests (`ScanOptions.workerExitAfter`): exit after this many files. 0 = off. */
  exitAfter: number;
}

export interface TextWorkerRequest {
  id: number;
  items: readonly WorkItem[];
}

const data = workerData as TextWorkerData;
const settings = resolveSettings(data.rawSettings);
const context: ProcessContext = {
  maxFileSize: data.maxFileSize,
  byteMarkers: createByteMarkers(settings.apiHosts),
  textOnly: data.textOnly,
  settings,
  severities: data.severities,
  getEngine: () => Promise.reject(new Error('source files are linted on the main thread')),
};
const exitAfter = data.exitAfter;
let handled = 0;

parentPort!.on('message', (request: TextWorkerRequest) => {
  void handleRequest(request);
});

async function handleRequest(request: TextWorkerRequest): Promise<void> {
  const outcomes = [];
  for (const item of request.items) {
    if (exitAfter > 0 && ++handled > exitAfter) process.exit(70);
    try {
      outcomes.push(await processFile(item, context));
    } catch (error) {
      outcomes.push({ findings: [], error: `the scan of this file failed in a worker (${error instanceof Error ? error.name : 'error'})`, inlineIgnored: 0 });
    }
  }
  parentPort!.postMessage({ id: request.id, outcomes });
}
