// Is a document Arabic? rasd only understands Arabic; an English or French page
// that slipped into a crawl is skipped with a warning instead of producing
// nonsense. The rule, in order:
//   - no Arabic letters at all: not Arabic;
//   - Arabic letters are at least half of all letters: Arabic (Arabic news
//     quoting "Pentagon" or "ISIS" stays well above half), unless franc, on a
//     text long enough to judge, calls it Persian or Urdu and the text has
//     letters Arabic does not use (پ چ ژ گ ک ی ٹ ں ے);
//   - under half: Arabic when the Arabic part is a real paragraph (200+
//     letters), as in a bilingual page or an article scraped with its page's
//     JavaScript; else not (an English photo caption under an Arabic headline).
// A document is sampled (30,000 characters at most) and franc reads only the
// first 2,048 characters it is given, so the check is cheap.
import { franc } from 'franc';

/** Letters of Persian and Urdu that Arabic does not use: پ چ ژ گ ک ی ٹ ں ے ڈ ڑ. */
const PERSIAN_URDU_LETTERS = new Set([0x067e, 0x0686, 0x0698, 0x06af, 0x06a9, 0x06cc, 0x0679, 0x06ba, 0x06d2, 0x0688, 0x0691]);
const PERSIAN_URDU = new Set(['pes', 'prs', 'urd', 'pnb', 'skr', 'snd', 'bal', 'ckb', 'kmr', 'uig', 'pbu', 'pus']);
const OTHER_LETTER = /\p{L}/u;

function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0621 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || c === 0x06d5 || c === 0x06ee || c === 0x06ef ||
    (c >= 0x06fa && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)
  );
}

/** Arabic-script letters, all letters, and Persian/Urdu-only letters, in one pass without allocating. */
function countLetters(text: string): { arabic: number; letters: number; persian: number } {
  let arabic = 0;
  let letters = 0;
  let persian = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
    } else if (isArabicLetter(c)) {
      arabic++;
      letters++;
      if (PERSIAN_URDU_LETTERS.has(c)) persian++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      if (OTHER_LETTER.test(String.fromCodePoint(text.codePointAt(i) ?? c))) letters++;
      i++;
    } else if (OTHER_LETTER.test(text[i])) letters++;
  }
  return { arabic, letters, persian };
}

export interface LanguageVerdict {
  arabic: boolean;
  /** Why it is not Arabic, for the warning line. */
  reason?: string;
}

/** Sample of a long text: the check needs proportions, not every character. */
function sample(text: string): string {
  if (text.length <= 30_000) return text;
  const third = 10_000;
  const mid = Math.floor(text.length / 2);
  return text.slice(0, third) + ' ' + text.slice(mid, mid + third) + ' ' + text.slice(-third);
}

export function checkArabic(fullText: string): LanguageVerdict {
  const text = sample(fullText);
  const { arabic, letters, persian } = countLetters(text);
  if (!letters) return { arabic: false, reason: 'no letters' };
  if (!arabic) return { arabic: false, reason: `not Arabic (${guess(text)})` };
  const ratio = arabic / letters;
  if (ratio >= 0.5) {
    if (arabic >= 300 && persian >= arabic * 0.01) {
      const lang = franc(text, { minLength: 10 });
      if (PERSIAN_URDU.has(lang)) return { arabic: false, reason: `not Arabic (looks like ${lang})` };
    }
    return { arabic: true };
  }
  if (arabic >= 200) return { arabic: true };
  return { arabic: false, reason: `not Arabic (${Math.round(ratio * 100)}% Arabic letters; ${guess(text)})` };
}

/** Languages a stray document is likely to be in, to name it in the warning. */
const LIKELY = ['eng', 'fra', 'deu', 'spa', 'ita', 'por', 'nld', 'rus', 'tur', 'ind', 'pes', 'urd', 'heb', 'cmn', 'jpn', 'hin'];

function guess(text: string): string {
  const lang = franc(text, { minLength: 10, only: LIKELY });
  return lang === 'und' ? 'language unknown' : `looks like ${lang}`;
}
