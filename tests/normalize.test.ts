import { describe, expect, it } from 'vitest';
import { createResourceLoader } from '../src/io/resources.js';
import { wordFrequencies } from '../src/resources/lexicons.js';
import { NORMALIZE_STEPS, foldArabic, gluedSplits, normalizeText, normalizeWord, toOriginal } from '../src/stages/normalize.js';

const freq = wordFrequencies(createResourceLoader());
const norm = (s: string) => normalizeText(s, NORMALIZE_STEPS, freq);

describe('normalize: cleaned text', () => {
  it.each([
    ['harakat', 'مُحَمَّدٌ', 'محمد'],
    ['shadda and dagger alef', 'المتهوّرة هٰذا', 'المتهورة هذا'],
    ['tatweel', 'الـمـوصـل', 'الموصل'],
    ['tatweel after a clitic', 'بـ"إمكانيات', 'ب"إمكانيات'],
    ['presentation forms (NFKC)', 'ﻻ ﺑﻐﺪﺍﺩ', 'لا بغداد'],
    ['Arabic-Indic digits', 'في ٢٢ يوليو ٢٠٢٤', 'في 22 يوليو 2024'],
    ['Persian digits', '۱۴۰۳', '1403'],
    ['Arabic decimal separator', '٢٫٥', '2.5'],
    ['Persian letters', 'کابل ایران', 'كابل ايران'],
    ['bidi and zero-width marks', 'عين\u200f الأسد\u200c\u202b', 'عين الأسد'],
    ['glued words from scraping', 'بين الولاياتالمتحدةوالعراق في', 'بين الولايات المتحدة والعراق في'],
    ['glued adjectives', 'العليا الأمريكيةالعراقية لإنهاء', 'العليا الأمريكية العراقية لإنهاء'],
    ['unknown name left alone', 'حقل كونيكو', 'حقل كونيكو'],
    ['a known long word left alone', 'الاستراتيجية', 'الاستراتيجية'],
  ])('%s', (_name, input, expected) => {
    expect(norm(input).text).toBe(expected);
  });
});

describe('normalize: matching form', () => {
  it.each([
    ['alef with hamza', 'أحمد إبراهيم آمنة', 'احمد ابراهيم امنه'],
    ['alef maqsura', 'تبنّى مستشفى', 'تبني مستشفي'],
    ['ta marbuta', 'قاعدة جوية', 'قاعده جويه'],
    ['hamza on waw and ya', 'مسؤولية طائرة', 'مسووليه طايره'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeWord(input)).toBe(expected);
  });

  it('fold keeps the length of the cleaned text', () => {
    const n = norm('أعلنت القوّات الإسرائيليّة');
    expect(n.fold.length).toBe(n.text.length);
    expect(foldArabic(n.text)).toBe(n.fold);
  });
});

describe('normalize: offsets back to the original', () => {
  it.each([
    ['مُحَمَّد الـمـوصـل', 'الموصل'],
    ['الولاياتالمتحدةوالعراق', 'والعراق'],
    ['ﻻ يوجد', 'يوجد'],
    ['عام ٢٠٢٤ في', '2024'],
  ])('%s: the span of %s', (original, word) => {
    const n = norm(original);
    const at = n.text.indexOf(word);
    expect(at).toBeGreaterThanOrEqual(0);
    const { start, end } = toOriginal(n, at, at + word.length);
    expect(normalizeText(original.slice(start, end), NORMALIZE_STEPS.filter((s) => s !== 'split-glued')).text).toBe(word);
  });

  it('an inserted space maps to an empty original range', () => {
    const n = norm('الأمريكيةالعراقية');
    const space = n.text.indexOf(' ');
    expect(n.origStart[space]).toBe(n.origEnd[space]);
  });

  it('applies only the steps asked for', () => {
    expect(normalizeText('مُحَمَّد ٢', ['ascii-digits']).text).toBe('مُحَمَّد 2');
  });
});

describe('glued-word splitting never guesses', () => {
  it.each([
    ['الولاياتالمتحده', 'الولاياتالمتحدة', [8]],
    ['قاعدهعين', 'قاعدةعين', [5]],
    ['خالد', 'خالد', []],
    ['كونيكو', 'كونيكو', []],
  ])('%s', (folded, clean, cuts) => {
    expect(gluedSplits(clean, folded, freq)).toEqual(cuts);
  });
});
