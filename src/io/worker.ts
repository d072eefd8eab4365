// A worker thread of the pool (src/io/pool.ts): receives jobs, answers with
// results, one at a time and in the order received. Each result carries the
// thread's heap use, so the pool can retire a worker whose caches have grown.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createJobRunner, type Job, type JobRunner, type JobSettings } from './job.js';
import type { WorkerInit } from './pool.js';

// The pool's first message may be the shared resources (WorkerInit); the runner is made on the first message.
let run: JobRunner | null = null;
parentPort!.on('message', (message: Job | WorkerInit) => {
  if ('shared' in message) {
    run = createJobRunner({ ...(workerData as JobSettings), shared: message.shared });
    return;
  }
  run ??= createJobRunner(workerData as JobSettings);
  const job = message;
  const result = run(job);
  result.heapUsed = getHeapStatistics().used_heap_size;
  parentPort!.postMessage(result);
});
