// A stand-in for src/io/worker.ts in the pool's tests: a job's text is how
// many MB of heap to fill; the record says it and the worker's heap limit.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';

let shared = null;
parentPort.on('message', (job) => {
  if (job.shared) {
    shared = job.shared; // the pool's WorkerInit
    return;
  }
  if (job.doc.text === 'shared?') {
    parentPort.postMessage({ seq: job.seq, records: [JSON.stringify(shared)], warnings: [], heapUsed: 0 });
    return;
  }
  const keep = [];
  const mb = Number(job.doc.text) || 0;
  for (let i = 0; i < mb; i++) keep.push(new Array(128 * 1024).fill(i)); // 1 MB each (8 bytes an element)
  const limitMb = Math.round(getHeapStatistics().heap_size_limit / 1048576);
  parentPort.postMessage({ seq: job.seq, records: [`${keep.length} MB in ${limitMb}`], warnings: [], heapUsed: 0 });
});
