// The resources every worker shares (shareResources), loaded by a short-lived
// thread of their own. In the main thread, loading them left its heap ~40 MB
// larger for the rest of the run (V8 keeps the pages it grew into); the
// loader's heap goes away with it, and the shared memory stays.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Command } from '../index.js';
import { SHARED_RESOURCES } from '../resources/shared.js';
import { shareResources, type SharedResources } from './resources.js';

export function shareResourcesInThread(command: Command): Promise<SharedResources> {
  return new Promise((resolve, reject) => {
    const loader = new Worker(new URL(import.meta.url), { workerData: command });
    loader.once('message', resolve);
    loader.once('error', reject);
    loader.once('exit', (code) => reject(new Error(`the resource loader stopped (exit code ${code})`)));
  });
}

if (!isMainThread && parentPort && typeof workerData === 'string' && workerData in SHARED_RESOURCES) {
  parentPort.postMessage(shareResources(SHARED_RESOURCES[workerData as Command]));
}
