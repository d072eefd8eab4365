// Where records go. stdout carries data only. An output file (-o) is written to
// a temporary file in the same folder and renamed over the target when the run
// ends, so a reader never sees half a file and a killed run leaves the old
// file as it was; with --state the output file is appended to instead (see
// src/io/state.ts for why and how that stays exactly-once).
import { closeSync, fsyncSync, openSync, renameSync, truncateSync, unlinkSync, writeSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

export interface Sink {
  /** Queue text; it reaches the OS on flush (or when the buffer is full). */
  write(text: string): Promise<void>;
  /** Hand everything queued to the OS. */
  flush(): Promise<void>;
  /** Make what was flushed durable (fsync); best effort on stdout. */
  sync(): void;
  /** Byte length of the output so far, counting what is flushed (append sinks: the file's length). */
  readonly offset: number;
  /** True when nothing was ever written to the destination (for the CSV header in append mode). */
  readonly empty: boolean;
  /** The run succeeded: flush, make durable, put the file in place. */
  finish(): Promise<void>;
  /**
   * The run was interrupted: stdout gets what is buffered; a temporary file is
   * removed (the old output stays). Synchronous: it runs in exit handlers.
   */
  abandon(): void;
}

const BUFFER_LIMIT = 1 << 16;

abstract class BufferedSink implements Sink {
  protected buffer = '';
  offset = 0;
  abstract readonly empty: boolean;
  protected abstract put(bytes: Buffer): Promise<void>;

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= BUFFER_LIMIT) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer) return;
    const bytes = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    this.offset += bytes.length;
    await this.put(bytes);
  }

  abstract sync(): void;
  abstract finish(): Promise<void>;
  abstract abandon(): void;
}

export class StreamSink extends BufferedSink {
  readonly empty = true;
  constructor(private readonly stream: Writable & { fd?: number }) {
    super();
  }

  protected put(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const ok = this.stream.write(bytes, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else this.stream.once('drain', resolve);
    });
  }

  sync(): void {
    // stdout redirected to a file can be fsync'd; a pipe or a terminal cannot, and need not.
    if (typeof this.stream.fd === 'number') {
      try {
        fsyncSync(this.stream.fd);
      } catch {
        /* EINVAL on pipes: nothing to make durable */
      }
    }
  }

  async finish(): Promise<void> {
    await this.flush();
  }

  /** Interrupted (Ctrl-C, SIGTERM): records already made still reach stdout. */
  abandon(): void {
    if (!this.buffer || typeof this.stream.fd !== 'number') return;
    const bytes = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    try {
      writeAll(this.stream.fd, bytes);
    } catch {
      /* the reader has gone */
    }
  }
}

/** A sink writing to an open file descriptor: flushed, fsync'd and closed by finish(). */
abstract class FdSink extends BufferedSink {
  protected abstract readonly fd: number;

  protected async put(bytes: Buffer): Promise<void> {
    writeAll(this.fd, bytes);
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  async finish(): Promise<void> {
    await this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

/** Written to a temporary file beside the target, renamed over it by finish(). */
export class AtomicFileSink extends FdSink {
  readonly empty = true;
  protected readonly fd: number;
  readonly temp: string;
  private closed = false;

  constructor(readonly target: string) {
    super();
    this.temp = join(dirname(target), `.${basename(target)}.rasd-${process.pid}.tmp`);
    this.fd = openSync(this.temp, 'w');
  }

  override async finish(): Promise<void> {
    await super.finish();
    this.closed = true;
    renameSync(this.temp, this.target);
  }

  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    try {
      unlinkSync(this.temp);
    } catch {
      /* already gone */
    }
  }
}

/** Appended to in place (used with --state); `resumeAt` cuts off what an interrupted run wrote after its last commit. */
export class AppendFileSink extends FdSink {
  readonly empty: boolean;
  protected readonly fd: number;

  constructor(
    readonly target: string,
    resumeAt: number | null,
  ) {
    super();
    const size = existsSync(target) ? statSync(target).size : 0;
    if (resumeAt !== null && size > resumeAt) truncateSync(target, resumeAt);
    this.fd = openSync(target, 'a');
    this.offset = resumeAt !== null && size > resumeAt ? resumeAt : size;
    this.empty = this.offset === 0;
  }

  abandon(): void {}
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
