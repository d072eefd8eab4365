// Bytes from the wild to text. A document file may be UTF-8 with or without a
// byte-order mark, UTF-16 LE/BE with a BOM, or Windows-1256 (the legacy Arabic
// code page of old Windows tools and some news archives). Anything else is
// refused with a reason rather than turned into mojibake.
//
// The text handed to the pipeline is the decoded file with the BOM removed and
// stray NUL bytes dropped; everything else (CRLF line ends included) is kept, so
// record offsets index the decoded file.

export class InputError extends Error {
  /** 'error': the input could not be read; 'skip': it was read but is not a document. */
  constructor(
    message: string,
    readonly kind: 'error' | 'skip' = 'error',
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';
  /** Notes worth a warning line (legacy encoding, removed NUL bytes). */
  notes: string[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i; // a sequence cut off by the end of the data
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function countByte(bytes: Uint8Array, value: number): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === value) n++;
  return n;
}

// C0 controls other than tab, newline, vertical tab, form feed and carriage return,
// DEL, C1 controls, and U+FFFD: what misdecoded binary data is full of.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]/g;
const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]/g;
const NON_ASCII_LETTER = /[^\u0000-\u007F\s\d\p{P}\p{S}]/gu;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** True when decoded text looks like text: hardly any control characters. */
function looksLikeText(text: string): boolean {
  if (!text.length) return true;
  return count(text, CONTROL) <= Math.max(2, text.length * 0.002);
}

/** True when Windows-1256-decoded bytes read as Arabic: most non-ASCII letters are Arabic letters. */
function looksLikeArabic(text: string): boolean {
  const arabic = count(text, ARABIC_LETTER);
  const nonAscii = count(text, NON_ASCII_LETTER);
  return arabic >= 3 && arabic >= nonAscii * 0.8;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', skip: number): string {
  return new TextDecoder(encoding).decode(bytes.subarray(skip, bytes.length - ((bytes.length - skip) % 2)));
}

/**
 * Decode a document's bytes. Throws InputError for binary data and for bytes
 * that are neither UTF-8/UTF-16 text nor Windows-1256 Arabic.
 */
export function decodeDocument(bytes: Uint8Array): Decoded {
  const notes: string[] = [];
  // Byte-order marks say it all.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return fromUtf8(bytes.subarray(3), notes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(decodeUtf16(bytes, 'utf-16le', 2), 'utf-16le', notes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(decodeUtf16(bytes, 'utf-16be', 2), 'utf-16be', notes);

  // UTF-16 without a BOM: every other byte is NUL for ASCII, and Arabic (U+06xx)
  // has 0x06 in the high byte; a binary file has no such rhythm.
  const nuls = countByte(bytes, 0);
  if (nuls > bytes.length * 0.1 && bytes.length % 2 === 0) {
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const text = decodeUtf16(bytes, enc, 0);
      if (looksLikeText(text) && (looksLikeArabic(text) || /^[\x09-\x0d\x20-\x7e]*$/.test(text))) {
        notes.push(`decoded as ${enc.toUpperCase()} (no byte-order mark)`);
        return { text, encoding: enc, notes };
      }
    }
  }
  if (nuls > Math.max(8, bytes.length * 0.01)) throw new InputError('binary file (NUL bytes), skipped');
  return fromUtf8(bytes, notes);
}

function fromUtf8(bytes: Uint8Array, notes: string[]): Decoded {
  try {
    return checked(UTF8.decode(bytes), 'utf-8', notes);
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
  const bad = Math.max(0, firstInvalidUtf8(bytes));
  // UTF-8 cut off inside its last character (a truncated download, `head -c`): the rest is UTF-8
  if (isCutOff(bytes, bad)) {
    notes.push('a character cut off at the end of the file (truncated?), dropped');
    return checked(UTF8.decode(bytes.subarray(0, bad)), 'utf-8', notes);
  }
  const legacy = new TextDecoder('windows-1256').decode(bytes);
  if (looksLikeText(legacy.replace(/\u0000/g, '')) && looksLikeArabic(legacy)) {
    notes.push('decoded as Windows-1256 (not valid UTF-8)');
    return checked(legacy, 'windows-1256', notes);
  }
  // Text in some other legacy encoding has few control bytes; binary data is full of them.
  const sample = bytes.subarray(0, 1 << 16);
  let controls = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  if (controls > sample.length * 0.02) throw new InputError('binary file (not text), skipped');
  const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
  throw new InputError(`not UTF-8 text (bad byte 0x${hex} at offset ${bad}) nor Windows-1256 Arabic, skipped`);
}

/** Whether bytes[at ..] is the start of a UTF-8 sequence that the end of the data cuts short. */
function isCutOff(bytes: Uint8Array, at: number): boolean {
  const lead = bytes[at];
  const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
  if (need === 0 || at + need < bytes.length) return false;
  for (let k = at + 1; k < bytes.length; k++) if ((bytes[k] & 0xc0) !== 0x80) return false;
  return true;
}

function checked(text: string, encoding: Decoded['encoding'], notes: string[]): Decoded {
  // A few stray NULs (a file padded by a crashed writer) are dropped; many mean binary.
  if (text.includes('\u0000')) {
    const before = text.length;
    text = text.replace(/\u0000/g, '');
    notes.push(`${before - text.length} NUL character(s) removed`);
  }
  if (!looksLikeText(text)) throw new InputError('binary file (control characters), skipped');
  return { text, encoding, notes };
}
