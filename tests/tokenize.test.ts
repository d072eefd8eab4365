import { describe, expect, it } from 'vitest';
import { createContext, processDoc } from '../src/index.js';
import { analyzeWord, setTypeMemo, typeMemo, typesOf } from '../src/stages/tokenize.js';
import { wordFrequencies } from '../src/resources/lexicons.js';
import { normalizeWord } from '../src/stages/normalize.js';

const ctx = createContext();
const freq = wordFrequencies(ctx.resources);
/** The tag pipeline's document: normalized, tokenized and split into sentences. */
function tokenized(text: string) {
  return processDoc('tag', { id: 't', text }, ctx);
}

describe('tokenize: clitics and stems', () => {
  it.each([
    ['وبالهجوم', ['و', 'ب', 'ال'], 'هجوم', []],
    ['للقوات', ['ل', 'ال'], 'قوات', []],
    ['والعراق', ['و', 'ال'], 'عراق', []],
    ['وقال', ['و'], 'قال', []],
    ['بهجوم', ['ب'], 'هجوم', []],
    ['سيتم', ['س'], 'يتم', []],
    ['قواتها', [], 'قوات', ['ها']],
    ['وزير', [], 'وزير', []],
    ['بغداد', [], 'بغداد', []],
    ['سوريا', [], 'سوريا', []],
    ['الذي', [], 'الذي', []],
    ['إلى', [], 'الي', []],
  ])('%s', (word, prefixes, base, suffixes) => {
    const a = analyzeWord(normalizeWord(word), freq);
    expect(a.prefixes).toEqual(prefixes);
    expect(a.base).toBe(base);
    expect(a.suffixes).toEqual(suffixes);
    expect(a.stem.length).toBeGreaterThan(0);
  });
});

describe('tokenize: tokens', () => {
  it.each([
    ['numbers with a decimal point stay whole', 'ارتفع 2.5 بالمئة', ['ارتفع', '2.5', 'بالمئة']],
    ['dates stay whole', 'في 22/7/2024 قتل', ['في', '22/7/2024', 'قتل']],
    ['Arabic-Indic digits', 'أصيب ٥ جنود', ['أصيب', '٥', 'جنود']],
    ['Arabic punctuation', 'قال: «نعم»، ثم؟', ['قال', ':', '«', 'نعم', '»', '،', 'ثم', '؟']],
    ['tatweel inside a clitic', 'بـ"إمكانيات"', ['ب', '"', 'إمكانيات', '"']],
    ['glued words become tokens', 'الولاياتالمتحدةوالعراق', ['الولايات', 'المتحدة', 'والعراق']],
  ])('%s', (_name, text, expected) => {
    const doc = tokenized(text);
    expect(doc.tokens!.map((t) => t.text)).toEqual(expected);
    for (const t of doc.tokens!) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('number tokens carry their value', () => {
    const doc = tokenized('أصيب ٥ جنود و2.5 و1,000');
    expect(doc.tokens!.filter((t) => t.kind === 'number').map((t) => t.value)).toEqual([5, 2.5, 1000]);
  });
});

describe('tokenize: sentences', () => {
  it.each([
    ['final punctuation', 'قتل خمسة. وأصيب عشرة.', ['قتل خمسة.', 'وأصيب عشرة.']],
    ['question mark', 'هل هي جهة جديدة؟ نحن نريد أن نعرف.', ['هل هي جهة جديدة؟', 'نحن نريد أن نعرف.']],
    ['closing quote stays with its sentence', 'وقال «نرفض أي هجوم.» وأضاف أنه', ['وقال «نرفض أي هجوم.»', 'وأضاف أنه']],
    ['a headline line', 'قصف عين الأسد\nنقلت صحيفة الخبر.', ['قصف عين الأسد', 'نقلت صحيفة الخبر.']],
    ['ellipsis stays together', 'لم تكن عبثية... هناك جهات', ['لم تكن عبثية...', 'هناك جهات']],
    ['decimal number does not end a sentence', 'بلغ 2.5 مليون. ثم', ['بلغ 2.5 مليون.', 'ثم']],
  ])('%s', (_name, text, expected) => {
    const doc = tokenized(text);
    expect(doc.sentences!.map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });

  it('marks headlines', () => {
    const doc = tokenized('قصف عين الأسد\nنقلت صحيفة الخبر.');
    expect(doc.sentences!.map((s) => s.headline)).toEqual([true, false]);
  });
});

describe('tokenize: what stages keep with a word type (typeMemo)', () => {
  const tokens = processDoc('extract', { id: 'm', text: 'قال الجيش إن القوات قصفت القاعدة ثم انسحبت القوات والقوات الأخرى.' }, createContext()).tokens!;
  const types = typesOf(tokens)!;

  it('gives every token of a word the same type', () => {
    expect(types).toHaveLength(tokens.length);
    const forces = tokens.map((t, i) => [t.fold, i] as const).filter(([f]) => f === 'القوات').map(([, i]) => types[i]);
    expect(forces).toHaveLength(2);
    expect(forces[1]).toBe(forces[0]); // (والقوات is another folded form: another type)
    expect(types[tokens.findIndex((t) => t.fold === 'والقوات')]).not.toBe(forces[0]);
  });

  it('a value kept after a null replaces it', () => {
    const owner = {};
    setTypeMemo(types[2], owner, null);
    expect(typeMemo(types[2], owner)).toBeNull();
    setTypeMemo(types[2], owner, 'قاعدة');
    expect(typeMemo(types[2], owner)).toBe('قاعدة');
  });

  // (after this one, every null bit is taken)
  it('keeps values and nulls per owner, for more owners than there are null bits', () => {
    const type = types[0];
    const owners = Array.from({ length: 40 }, () => ({}));
    owners.forEach((owner, k) => setTypeMemo(type, owner, k % 2 ? null : { k }));
    owners.forEach((owner, k) => expect(typeMemo(type, owner)).toEqual(k % 2 ? null : { k }));
    expect(typeMemo(type, {})).toBeUndefined();
    expect(typeMemo(types[1], owners[1])).toBeUndefined(); // a null of one type is not another's
  });
});
