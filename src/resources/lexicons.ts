// Typed specs of the general Arabic lexicons under src/resources/ar/.
import { PackedWordMap, type PackedWordMapParts, type WordCounts } from './packed.js';
import { ResourceError, tsvCells, type ResourceLoader, type ResourceSpec } from './spec.js';

/**
 * ar/wordfreq.tsv: folded word forms (as normalizeWord gives them) and how often
 * they occur in the SaudiNewsNet corpus (statistics only; no text is kept).
 * Used to split glued words and to decide whether a clitic is really a clitic.
 */
export const WORD_FREQUENCIES: ResourceSpec<PackedWordMap> = {
  file: 'ar/wordfreq.tsv',
  parse(raw, file) {
    const map = new Map<string, number>();
    // 116,000 lines, read by every worker: the common line "word<TAB>digits" is
    // taken in place; any other line goes through parseTsv's rules (tsvCells).
    let header: string[] | null = null;
    let lineNumber = 0;
    for (let at = 0; at <= raw.length; ) {
      let end = raw.indexOf('\n', at);
      if (end < 0) end = raw.length;
      const next = end + 1;
      if (next <= raw.length && end > at && raw.charCodeAt(end - 1) === CR) end--; // lines end at \r?\n
      lineNumber++;
      const count = header && header.length >= 2 ? plainCount(raw, at, end) : -1;
      if (count > 0) map.set(raw.slice(at, raw.indexOf('\t', at)), count);
      else {
        const cells = tsvCells(raw.slice(at, end), file, lineNumber, header, 2);
        if (cells && !header) header = cells;
        else if (cells) {
          const value = Number(cells[1]);
          if (!Number.isInteger(value) || value < 1) throw new ResourceError(file, lineNumber, `count must be a positive integer, found "${cells[1]}"`);
          map.set(cells[0], value);
        }
      }
      at = next;
    }
    if (!header) throw new ResourceError(file, null, 'no header line');
    return PackedWordMap.from(map);
  },
  share: { parts: (table) => table.parts, fromParts: (parts) => new PackedWordMap(parts as PackedWordMapParts) },
};

const CR = 0x0d;
const TAB = 0x09;

/**
 * The count of a line raw[start, end) of the plain form "word<TAB>digits" (a
 * word without white space at its ends that does not start a comment, 1 to 15
 * digits, not 0), or -1 for any other line.
 */
function plainCount(raw: string, start: number, end: number): number {
  const tab = raw.indexOf('\t', start);
  if (tab <= start || tab >= end - 1 || raw.charCodeAt(start) === 0x23 /* # */) return -1;
  if (isSpace(raw.charCodeAt(start)) || isSpace(raw.charCodeAt(tab - 1))) return -1;
  if (end - tab - 1 > 15) return -1;
  let count = 0;
  for (let i = tab + 1; i < end; i++) {
    const digit = raw.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    count = count * 10 + digit;
  }
  return count > 0 ? count : -1;
}

/** White space as String.prototype.trim sees it (the cells of a TSV line are trimmed). */
function isSpace(c: number): boolean {
  return c === TAB || c === 0x20 || (c >= 0x0a && c <= 0x0d) || (c > 0x7f && /\s/.test(String.fromCharCode(c)));
}

export function wordFrequencies(resources: ResourceLoader): WordCounts {
  return resources.load(WORD_FREQUENCIES);
}
