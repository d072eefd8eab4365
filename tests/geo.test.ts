// The geo stage: gazetteer mentions in running text (offsets, clitics, common
// words that are not places), ambiguity settled by the article, relative places,
// nationality entities, the transliteration fallback and the compiled resource.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composePipeline, createContext, runPipeline } from '../src/index.js';
import { normalize } from '../src/stages/normalize.js';
import { tokenize } from '../src/stages/tokenize.js';
import { articleCountries, findPlaceMentions, geocode, resolvePlaces } from '../src/stages/geo.js';
import { GAZETTEER, gazetteer } from '../src/geo/gazetteer.js';
import { arabicSkeleton, latinSkeleton } from '../src/geo/translit.js';
import { wordForms } from '../src/geo/words.js';
import type { Doc, Entity } from '../src/types.js';

const ctx = createContext();
const tokenized = composePipeline([normalize, tokenize]);
const doc = (text: string): Doc => runPipeline(tokenized, { id: 't', text }, ctx);
const mentions = (text: string) => findPlaceMentions(doc(text), ctx);

describe('findPlaceMentions', () => {
  it.each([
    ['قتل جنديان في هجوم بالأنبار أمس', 'الأنبار', 'GPE', 'IQ'],
    ['وصل الوفد إلى الموصل صباح اليوم', 'الموصل', 'GPE', 'IQ'],
    ['سقط صاروخان على قاعدة عين الأسد الجوية غرب العراق', 'قاعدة عين الأسد الجوية', 'FAC', 'IQ'],
    ['اشتباكات عنيفة في ريف إدلب الجنوبي', 'ريف إدلب', 'LOC', 'SY'],
    ['غارة على مخيم النصيرات وسط القطاع', 'مخيم النصيرات', 'FAC', 'PS'],
    ['انفجار قرب مطار بغداد الدولي', 'مطار بغداد الدولي', 'FAC', 'IQ'],
    ['هجوم انتحاري في مدينة مايدوغوري', 'مايدوغوري', 'GPE', 'NG'],
    ['وللموصل تاريخ طويل', 'موصل', 'GPE', 'IQ'],
  ])('%s → %s', (text, surface, label, country) => {
    const found = mentions(text).find((e) => e.text === surface);
    expect(found, JSON.stringify(mentions(text).map((e) => e.text))).toBeDefined();
    expect(found!.label).toBe(label);
    expect(found!.geo!.country).toBe(country);
    expect(found!.source).toBe('gazetteer');
    expect(text.slice(found!.start, found!.end)).toBe(found!.text);
  });

  it('keeps offsets into the original text when it carries harakat and tatweel', () => {
    const text = 'قُصِفَتْ مَدِينَةُ الـمـوصـل لَيْلًا';
    const found = mentions(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].start, found[0].end)).toBe('الـمـوصـل');
    expect(found[0].geo!.name).toBe('الموصل');
  });

  it.each([
    ['قدمت الحكومة الدعم المالي للمزارعين', 'المالي (financial) is not Mali'],
    ['زار الوزير الحي القديم في المدينة', 'الحي (the neighbourhood) is not al-Hayy'],
    ['قالت القوات السورية إنها صدت الهجوم', 'السورية (Syrian) is not the country سورية'],
    ['هذا بلد يعاني من أزمة', 'بلد (a country) is neither Balad nor Lod'],
    ['تحدث خليل عن الأوضاع', 'خليل (a man) is not Hebron'],
    ['قال إن العمارة سقطت بعد القصف', 'العمارة (the building) needs a head word to be Amarah'],
    ['وأكد أنه سيعود قريبا', 'بأنه/أنه is not Baneh'],
  ])('%s: no place (%s)', (text) => {
    expect(mentions(text).map((e) => e.text)).toEqual([]);
  });

  it('takes a common-word name after a head word: قضاء القائم, مدينة العمارة', () => {
    expect(mentions('سيطر الجيش على قضاء القائم').map((e) => e.geo!.name)).toEqual(['القائم']);
    expect(mentions('انفجار في مدينة العمارة جنوبي العراق').map((e) => e.geo!.name)).toContain('العمارة');
  });

  it('reads العاصمة + a nationality as the capital', () => {
    const found = mentions('قصفت الطائرات مواقع شرقي العاصمة السورية');
    expect(found.map((e) => [e.text, e.geo!.name])).toEqual([['العاصمة السورية', 'دمشق']]);
  });

  it('prefers the province after محافظة and the city without a head', () => {
    const [province] = mentions('في محافظة بغداد');
    const [city] = mentions('في بغداد');
    expect(province.geo!.precision).toBe('region');
    expect(city.geo!.precision).toBe('town');
  });
});

describe('ambiguity settled by the article', () => {
  it.each([
    ['اندلعت اشتباكات في طرابلس بين فصائل ليبية قرب مصراتة وبنغازي', 'طرابلس', 'LY'],
    ['اندلعت اشتباكات في طرابلس شمال لبنان قرب الحدود مع سوريا، وقال الجيش اللبناني في بيروت', 'طرابلس', 'LB'],
    ['قصف مدفعي على رفح جنوب قطاع غزة وخان يونس', 'رفح', 'PS'],
    ['أغلقت السلطات المصرية الطريق إلى رفح والعريش في شمال سيناء بمصر', 'رفح', 'EG'],
    ['وصل وزير الخارجية إلى عمان حيث التقى العاهل الأردني وقادة الأردن', 'عمان', 'JO'],
    ['أعلنت سلطنة عمان ومسقط عن مبادرة خليجية', 'عمان', 'OM'],
  ])('%s: %s is in %s', (text, name, country) => {
    const found = mentions(text).find((e) => e.text.endsWith(name));
    expect(found).toBeDefined();
    expect(found!.geo!.country).toBe(country);
  });

  it('ranks the countries an article is about', () => {
    const d = doc('بغداد - قتل خمسة أشخاص في تفجير بالموصل شمال العراق، وأدانت الولايات المتحدة الهجوم.\nوقالت القوات الأمريكية إن كركوك آمنة.');
    const ranked = articleCountries(d, ctx);
    expect(ranked[0]).toBe('IQ');
    expect(ranked).toContain('US');
  });

  it('uses the hint for a name known only by transliteration (not in the Arabic list)', () => {
    // Kousséri is listed; Foumban (Cameroon) is only in GeoNames: found through its consonant skeleton
    const geo = geocode('فومبان', ctx, { countries: ['CM'] });
    expect(geo?.country).toBe('CM');
    expect(geocode('فومبان', ctx)).toBeNull(); // no country context, no guess
  });
});

describe('geocode', () => {
  it.each([
    ['بالأنبار', 'الأنبار', 'region'],
    ['في محافظة الأنبار', 'الأنبار', 'region'],
    ['شمال بغداد', 'بغداد', 'district'],
    ['100 كلم شمال شرقي بغداد', 'بغداد', 'region'],
    ['20 كلم جنوب الموصل', 'الموصل', 'district'],
    ['ريف إدلب', 'إدلب', 'region'],
    ['وسط العاصمة العراقية بغداد', 'بغداد', 'town'],
    ['جنوب تركيا', 'تركيا', 'country'],
  ])('%s → %s (%s)', (phrase, name, precision) => {
    const geo = geocode(phrase, ctx);
    expect(geo?.name).toBe(name);
    expect(geo?.precision).toBe(precision);
  });

  it('answers the article country for "البلاد" and, when asked, for anything unresolved', () => {
    expect(geocode('غربي البلاد', ctx, { countries: ['IQ'] })?.country).toBe('IQ');
    expect(geocode('مقر قوات الطوارئ', ctx, { countries: ['SA'] })).toBeNull();
    const fallback = geocode('مقر قوات الطوارئ', ctx, { countries: ['SA'], fallbackToCountry: true });
    expect(fallback).toMatchObject({ country: 'SA', precision: 'country' });
  });

  it('gives the region (province) of a town', () => {
    expect(geocode('الفلوجة', ctx)?.region).toBe('الأنبار');
    expect(geocode('مايدوغوري', ctx)?.region).toBe('بورنو');
  });
});

describe('resolvePlaces stage', () => {
  const entity = (d: Doc, text: string, label: Entity['label'], nationality = false): Entity => {
    const start = d.text.indexOf(text);
    const tokens = d.tokens!.filter((t) => t.start >= start && t.end <= start + text.length);
    return { start, end: start + text.length, tokenStart: tokens[0].i, tokenEnd: tokens[tokens.length - 1].i + 1, text, label, norm: text, source: 'ner', ...(nationality ? { nationality } : {}) };
  };

  it('adds geo to place entities and the country to nationality entities, on a copy', () => {
    const d = doc('قصفت القوات الأمريكية مواقع قرب الحدود في محافظة الأنبار غرب العراق.');
    const entities = [entity(d, 'الأمريكية', 'GPE', true), entity(d, 'محافظة الأنبار', 'GPE'), entity(d, 'القوات', 'ORG')];
    const input = { ...d, entities };
    const out = resolvePlaces.run(input, ctx);
    expect(out.entities![0].geo).toMatchObject({ country: 'US', precision: 'country' });
    expect(out.entities![1].geo).toMatchObject({ country: 'IQ', region: 'الأنبار', precision: 'region' });
    expect(out.entities![2].geo).toBeUndefined();
    expect(entities[1].geo).toBeUndefined(); // the input is not modified
  });
});

describe('word forms and transliteration', () => {
  it.each([
    ['وبالموصل', 'موصل', 2],
    ['للموصل', 'موصل', 2],
    ['الانبار', 'انبار', 0],
  ])('%s → key %s (skip %d)', (fold, key, skip) => {
    const form = wordForms(fold, undefined, undefined, true).find((f) => f.key === key);
    expect(form?.skip).toBe(skip);
  });

  it('does not split a lone preposition off a common word', () => {
    expect(wordForms('بلد', undefined, [], false).map((f) => f.key)).toEqual(['بلد']);
  });

  it.each([
    ['سوروتش', 'Suruç', 'TR'],
    ['شيرناك', 'Şırnak', 'TR'],
    ['مايدوغوري', 'Maiduguri', 'NG'],
    ['بيشاور', 'Peshawar', 'PK'],
    ['بعقوبة', 'Baqubah', 'IQ'],
    ['جزرة', 'Cizre', 'TR'],
    ['الرمادي', 'Ar Ramadi', 'IQ'],
  ])('%s and %s share a skeleton', (arabic, latin, country) => {
    expect(arabicSkeleton(arabic)).toBe(latinSkeleton(latin, country));
  });
});

describe('the compiled gazetteer', () => {
  const file = fileURLToPath(new URL('../src/resources/ar/geo/gazetteer.json', import.meta.url));

  it('is small enough to ship and every place has coordinates and a country', () => {
    expect(statSync(file).size).toBeLessThan(3 * 1024 * 1024);
    const gaz = gazetteer(ctx.resources);
    expect(gaz.places.length).toBeGreaterThan(2000);
    const missing = gaz.places.filter((p) => p.kind !== 'country' && (p.lat === null || p.lon === null || !p.country));
    expect(missing.map((p) => p.name)).toEqual([]);
  });

  it('has a province name for the admin1 code of every Arab League city over 50,000 it lists', () => {
    const gaz = gazetteer(ctx.resources);
    const arab = new Set('IQ SY LB JO SA YE EG LY TN DZ MA MR SD SO KW BH QA AE OM'.split(' '));
    const noRegion = gaz.places.filter((p) => arab.has(p.country) && p.kind === 'city' && p.population >= 50_000 && p.regionCode !== null && !gaz.regions.has(p.regionCode ?? ''));
    expect(noRegion.map((p) => `${p.name} ${p.regionCode}`)).toEqual([]);
  });

  it('rejects a file of another version with a clear message', () => {
    expect(() => GAZETTEER.parse('{"version": 2, "places": []}' as never, 'ar/geo/gazetteer.json')).toThrow(/version 1 gazetteer/);
    expect(() => GAZETTEER.parse('not json' as never, 'ar/geo/gazetteer.json')).toThrow(/not valid JSON/);
  });
});

// Over the development gold sets (statistics only; texts are read from ../shared, never copied)
const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared');
const HAVE_SHARED = existsSync(join(SHARED, 'fixtures/news-dev/gold.json'));
if (!HAVE_SHARED) console.warn('skipping geo gold coverage: ../shared not found');
describe.skipIf(!HAVE_SHARED)('gold locations of seeds and news-dev', () => {
  it('resolves at least 90% of the annotated location strings with the article countries as hint', () => {
    let total = 0;
    let placed = 0;
    for (const set of ['seeds', 'news-dev']) {
      const goldPath = join(SHARED, 'fixtures', set, 'gold.json');
      const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
      for (const entry of gold.docs) {
        const d = doc(readFileSync(join(dirname(goldPath), entry.doc), 'utf8'));
        const countries = articleCountries(d, ctx);
        for (const ev of entry.events ?? []) {
          for (const loc of ev.location ?? []) {
            total++;
            const geo = geocode(loc, ctx, { countries });
            if (geo && geo.country && Number.isFinite(geo.lat) && Number.isFinite(geo.lon)) placed++;
          }
        }
      }
    }
    expect(total).toBeGreaterThan(300);
    expect(placed / total).toBeGreaterThanOrEqual(0.9);
  });
});
