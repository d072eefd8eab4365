// The tag stage: the trained tagger's spans with the record's labels, and the
// layers that events need (groups and militaries, facilities, nationality
// adjectives, organizations), merged into one sorted, non-overlapping list
// whose offsets point into the original text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createContext, processDoc } from '../src/index.js';
import { layerInput, mergeEntities, type Candidate } from '../src/ner/layers.js';
import { loadNerLexicon } from '../src/ner/lexicon.js';
import { nerCandidates } from '../src/stages/tag.js';
import type { Entity } from '../src/types.js';

const ctx = createContext();
const entitiesOf = (text: string): Entity[] => processDoc('tag', { id: 't', text }, ctx).entities ?? [];
const find = (text: string, surface: string) => entitiesOf(text).find((e) => e.text === surface);

describe('armed groups and militaries (GROUP, one norm per group)', () => {
  it.each([
    ['تبنى تنظيم داعش التفجير في بيان', 'تنظيم داعش', 'تنظيم الدولة الإسلامية'],
    ['وتبنى تنظيم الدولة الإسلامية في العراق والشام الهجوم', 'تنظيم الدولة الإسلامية في العراق والشام', 'تنظيم الدولة الإسلامية'],
    ['قصفت جماعة الحوثي مواقع سعودية', 'جماعة الحوثي', 'جماعة الحوثي'],
    ['وقالت جماعة أنصار الله في بيان', 'جماعة أنصار الله', 'جماعة الحوثي'],
    ['واتهمت واشنطن كتائب حزب الله بشن الهجوم', 'كتائب حزب الله', 'كتائب حزب الله'],
    ['وأطلقت حركة حماس صواريخ على عسقلان', 'حركة حماس', 'حركة حماس'],
    ['هاجم مسلحون من حركة الشباب قاعدة عسكرية', 'حركة الشباب', 'حركة الشباب'],
    ['وقصفت القوات الإسرائيلية منزلا في رفح', 'القوات الإسرائيلية', 'الجيش الإسرائيلي'],
    ['واستهدف الهجوم القوات الأمريكية في سوريا', 'القوات الأمريكية', 'الجيش الأمريكي'],
    ['أعلنت جماعة تطلق على نفسها التائرون مسؤوليتها', 'التائرون', 'الثائرون'],
    ['وتبنت جماعة تكني نفسها "بالتائرون" الهجوم', 'بالتائرون', 'الثائرون'],
    ['وأعلن الثائرون مسؤوليتهم', null, null],
    ['وشنت المقاومة الإسلامية في العراق هجوما بطائرة مسيرة', 'المقاومة الإسلامية في العراق', 'المقاومة الإسلامية في العراق'],
  ])('%s → %s', (text, surface, norm) => {
    if (surface === null) {
      // "the revolutionaries" without a group word or quotes is a common noun
      expect(entitiesOf(text).filter((x) => x.label === 'GROUP')).toEqual([]);
      return;
    }
    const e = find(text, surface);
    expect(e, JSON.stringify(entitiesOf(text).map((x) => [x.text, x.label]))).toBeDefined();
    expect(e!.label).toBe('GROUP');
    expect(e!.norm).toBe(norm);
  });

  it.each([
    ['زار وفد من الشباب الجامعة أمس', 'الشباب'],
    ['وضعت القاعدة الأساسية للمشروع', 'القاعدة'],
  ])('an ambiguous alias alone is no group: %s', (text, word) => {
    expect(entitiesOf(text).some((e) => e.text === word && e.label === 'GROUP')).toBe(false);
  });
});

describe('a group named again by its head word alone (GROUP, the group\'s norm)', () => {
  it.each([
    ['واصل طيران التحالف العربي غاراته أمس. وذكرت مصادر محلية أن طيران التحالف قصف مواقع في حيدان.', 'التحالف', 'التحالف العربي'],
    ['تبنى تنظيم داعش التفجير في بيان. وقال التنظيم إن عناصره نفذوا العملية.', 'التنظيم', 'تنظيم الدولة الإسلامية'],
    // the head of the canonical name: «الحوثيين» is جماعة الحوثي
    ['وشن الحوثيون هجمات على السعودية. وأعلنت الجماعة أنها أطلقت صواريخ على جازان.', 'الجماعة', 'جماعة الحوثي'],
    // the latest group with that head
    ['قصفت حركة حماس عسقلان. ثم أطلقت حركة الجهاد الإسلامي صواريخ. وقالت الحركة إن الهجوم رد على الغارات.', 'الحركة', 'حركة الجهاد الإسلامي'],
  ])('%s → %s', (text, surface, norm) => {
    const e = find(text, surface);
    expect(e, JSON.stringify(entitiesOf(text).map((x) => [x.text, x.label]))).toBeDefined();
    expect(e!.label).toBe('GROUP');
    expect(e!.norm).toBe(norm);
  });

  it.each([
    ['no group named before', 'وقال التحالف في بيان إن طائراته قصفت مواقع. ثم أعلن التحالف العربي انتهاء العملية.', 'التحالف'],
    ['another group of that kind follows («الحركة الوطنية»)', 'أطلقت حركة حماس صواريخ. وقالت الحركة الوطنية إنها تدين القصف.', 'الحركة'],
    ['a head word of no group name', 'قصفت القوات الإسرائيلية رفح. وقال الجيش إن القوات انسحبت.', 'القوات'],
  ])('not a group: %s', (_name, text, word) => {
    expect(entitiesOf(text).some((e) => e.text === word && e.label === 'GROUP')).toBe(false);
  });
});

describe('facilities (FAC)', () => {
  it.each([
    ['سقط صاروخان على قاعدة عين الأسد الجوية غرب العراق', 'قاعدة عين الأسد الجوية'],
    ['وأغلقت السلطات مطار بغداد الدولي بعد الهجوم', 'مطار بغداد الدولي'],
    ['ونقل الجرحى إلى مستشفى الشفاء في غزة', 'مستشفى الشفاء'],
    ['وأطلق مسلحون النار على حاجز عسكري قرب نابلس', 'حاجز عسكري'],
    ['وانفجرت سيارة مفخخة عند نقطة تفتيش', 'نقطة تفتيش'],
    // (not a time adverb after it, rarer in the news than the common words: «قبل»)
    ['وسقط الصاروخ قرب مطار أبها قبل شهرين', 'مطار أبها'],
    // named by whom it belongs to («تابع ل»), the owner tagged or not
    ['قصفت الطائرات مبنى تابعا لوزارة الدفاع في الحديدة', 'مبنى تابعا لوزارة الدفاع'],
    ['فجر انتحاري نفسه داخل مسجد تابع لقوات الأمن الخاصة في نجران', 'مسجد تابع لقوات الأمن الخاصة'],
  ])('%s → %s', (text, surface) => {
    const e = find(text, surface);
    expect(e, JSON.stringify(entitiesOf(text).map((x) => [x.text, x.label]))).toBeDefined();
    expect(e!.label).toBe('FAC');
  });
});

describe('not a facility', () => {
  it('«تابع» without an owner names nothing', () => {
    expect(entitiesOf('وقصفت الطائرات مبنى تابعا في المدينة').filter((e) => e.label === 'FAC')).toEqual([]);
  });
});

describe('nationality adjectives (GPE, nationality: true)', () => {
  it.each([
    ['أصيب خمسة جنود أمريكيين في الهجوم', 'أمريكيين', 'الولايات المتحدة'],
    ['وقالت مصادر إسرائيلية إن الطائرة سقطت', 'إسرائيلية', 'إسرائيل'],
    ['ونفت الحكومة العراقية الخبر', 'العراقية', 'العراق'],
    ['وأعلنت الخارجية الأميركية أمس', 'الأميركية', 'الولايات المتحدة'],
  ])('%s → %s', (text, surface, norm) => {
    const e = find(text, surface);
    expect(e, JSON.stringify(entitiesOf(text).map((x) => [x.text, x.label]))).toBeDefined();
    expect(e!.label).toBe('GPE');
    expect(e!.nationality).toBe(true);
    expect(e!.norm).toBe(norm);
  });
});

describe('names from the trained tagger, with the record labels', () => {
  it.each([
    ['وقال الرئيس الأمريكي جورج بوش في مؤتمر صحفي', 'جورج بوش', 'PER'],
    ['وصل رئيس الوزراء إلى بغداد صباح اليوم', 'بغداد', 'GPE'],
    ['وأدان مجلس الأمن الدولي الهجوم', 'مجلس الأمن الدولي', 'ORG'],
  ])('%s → %s %s', (text, surface, label) => {
    const e = find(text, surface);
    expect(e, JSON.stringify(entitiesOf(text).map((x) => [x.text, x.label]))).toBeDefined();
    expect(e!.label).toBe(label);
  });

  it('two places the tagger read as one are two: «باعت الولايات المتحدة الإمارات»', () => {
    const text = 'وذكرت الصحيفة أن الصواريخ باعت الولايات المتحدة الإمارات منها الكثير.';
    expect(entitiesOf(text).filter((e) => e.label === 'GPE').map((e) => e.text)).toEqual(['الولايات المتحدة', 'الإمارات']);
  });

  it.each([
    ['a preposition', 'أعلن تنظيم جند الخلافة عن مسؤوليته', ['O', 'B-ORG', 'I-ORG', 'I-ORG', 'I-ORG', 'O'], 'تنظيم جند الخلافة'],
    ['a preposition, after a place', 'وصل الوفد إلى بغداد في', ['O', 'O', 'O', 'B-LOC', 'I-LOC'], 'بغداد'],
  ])('a tagger span that runs on into %s ends before it', (_name, text, labels, spans) => {
    const doc = processDoc('tag', { id: 't', text }, ctx);
    expect(doc.tokens!.map((t) => t.text)).toHaveLength(labels.length);
    const found = nerCandidates(layerInput(doc.text, doc.tokens!), labels, loadNerLexicon(ctx.resources));
    expect(found.map((c) => c.text).join('|')).toBe(spans);
  });

  it.each([
    ['وقال مسؤول ولحزب الله نواب في البرلمان', 'ولحزب الله', 'حزب الله'],
    ['والتقى الوزير بهيلاري كلينتون في واشنطن', 'بهيلاري كلينتون', 'هيلاري كلينتون'],
  ])('keeps the token boundary and drops the clitic from the norm: %s', (text, surface, norm) => {
    const e = find(text, surface);
    expect(e, JSON.stringify(entitiesOf(text).map((x) => [x.text, x.label]))).toBeDefined();
    expect(e!.norm).toBe(norm);
  });
});

describe('merging', () => {
  const c = (tokenStart: number, tokenEnd: number, priority: number, label: Entity['label'] = 'ORG'): Candidate => ({
    start: tokenStart * 10, end: tokenEnd * 10, tokenStart, tokenEnd, text: 'x', label, norm: 'x', source: 'ner', priority,
  });

  it.each([
    ['the longer span wins', [c(0, 2, 1), c(1, 2, 9)], [[0, 2]]],
    ['on equal spans, the higher priority', [c(0, 2, 1, 'PER'), c(0, 2, 5, 'GROUP')], [[0, 2]]],
    ['disjoint spans stay, sorted', [c(3, 4, 1), c(0, 1, 1)], [[0, 1], [3, 4]]],
  ])('%s', (_name, candidates, expected) => {
    const merged = mergeEntities(candidates);
    expect(merged.map((e) => [e.tokenStart, e.tokenEnd])).toEqual(expected);
    expect(merged.every((e) => !('priority' in e))).toBe(true);
  });

  it('keeps the higher-priority label on equal spans', () => {
    expect(mergeEntities([c(0, 2, 1, 'PER'), c(0, 2, 5, 'GROUP')])[0].label).toBe('GROUP');
  });
});

describe('on the seed articles', () => {
  const dir = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));

  it.each(files)('%s: entities are sorted, disjoint, and their text is the original', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const entities = entitiesOf(text);
    expect(entities.length).toBeGreaterThan(5);
    for (let k = 0; k < entities.length; k++) {
      const e = entities[k];
      expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(e.norm.length).toBeGreaterThan(0);
      if (k > 0) expect(e.start).toBeGreaterThanOrEqual(entities[k - 1].end);
    }
  });
});
