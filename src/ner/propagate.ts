// After decoding: a name the tagger found in one sentence is found again where
// it left the same words untagged in the sentences around it: «ساركوزي» named in
// one sentence and missed in the next, «الأمم المتحدة» tagged once and not the
// second time. The second pass's document features (features.ts) lean that way;
// this makes it so. Only whole names repeat so: one-word names from four letters
// (short words are too often also common words), and not the parts of a longer
// name (the family name of «جاك شيراك» alone lost 0.12). Cross-validation on
// ANERcorp train, with the clubs rule (tagger.ts): 77.59 → 77.89. (Simulated on
// the cross-validation predictions alone: 77.05 → 77.47 with DOC_WINDOW
// sentences to each side; a window of 5 gave 77.45, 40 gave 77.42.)
import { DOC_WINDOW } from './features.js';
import { labelName, toBio } from './decode.js';

/** A one-word name needs this many letters to be found again. */
const MIN_ONE_WORD_LENGTH = 4;

interface Occurrence {
  sentence: number;
  type: string;
}

/**
 * Label the untagged runs of words that repeat a name found within `window`
 * sentences, with the type that name was most often given there (`labels`
 * are the model's, BIO or BIOES; `ys` are changed in place).
 */
export function propagateNames(cores: readonly (readonly string[])[], ys: readonly Int32Array[], labels: readonly string[], window = DOC_WINDOW): void {
  const bio = labels.map(toBio);
  const isOutside = (y: number) => bio[y] === 'O';
  // the names as decoded, by their words
  const found = new Map<string, Occurrence[]>();
  const lengthsByFirst = new Map<string, number[]>();
  cores.forEach((words, sentence) => {
    const y = ys[sentence];
    for (let i = 0; i < words.length; ) {
      if (isOutside(y[i])) {
        i++;
        continue;
      }
      const type = bio[y[i]].slice(2);
      let j = i + 1;
      while (j < words.length && bio[y[j]] === `I-${type}`) j++;
      if (j - i > 1 || words[i].length >= MIN_ONE_WORD_LENGTH) {
        const key = words.slice(i, j).join(' ');
        const list = found.get(key);
        if (list) list.push({ sentence, type });
        else found.set(key, [{ sentence, type }]);
        const lengths = lengthsByFirst.get(words[i]) ?? [];
        if (!lengths.includes(j - i)) lengthsByFirst.set(words[i], [...lengths, j - i].sort((a, b) => b - a));
      }
      i = j;
    }
  });
  if (!found.size) return;
  cores.forEach((words, sentence) => {
    const y = ys[sentence];
    for (let i = 0; i < words.length; i++) {
      if (!isOutside(y[i])) continue;
      for (const length of lengthsByFirst.get(words[i]) ?? []) {
        if (i + length > words.length) continue;
        let untagged = true;
        for (let k = 0; k < length && untagged; k++) untagged = isOutside(y[i + k]);
        if (!untagged) continue;
        const type = nearbyType(found.get(words.slice(i, i + length).join(' ')), sentence, window);
        if (!type) continue;
        labelName(y, i, length, type, labels);
        i += length - 1;
        break;
      }
    }
  });
}

/** The type a name was most often given within `window` sentences of `sentence` (ties: the first in alphabetical order). */
function nearbyType(occurrences: readonly Occurrence[] | undefined, sentence: number, window: number): string | null {
  if (!occurrences) return null;
  const counts = new Map<string, number>();
  for (const o of occurrences) if (Math.abs(o.sentence - sentence) <= window) counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
  let best: string | null = null;
  for (const [type, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best) && type < best)) best = type;
  return best;
}
