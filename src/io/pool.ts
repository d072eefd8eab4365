// A pool of worker threads running jobs (src/io/worker.ts). Workers start
// lazily, when there is work and every running worker is busy, so a run over
// one small file starts one worker, not one per core. Each worker holds at most
// PER_WORKER jobs (one running, one waiting, so it never idles on a message
// round trip).
//
// A worker that crashes (an exception outside the job's try, running out of
// memory) or that spends longer than the timeout on one document is ended; the
// document it was on fails with that reason, the job waiting behind it is
// handed to another worker, and a new worker starts when needed.
//
// Memory: each worker's V8 heap is capped (--worker-memory, default 112 MB),
// which keeps the whole run's resident memory near (workers × cap) instead of
// letting each heap grow as V8 likes. The stages' per-word caches are bounded
// (over the whole SaudiNewsNet corpus a worker's live heap levels off near
// 55–65 MB, about half of it the tokenizer's word types; its heap use between
// collections, near 70 MB); as a safety net, a worker whose live heap (the
// least heap use over HEAP_WINDOW documents) still passes RETIRE_AT of the cap
// is retired: it takes no new jobs, finishes those it holds, and a fresh worker
// takes over. (A fresh worker loads its resources and starts with cold caches: a
// second or two of CPU, so retiring must stay rare.)
//
// Big documents: a document's own working memory grows with its length (about
// 50–80 MB of heap per MB of text). A long one (over BIG_CHARS_PER_MB
// characters per MB of the cap), and any document that ran out of memory in a
// regular worker, goes to a one-off worker of its own with BIG_FACTOR times
// the cap, one at a time: the regular workers stay small, and memory stays
// bounded by a multiple of the largest document. Only a document that runs
// out of memory there too fails (with a message naming --worker-memory).
import { Worker } from 'node:worker_threads';
import type { Job, JobResult, JobSettings } from './job.js';
import type { SharedResources } from './resources.js';

/** The message a worker gets before its jobs when the pool shares resources. */
export interface WorkerInit {
  shared: SharedResources;
}

const PER_WORKER = 2;
/** RASD_DEBUG_POOL=1: a stderr line when a worker starts, retires or dies (for tuning memory). */
const debug = process.env.RASD_DEBUG_POOL ? (line: string) => process.stderr.write(`rasd pool: ${line}\n`) : null;
const RETIRE_AT = 0.75;
/**
 * Each worker's young generation (V8's default is 48 MB: two 16 MB semi-spaces
 * and room for large objects). A document's garbage dies young either way; 24 MB
 * took about 30 MB off the peak resident memory of a two-worker run, 16 MB some
 * 10 MB more, for no CPU time we could tell from the noise.
 */
const YOUNG_GENERATION_MB = 16;
/** Heap use is judged by its minimum over this many documents (heap use right after a job counts garbage too). */
const HEAP_WINDOW = 100;
/**
 * A document of more than this many characters per MB of the cap goes to a
 * big-document worker. Measured: 1 MB of news (~520,000 characters) fits a
 * 128 MB worker with its resources and caches; 2 MB does not.
 */
const BIG_CHARS_PER_MB = 3000;
/** A big-document worker's heap cap, in multiples of the regular cap. */
const BIG_FACTOR = 4;

interface Task {
  job: Job;
  resolve(result: JobResult): void;
  /** It ran out of memory in a regular worker, or is long: for a big-document worker. */
  big: boolean;
}

interface Slot {
  worker: Worker;
  /** In-flight tasks, oldest (running) first. */
  tasks: Task[];
  /** When the running task started. */
  since: number;
  /** Set when we end the worker; the reason its running task fails. */
  ending: string | null;
  /** Takes no new jobs; ends when those it holds are done. */
  retiring: boolean;
  /** Results it has sent. */
  done: number;
  /** Least heap use seen in the current window of results: close to the live data, garbage aside. */
  heapFloor: number;
  /** A one-off worker for one big document (its cap BIG_FACTOR × the regular cap). */
  big: boolean;
  /** Jobs waiting for the shared resources to be sent first (null once they were). */
  held: Job[] | null;
}

export interface PoolOptions {
  size: number;
  settings: JobSettings;
  /** A document taking longer than this fails and its worker is replaced (0: no limit). */
  timeoutMs: number;
  /** Heap cap of each worker in MB (0: V8's default). */
  memoryMb: number;
  /** The worker's script (tests give their own); default worker.js. */
  script?: URL;
  /**
   * Resources for every worker (shareResources), asked for once, when the first
   * worker starts (it loads its code meanwhile); jobs reach a worker after them.
   */
  shared?: () => Promise<SharedResources>;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  /** Tasks for a big-document worker, in order. */
  private readonly waitingBig: Task[] = [];
  private readonly timer: NodeJS.Timeout | null;
  private closed = false;
  /** Workers in a row that died before their first result: the worker cannot start at all. */
  private deadOnArrival = 0;
  private brokenReason: string | null = null;
  private shared: Promise<SharedResources> | null = null;

  constructor(private readonly options: PoolOptions) {
    this.timer = options.timeoutMs > 0 ? setInterval(() => this.checkTimeouts(), Math.min(1000, options.timeoutMs / 2)) : null;
    this.timer?.unref();
  }

  run(job: Job): Promise<JobResult> {
    if (this.brokenReason) return Promise.resolve({ seq: job.seq, records: [], warnings: [], error: this.brokenReason });
    return new Promise((resolve) => {
      const { memoryMb } = this.options;
      const big = memoryMb > 0 && job.doc.text.length > memoryMb * BIG_CHARS_PER_MB;
      (big ? this.waitingBig : this.waiting).push({ job, resolve, big });
      this.pump();
    });
  }

  /** End every worker (call when no job is in flight). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.slots.map((s) => ((s.ending = 'pool closed'), s.worker.terminate())));
  }

  private pump(): void {
    if (this.waitingBig.length && !this.closed && !this.slots.some((s) => s.big)) {
      const slot = this.spawn(true);
      this.assign(slot, this.waitingBig.shift()!);
    }
    while (this.waiting.length && !this.closed) {
      const regular = this.slots.filter((s) => !s.big);
      const open = regular.filter((s) => !s.ending && !s.retiring);
      let slot = open.find((s) => s.tasks.length === 0);
      // A retiring worker still counts: its replacement starts once it has gone, so
      // that there are never more heaps than --jobs at once.
      if (!slot && regular.length < this.options.size) slot = this.spawn(false);
      slot ??= open.filter((s) => s.tasks.length < PER_WORKER).sort((a, b) => a.tasks.length - b.tasks.length)[0];
      if (!slot) return;
      this.assign(slot, this.waiting.shift()!);
    }
  }

  private assign(slot: Slot, task: Task): void {
    if (!slot.tasks.length) slot.since = Date.now();
    slot.tasks.push(task);
    if (slot.held) slot.held.push(task.job);
    else slot.worker.postMessage(task.job);
  }

  private spawn(big: boolean): Slot {
    const memoryMb = this.options.memoryMb * (big ? BIG_FACTOR : 1);
    const worker = new Worker(this.options.script ?? new URL('./worker.js', import.meta.url), {
      workerData: this.options.settings,
      ...(memoryMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } } : {}),
    });
    const id = worker.threadId; // (threadId reads -1 once the worker has exited)
    const slot: Slot = { worker, tasks: [], since: Date.now(), ending: null, retiring: false, done: 0, heapFloor: Infinity, big, held: this.options.shared ? [] : null };
    if (this.options.shared) {
      const sendShared = (shared: SharedResources) => {
        if (slot.ending) return;
        worker.postMessage({ shared } satisfies WorkerInit);
        for (const job of slot.held ?? []) worker.postMessage(job);
        slot.held = null;
      };
      // (a failure to share leaves each worker to load its resources, and to report what is wrong)
      (this.shared ??= this.options.shared().catch(() => ({}))).then(sendShared);
    }
    worker.on('message', (result: JobResult) => {
      const task = slot.tasks.shift();
      slot.since = Date.now();
      slot.done++;
      this.deadOnArrival = 0;
      const { heapUsed } = result;
      delete result.heapUsed;
      task?.resolve(result);
      if (heapUsed !== undefined) slot.heapFloor = Math.min(slot.heapFloor, heapUsed);
      if (big) slot.retiring = true; // one document each
      else if (slot.done % HEAP_WINDOW === 0) {
        debug?.(`worker ${id}: ${slot.done} documents, heap floor ${Math.round(slot.heapFloor / 1048576)} MB`);
        if (memoryMb > 0 && slot.heapFloor > memoryMb * 1024 * 1024 * RETIRE_AT) {
          slot.retiring = true;
          debug?.(`worker ${id} retires`);
        }
        slot.heapFloor = Infinity;
      }
      if (slot.retiring && !slot.tasks.length && !slot.ending) {
        slot.ending = 'retired';
        void worker.terminate();
      }
      this.pump();
    });
    let crash: string | null = null;
    let outOfMemory = false;
    worker.on('error', (err) => {
      outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      crash = outOfMemory
        ? `ran out of memory in a ${big ? `big-document worker (${BIG_FACTOR} × --worker-memory ${this.options.memoryMb} MB)` : `worker (--worker-memory ${memoryMb} MB)`}`
        : `the worker crashed (${err.name}: ${err.message})`;
    });
    worker.on('exit', (code) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      const [running, ...behind] = slot.tasks;
      slot.tasks = [];
      const reason = slot.ending ?? crash ?? `the worker stopped (exit code ${code})`;
      debug?.(`worker ${id} ended after ${slot.done} documents: ${reason}`);
      if (running && outOfMemory && !running.big && !slot.ending) {
        // too big for a regular worker: once more, in a big-document worker
        running.big = true;
        this.waitingBig.push(running);
      } else if (running) running.resolve({ seq: running.job.seq, records: [], warnings: [], error: reason });
      this.waiting.unshift(...behind);
      // (a big-document worker that ran out of memory did start)
      if (!slot.ending && !big && slot.done === 0 && ++this.deadOnArrival >= 3) this.brokenReason = reason;
      if (this.brokenReason) {
        // Workers die on start (a missing build file, a resource that cannot load): fail fast.
        for (const task of [...this.waiting.splice(0), ...this.waitingBig.splice(0)]) task.resolve({ seq: task.job.seq, records: [], warnings: [], error: this.brokenReason });
      }
      this.pump();
    });
    this.slots.push(slot);
    debug?.(`${big ? 'big-document ' : ''}worker ${id} starts (${this.slots.length} running)`);
    return slot;
  }

  private checkTimeouts(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.ending || !slot.tasks.length || now - slot.since <= this.options.timeoutMs) continue;
      slot.ending = `took longer than --doc-timeout ${this.options.timeoutMs / 1000} s, abandoned`;
      void slot.worker.terminate();
    }
  }
}
