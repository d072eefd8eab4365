// Where documents come from: files, folders, stdin, JSON Lines (optionally
// gzip'd), HTML pages. Everything is streamed: a folder is walked one entry at
// a time and a JSON Lines file is read line by line, so a corpus of any size
// goes through in bounded memory. Every problem becomes an item in the same
// stream, in input order, so the batch reports it in place and goes on.
//
// Which files a folder yields (explicit file arguments are always read):
//   *.txt *.text  plain text, one document a file
//   *.jsonl *.ndjson (also .gz)  one document a line
//   *.html *.htm *.xhtml (also .gz)  one page a file, article text extracted
//   files without an extension  sniffed like stdin
// Hidden entries (names starting with ".") and everything else (*.json,
// *.csv, images...) are passed over silently. Folders are walked depth first in
// code-point order of names, so the order is the same on every machine.
//
// How a file without a known extension (and stdin) is read: gzip magic bytes →
// gunzip first; first non-blank character "{" → JSON Lines; "<!doctype html",
// "<html>" → HTML; else plain text.
import { createReadStream, type Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { DocInput } from '../types.js';
import { decodeDocument, InputError } from './decode.js';
import { htmlToText, looksLikeHtml } from './html.js';

export interface FieldNames {
  id: string;
  text: string;
  date: string;
}

export interface InputOptions {
  fields: FieldNames;
  /** Largest document (a file, or a JSON Lines line), in bytes. */
  maxDocSize: number;
  /** Sharding: whether this run owns the item with this key (the doc id, or the place of a problem). */
  owns(key: string): boolean;
  stdin: NodeJS.ReadableStream;
  /** Real paths never read as input (the output file, the state file). */
  exclude: ReadonlySet<string>;
  /** Folders also yield files with these extensions (e.g. '.conll' for `tag --format conll`). */
  extraExtensions?: readonly string[];
}

export interface DocItem {
  kind: 'doc';
  /** path, or path:line for JSON Lines. */
  where: string;
  doc: DocInput;
  /** Size of the document as read, in bytes (for memory accounting). */
  bytes: number;
  /** Things worth a warning (legacy encoding, ignored date). */
  notes: string[];
}

export type ProblemLevel = 'error' | 'skip' | 'warning';

export interface ProblemItem {
  kind: 'problem';
  where: string;
  level: ProblemLevel;
  message: string;
}

export type InputItem = DocItem | ProblemItem;

const TEXT_EXTENSIONS = ['.txt', '.text'];
const JSONL_EXTENSIONS = ['.jsonl', '.ndjson'];
const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml'];

type Kind = 'text' | 'jsonl' | 'html' | 'sniff';

function kindOf(path: string): { kind: Kind; gzip: boolean } {
  let lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  if (gzip) lower = lower.slice(0, -3);
  const ext = lower.slice(lower.lastIndexOf('.'));
  if (JSONL_EXTENSIONS.includes(ext)) return { kind: 'jsonl', gzip };
  if (HTML_EXTENSIONS.includes(ext)) return { kind: 'html', gzip };
  if (TEXT_EXTENSIONS.includes(ext)) return { kind: 'text', gzip };
  return { kind: 'sniff', gzip };
}

/** Whether a folder walk reads this file name (see the top of this file). */
export function walkReads(name: string, extra: readonly string[] = []): boolean {
  if (name.startsWith('.')) return false;
  const lower = name.toLowerCase();
  const base = lower.endsWith('.gz') ? lower.slice(0, -3) : lower;
  const dot = base.lastIndexOf('.');
  if (dot < 0) return true; // extensionless, or x.gz: sniffed
  const ext = base.slice(dot);
  if (lower.endsWith('.gz')) return JSONL_EXTENSIONS.includes(ext) || HTML_EXTENSIONS.includes(ext) || TEXT_EXTENSIONS.includes(ext);
  return [...TEXT_EXTENSIONS, ...JSONL_EXTENSIONS, ...HTML_EXTENSIONS, ...extra].includes(ext);
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a folder';
    case 'EIO':
      return 'input/output error';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'Z_STREAM_ERROR':
      return `gzip data is corrupt (${e.message})`;
    default:
      return e.message ?? String(err);
  }
}

/** A chunk source whose first bytes have been looked at. */
interface Peeked {
  head: Buffer;
  rest: AsyncIterable<Buffer>;
}

async function peek(source: AsyncIterable<Buffer>, want = 1024): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < want) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(parts);
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  }
  return { head, rest: rest() };
}

function gunzip(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const from = Readable.from(source);
  const inflate = createGunzip();
  from.on('error', (err) => inflate.destroy(err));
  return from.pipe(inflate);
}

function isGzip(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

function firstNonBlank(head: Buffer): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return head[i] ?? -1;
}

/** Read one input (a file path or stdin) of whatever kind. */
async function* readSource(
  open: () => AsyncIterable<Buffer>,
  where: string,
  hint: { kind: Kind; gzip: boolean },
  options: InputOptions,
  knownSize: number | null,
): AsyncGenerator<InputItem> {
  let kind = hint.kind;
  if (kind !== 'jsonl' && knownSize !== null && !hint.gzip && knownSize > options.maxDocSize) {
    yield { kind: 'problem', where, level: 'skip', message: `${formatSize(knownSize)}, larger than --max-doc-size ${formatSize(options.maxDocSize)}, skipped` };
    return;
  }
  let chunks: AsyncIterable<Buffer> = open();
  try {
    let peeked = await peek(chunks);
    if (hint.gzip || isGzip(peeked.head)) {
      peeked = await peek(gunzip(peeked.rest));
    }
    chunks = peeked.rest;
    if (kind === 'sniff') {
      const first = firstNonBlank(peeked.head);
      if (first === 0x7b /* { */) kind = 'jsonl';
      else if (first === 0x3c /* < */ && looksLikeHtml(peeked.head.toString('latin1'))) kind = 'html';
      else kind = 'text';
    }
    if (kind === 'jsonl') {
      yield* readJsonLines(chunks, where, options);
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > options.maxDocSize) {
        yield { kind: 'problem', where, level: 'skip', message: `larger than --max-doc-size ${formatSize(options.maxDocSize)}, skipped` };
        return;
      }
      parts.push(chunk);
    }
    yield documentFrom(Buffer.concat(parts), where, kind === 'html');
  } catch (err) {
    yield { kind: 'problem', where, level: 'error', message: `cannot read: ${describeFsError(err)}` };
  }
}

function documentFrom(bytes: Buffer, where: string, html: boolean): InputItem {
  try {
    if (!bytes.length) throw new InputError('empty file, skipped', 'skip');
    const decoded = decodeDocument(bytes);
    let text = decoded.text;
    if (html || looksLikeHtml(text)) {
      text = htmlToText(text);
      if (!text.trim()) throw new InputError('HTML page without text, skipped', 'skip');
    }
    if (!text.trim()) throw new InputError('no text (only white space), skipped', 'skip');
    return { kind: 'doc', where, doc: { id: where, text, date: null }, bytes: bytes.length, notes: decoded.notes };
  } catch (err) {
    if (err instanceof InputError) return { kind: 'problem', where, level: err.kind, message: err.message };
    throw err;
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${+(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1 << 10) return `${+(bytes / (1 << 10)).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Lines of a byte stream, without their line ends; lines over maxBytes come back as their length only. */
async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer | number> {
  let parts: Buffer[] = [];
  let size = 0;
  let overLimit = false;
  for await (const chunk of chunks) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl < 0 ? chunk.length : nl;
      if (!overLimit) {
        if (size + (end - from) > maxBytes) {
          overLimit = true;
          parts = [];
        } else if (end > from) parts.push(chunk.subarray(from, end));
      }
      size += end - from;
      if (nl < 0) break;
      yield overLimit ? size : parts.length === 1 ? parts[0] : Buffer.concat(parts);
      parts = [];
      size = 0;
      overLimit = false;
      from = nl + 1;
    }
  }
  if (size > 0 || parts.length) yield overLimit ? size : Buffer.concat(parts);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A field by name, or by a dotted path into nested objects ("article.body"). */
function field(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name];
  let value: unknown = record;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** YYYY-MM-DD from a date field ("2015-07-21", "2015-07-21T10:00:00Z"), or null when it is not one. */
export function parseDocDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

async function* readJsonLines(chunks: AsyncIterable<Buffer>, path: string, options: InputOptions): AsyncGenerator<InputItem> {
  const { fields } = options;
  let n = 0;
  for await (const raw of splitLines(chunks, options.maxDocSize)) {
    n++;
    const where = `${path}:${n}`;
    if (typeof raw === 'number') {
      if (options.owns(where)) yield { kind: 'problem', where, level: 'skip', message: `line of ${formatSize(raw)}, larger than --max-doc-size ${formatSize(options.maxDocSize)}, skipped` };
      continue;
    }
    let line: string;
    try {
      line = UTF8.decode(raw);
    } catch {
      if (options.owns(where)) yield { kind: 'problem', where, level: 'error', message: 'not valid UTF-8, line skipped' };
      continue;
    }
    if (n === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (err) {
      if (options.owns(where)) yield { kind: 'problem', where, level: 'error', message: `not valid JSON (${(err as Error).message}), line skipped` };
      continue;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      if (options.owns(where)) yield { kind: 'problem', where, level: 'error', message: 'not a JSON object, line skipped' };
      continue;
    }
    const rec = record as Record<string, unknown>;
    const rawId = field(rec, fields.id);
    const id = typeof rawId === 'string' && rawId ? rawId : typeof rawId === 'number' ? String(rawId) : where;
    if (!options.owns(id)) continue;
    const text = field(rec, fields.text);
    if (typeof text !== 'string') {
      const found = text === undefined ? 'missing' : `a ${text === null ? 'null' : typeof text}`;
      yield { kind: 'problem', where, level: 'error', message: `no "${fields.text}" text field (${found}), line skipped` };
      continue;
    }
    if (!text.trim()) {
      yield { kind: 'problem', where, level: 'skip', message: `empty "${fields.text}", skipped` };
      continue;
    }
    const notes: string[] = [];
    const rawDate = field(rec, fields.date);
    let date: string | null = null;
    if (typeof rawDate === 'string' && rawDate.trim()) {
      date = parseDocDate(rawDate);
      if (!date) notes.push(`"${fields.date}" ${JSON.stringify(rawDate.slice(0, 40))} is not a YYYY-MM-DD date; ignored`);
    } else if (rawDate !== undefined && rawDate !== null && rawDate !== '') {
      notes.push(`"${fields.date}" is not a string; ignored`);
    }
    yield { kind: 'doc', where, doc: { id, text, date }, bytes: raw.length, notes };
  }
}

function fileChunks(path: string): () => AsyncIterable<Buffer> {
  return () => createReadStream(path, { highWaterMark: 1 << 16 });
}

/** Every input, in order; see the top of this file for what is read how. */
export async function* readInputs(inputs: readonly string[], options: InputOptions): AsyncGenerator<InputItem> {
  const seenFiles = new Map<string, string>(); // real path → how it was first named
  const seenDirs = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      const stdin = options.stdin as unknown as AsyncIterable<Buffer>;
      yield* readShardedSource(() => stdin, 'stdin', { kind: 'sniff', gzip: false }, options, null);
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (err) {
      if (options.owns(input)) yield { kind: 'problem', where: input, level: 'error', message: `cannot read: ${describeFsError(err)}` };
      continue;
    }
    if (info.isDirectory()) {
      yield* walk(input, input, options, seenDirs, seenFiles);
      continue;
    }
    const real = await realpath(input).catch(() => null);
    if (real && options.exclude.has(real)) continue;
    if (real && info.isFile()) {
      const first = seenFiles.get(real);
      if (first !== undefined) {
        if (options.owns(input)) yield { kind: 'problem', where: input, level: 'warning', message: `same file as ${first}, not read twice` };
        continue;
      }
      seenFiles.set(real, input);
    }
    yield* readShardedSource(fileChunks(input), input, kindOf(input), options, info.isFile() ? info.size : null);
  }
}

/** A file is sharded by its path, unless it holds JSON Lines, whose lines are sharded by id. */
async function* readShardedSource(
  open: () => AsyncIterable<Buffer>,
  where: string,
  hint: { kind: Kind; gzip: boolean },
  options: InputOptions,
  knownSize: number | null,
): AsyncGenerator<InputItem> {
  if (hint.kind === 'jsonl' || hint.kind === 'sniff') {
    // Sniffed files may turn out to be JSON Lines: decide per item.
    for await (const item of readSource(open, where, hint, options, knownSize)) {
      if (item.kind === 'doc' && item.where === where && !options.owns(where)) continue;
      if (item.kind === 'problem' && item.where === where && !options.owns(where)) continue;
      yield item;
    }
    return;
  }
  if (!options.owns(where)) return;
  yield* readSource(open, where, hint, options, knownSize);
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function* walk(
  dir: string,
  shown: string,
  options: InputOptions,
  seenDirs: Set<string>,
  seenFiles: Map<string, string>,
): AsyncGenerator<InputItem> {
  let real: string;
  let entries: Dirent[];
  try {
    real = await realpath(dir);
    if (seenDirs.has(real)) {
      if (options.owns(shown)) yield { kind: 'problem', where: shown, level: 'warning', message: 'folder already read (a symbolic link loop?), not read again' };
      return;
    }
    seenDirs.add(real);
    entries = (await readdir(dir, { withFileTypes: true })).sort(byName);
  } catch (err) {
    if (options.owns(shown)) yield { kind: 'problem', where: shown, level: 'error', message: `cannot read folder: ${describeFsError(err)}` };
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const where = join(shown, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let size: number | null = null;
    if (entry.isSymbolicLink() || (!isDir && !isFile)) {
      try {
        const info = await stat(path);
        isDir = info.isDirectory();
        isFile = info.isFile();
        size = info.size;
      } catch (err) {
        if (walkReads(entry.name, options.extraExtensions) && options.owns(where)) {
          yield { kind: 'problem', where, level: 'error', message: `cannot read: ${describeFsError(err)}` };
        }
        continue;
      }
    }
    if (isDir) {
      yield* walk(path, where, options, seenDirs, seenFiles);
      continue;
    }
    if (!walkReads(entry.name, options.extraExtensions)) continue;
    if (!isFile) {
      if (options.owns(where)) yield { kind: 'problem', where, level: 'warning', message: 'not a regular file (a pipe or device?), not read' };
      continue;
    }
    const hint = kindOf(entry.name);
    if (hint.kind !== 'jsonl' && hint.kind !== 'sniff' && !options.owns(where)) continue;
    const fileReal = await realpath(path).catch(() => path);
    if (options.exclude.has(fileReal)) continue;
    const first = seenFiles.get(fileReal);
    if (first !== undefined) {
      if (options.owns(where)) yield { kind: 'problem', where, level: 'warning', message: `same file as ${first}, not read twice` };
      continue;
    }
    seenFiles.set(fileReal, where);
    if (size === null) {
      try {
        size = (await stat(path)).size;
      } catch (err) {
        if (options.owns(where)) yield { kind: 'problem', where, level: 'error', message: `cannot read: ${describeFsError(err)}` };
        continue;
      }
    }
    yield* readShardedSource(fileChunks(path), where, hint, options, size);
  }
}
