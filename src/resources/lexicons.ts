// Typed specs of the general Arabic lexicons under src/resources/ar/.
import { ResourceError, parseTsv, type ResourceLoader, type ResourceSpec } from './spec.js';

/**
 * ar/wordfreq.tsv: folded word forms (as normalizeWord gives them) and how often
 * they occur in the SaudiNewsNet corpus (statistics only; no text is kept).
 * Used to split glued words and to decide whether a clitic is really a clitic.
 */
export const WORD_FREQUENCIES: ResourceSpec<Map<string, number>> = {
  file: 'ar/wordfreq.tsv',
  parse(raw, file) {
    const { rows } = parseTsv(raw, file, 2);
    const map = new Map<string, number>();
    for (const { line, cells } of rows) {
      const count = Number(cells[1]);
      if (!Number.isInteger(count) || count < 1) throw new ResourceError(file, line, `count must be a positive integer, found "${cells[1]}"`);
      map.set(cells[0], count);
    }
    return map;
  },
};

export function wordFrequencies(resources: ResourceLoader): Map<string, number> {
  return resources.load(WORD_FREQUENCIES);
}
