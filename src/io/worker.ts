// A worker thread of the pool (src/io/pool.ts): receives jobs, answers with
// results, one at a time and in the order received. Each result carries the
// thread's heap use, so the pool can retire a worker whose caches have grown.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createJobRunner, type Job, type JobSettings } from './job.js';

const run = createJobRunner(workerData as JobSettings);
parentPort!.on('message', (job: Job) => {
  const result = run(job);
  result.heapUsed = getHeapStatistics().used_heap_size;
  parentPort!.postMessage(result);
});
