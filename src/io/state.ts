// The state journal of `--state PATH`: which documents a previous run already
// handled, so a nightly re-run does only new and changed ones, and a run that
// was killed (SIGKILL included) and started again loses nothing and repeats
// nothing.
//
// A document's key is a hash of (rasd version, command, normalize steps, id,
// text, date): a changed text or date, or a new rasd version, is a new key.
// The journal is a text file appended to in commits:
//
//   rasd-state 1
//   + 3f0a...          one line per document handled since the last commit
//   + 9bc1...
//   = 48213 "/abs/out.jsonl"   commit: output byte length after these docs, and the output
//   = - null                    (or: output went to stdout)
//
// A commit is written only after the documents' records have been flushed and
// fsync'd to the output, and the journal is fsync'd after each commit. So:
//   - a document in a commit has its records durably in the output;
//   - lines after the last commit (a run killed mid-write) are ignored and cut;
//   - with -o FILE, a run first commits FILE's current length (no documents),
//     and a restart first truncates FILE to the length of its last commit,
//     removing the records of documents that were written but not yet
//     committed; they are then processed again. Exactly once.
//   - with stdout, what was written cannot be taken back: documents whose
//     records were written after the last commit are written again by the
//     restart (at least once; at most the documents of one commit interval).
// Documents that fail (unreadable, an exception) are not journaled and are
// tried again next time; documents skipped as not Arabic are journaled.
// A lock file (PATH.lock, holding the pid) keeps two runs off one journal.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';

const HEADER = 'rasd-state 1\n';

export class StateError extends Error {}

export interface StateKeyParts {
  version: string;
  command: string;
  steps: readonly string[] | null;
  id: string;
  text: string;
  date: string | null;
}

export function stateKey(parts: StateKeyParts): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([parts.version, parts.command, parts.steps, parts.id, parts.date]));
  h.update('\u0000');
  h.update(parts.text);
  return h.digest('hex').slice(0, 32);
}

export class StateJournal {
  private readonly done = new Set<string>();
  private pending: string[] = [];
  private fd: number;
  private readonly lock: string;
  private lockHeld = false;
  /** Output length after the last commit for each output (JSON of the path, or "null" for stdout). */
  private readonly committed = new Map<string, number>();

  constructor(readonly path: string) {
    this.lock = `${path}.lock`;
    this.takeLock();
    try {
      this.fd = this.load();
    } catch (err) {
      this.releaseLock();
      throw err;
    }
  }

  private takeLock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(this.lock, `${process.pid}\n`, { flag: 'wx' });
        this.lockHeld = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StateError(`cannot create ${this.lock}: ${(err as Error).message}`);
      }
      const pid = Number(readFileSync(this.lock, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new StateError(`${this.path} is in use by another rasd run (pid ${pid}); remove ${this.lock} if that is wrong`);
      unlinkSync(this.lock); // left by a run that was killed
    }
    throw new StateError(`cannot take the lock ${this.lock}`);
  }

  releaseLock(): void {
    if (!this.lockHeld) return;
    this.lockHeld = false;
    try {
      unlinkSync(this.lock);
    } catch {
      /* gone already */
    }
  }

  private load(): number {
    if (!existsSync(this.path)) {
      writeFileSync(this.path, HEADER);
    }
    const raw = readFileSync(this.path, 'utf8');
    if (!raw.startsWith(HEADER)) {
      if (raw.length === 0) writeFileSync(this.path, HEADER);
      else throw new StateError(`${this.path} is not a rasd state file`);
    }
    let group: string[] = [];
    let end = HEADER.length; // length of the file up to the last commit
    let pos = HEADER.length;
    while (pos < raw.length) {
      const nl = raw.indexOf('\n', pos);
      if (nl < 0) break; // a line cut off by a kill
      const line = raw.slice(pos, nl);
      pos = nl + 1;
      if (line.startsWith('+ ')) group.push(line.slice(2));
      else if (line.startsWith('= ')) {
        const m = /^= (-|\d+) (.*)$/.exec(line);
        if (!m) throw new StateError(`${this.path}: bad commit line "${line}"`);
        for (const h of group) this.done.add(h);
        group = [];
        if (m[1] !== '-') this.committed.set(m[2], Number(m[1]));
        end = pos;
      } else throw new StateError(`${this.path}: bad line "${line.slice(0, 60)}"`);
    }
    // Cut what follows the last commit (documents whose records may not have reached the output).
    if (raw.length > HEADER.length && end < raw.length) truncateSync(this.path, Buffer.byteLength(raw.slice(0, end)));
    return openSync(this.path, 'a');
  }

  /** Documents already handled. */
  get size(): number {
    return this.done.size;
  }

  has(key: string): boolean {
    return this.done.has(key);
  }

  /** Output length at the last commit into this output file, if any. */
  committedLength(output: string): number | null {
    return this.committed.get(JSON.stringify(output)) ?? null;
  }

  /** A document whose records have been written (not yet durable). */
  add(key: string): void {
    this.pending.push(key);
  }

  get uncommitted(): number {
    return this.pending.length;
  }

  /**
   * Record the pending documents; call only after their records are flushed and
   * synced. `force` writes a commit line even with no documents: a run appending
   * to FILE marks FILE's length before writing anything, so that a run killed
   * before its first commit is cut back to that length, not left with its
   * uncommitted records (which the restart would write again).
   */
  commit(output: string | null, offset: number, force = false): void {
    if (!this.pending.length && !force) return;
    let text = '';
    for (const key of this.pending) {
      text += `+ ${key}\n`;
      this.done.add(key);
    }
    const outputKey = JSON.stringify(output);
    text += `= ${output === null ? '-' : offset} ${outputKey}\n`;
    if (output !== null) this.committed.set(outputKey, offset);
    this.pending = [];
    const bytes = Buffer.from(text);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
    this.releaseLock();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
