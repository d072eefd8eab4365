// A consonant skeleton on which an Arabic spelling and a Latin (GeoNames) spelling
// of the same place meet, for names the gazetteer does not list:
//   سوروتش → SRX  and  Suruç → SRX;   مايدوغوري → MDGR  and  Maiduguri → MDGR
// Vowels, و ي ا ع ء and the article are dropped, letters that transliterations
// confuse are merged into one class (ج غ g j → G; ق ك k q → K; ح ه خ h kh → H;
// د ض ذ ظ d dh → D; ت ط ث t th → T; ش تش sh ch ç ş → X), and doubled classes
// collapse. The skeleton is coarse on purpose; callers limit the search to the
// countries the article is about and to skeletons of three classes or more.

const ARABIC_CLASS: Record<string, string> = {
  'ب': 'B', 'پ': 'B',
  'ت': 'T', 'ط': 'T', 'ث': 'T',
  'ج': 'G', 'غ': 'G', 'چ': 'X', 'گ': 'G',
  'ح': 'H', 'خ': 'H', 'ه': 'H',
  'د': 'D', 'ذ': 'D', 'ض': 'D', 'ظ': 'D',
  'ر': 'R', 'ز': 'Z', 'ژ': 'Z',
  'س': 'S', 'ص': 'S',
  'ش': 'X',
  'ف': 'F', 'ڤ': 'F',
  'ق': 'K', 'ك': 'K', 'ک': 'K',
  'ل': 'L', 'م': 'M', 'ن': 'N',
};

/** Skeleton of a folded Arabic name (normalizeWord form). */
export function arabicSkeleton(fold: string): string {
  let out = '';
  for (const word of fold.split(/[^\u0621-\u064A\u0671-\u06D3]+/).filter(Boolean)) {
    let w = word.length >= 4 && word.startsWith('ال') ? word.slice(2) : word;
    w = w.replace(/تش/g, 'چ'); // تش writes Latin ch/ç: سوروتش = Suruç
    if (w.length > 2 && w.endsWith('ه')) w = w.slice(0, -1); // ة (folded ه) is a vowel: بعقوبة = Baqubah
    for (const ch of w) {
      const c = ARABIC_CLASS[ch];
      if (c && !out.endsWith(c)) out += c;
    }
  }
  return out;
}

/**
 * Skeleton of a Latin place name (GeoNames spelling, with or without diacritics).
 * Turkish c is ج (Cizre = جزرة); elsewhere c before e/i is s (Nice) and k otherwise.
 */
export function latinSkeleton(name: string, country = ''): string {
  let s = name
    .toLowerCase()
    .replace(/ğ/g, '') // Turkish soft g is silent: Şırnak, Doğubayazıt
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, (m) => (m === '\u0327' ? '\u0327' : '')) // keep the cedilla of ç ş for now
    .normalize('NFC')
    .replace(/[ʼʻ’‘'`ʿʾ]/g, '');
  // the Arabic article in transliteration: Al Başrah, Ar Ramadi, Ash Shatrah, Ad-Dawr, El Obeid
  s = s.replace(/(^|[\s-])(al|el|ad|adh|ar|as|ash|at|ath|az|an|aş|aţ|aḑ|az̧)[\s-]+/g, '$1');
  s = s.replace(/gh/g, 'G').replace(/kh/g, 'H');
  s = s.replace(/tch|tsch|sch|sh|ch|ş|ç|š|č/g, 'X');
  s = country === 'TR' ? s.replace(/c/g, 'j') : s.replace(/c(?=[eiy])/g, 's');
  s = s.replace(/dj/g, 'G').replace(/dh/g, 'D').replace(/zh/g, 'Z').replace(/th/g, 'T').replace(/ph/g, 'F').replace(/ck/g, 'K');
  s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  let out = '';
  for (const word of s.split(/[^A-Za-z]+/).filter(Boolean)) {
    // a final h after a vowel is the ta marbuta or nothing: Baqubah, Hamah
    const w = word.length > 3 ? word.replace(/([aeiouy])h$/, '$1') : word;
    for (const ch of w) {
      const c = LATIN_CLASS[ch] ?? (/[A-Z]/.test(ch) ? ch : '');
      if (c && !out.endsWith(c)) out += c;
    }
  }
  return out;
}

const LATIN_CLASS: Record<string, string> = {
  b: 'B', p: 'B',
  t: 'T',
  g: 'G', j: 'G', c: 'K',
  h: 'H', x: 'H',
  d: 'D',
  r: 'R', z: 'Z',
  s: 'S',
  f: 'F', v: 'F',
  q: 'K', k: 'K',
  l: 'L', m: 'M', n: 'N',
};
