// The screen stage: which sentences `extract` tags for entities, and the claim
// that makes it safe: on the gold articles, the records are those of tagging
// every sentence. news-dev is in ../shared, not part of a clone: without it that
// check is skipped (the seeds are in fixtures/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PIPELINES, createContext, processDoc } from '../src/index.js';
import { composePipeline, runPipeline } from '../src/pipeline.js';
import { eventLexicon } from '../src/events/lexicon.js';
import { attackSentences, mayTellAttack } from '../src/events/mentions.js';
import { normalize } from '../src/stages/normalize.js';
import { tokenize } from '../src/stages/tokenize.js';
import { tagEntities } from '../src/stages/tag.js';
import { tagTimes } from '../src/stages/time.js';
import { resolvePlaces } from '../src/stages/geo.js';
import { extractEvents } from '../src/stages/extract.js';
import { focusSentences } from '../src/stages/screen.js';

const ctx = createContext();
const here = dirname(fileURLToPath(import.meta.url));

describe('screen: sentences in focus', () => {
  const T = true;
  const F = false;
  it.each([
    ['no attack word: none, not even the lead', [F, F, F, F], []],
    ['the lead, and the sentences either side of the one with an attack word', [F, F, F, F, T, F, F, F], [0, 1, 3, 4, 5]],
    ['an attack word in the headline', [T, F, F, F], [0, 1]],
    ['an attack word in the last sentence', [F, F, F, F, F, T], [0, 1, 4, 5]],
    ['neighbours of two attack sentences overlap', [F, F, F, T, F, T, F, F, F], [0, 1, 2, 3, 4, 5, 6]],
    ['one sentence', [T], [0]],
  ])('%s', (_name, hasAttackWord, focus) => {
    expect(focusSentences(hasAttackWord)).toEqual(focus);
  });
});

const tokenizing = composePipeline([normalize, tokenize]);
const sentencesWithAttackWords = (text: string): boolean[] => {
  const doc = runPipeline(tokenizing, { id: 't', text }, ctx);
  return attackSentences(doc.tokens!, doc.sentences!, eventLexicon(ctx.resources));
};

describe('screen: a word a mention can start from', () => {
  it.each([
    ['a trigger noun', 'وأمس الاثنين، اُصيب 5 جنود أميركيين بهجوم على قاعدة عين الأسد.', true],
    ['a trigger verb', 'استهدفت طائرة مسيرة سيارة على طريق المطار.', true],
    ['the killing of a named person («مقتل»)', 'أعلنت الحركة مقتل القيادي محمد الضيف.', true],
    ['a foiled cue', 'تمكنت قوات الأمن من تفكيك صواريخ كانت معدة للإطلاق.', true],
    ['a ceremony', 'افتتح أمير المنطقة معرض الكتاب الدولي في الرياض بحضور عدد من المسؤولين.', false],
    ['the economy', 'ارتفعت أسعار النفط في ختام تعاملات الأسبوع بعد صدور بيانات المخزون الأمريكي.', false],
  ])('%s', (_name, text, has) => {
    expect(sentencesWithAttackWords(text)).toEqual([has]);
  });
});

const foldedText = (text: string) => runPipeline(composePipeline([normalize]), { id: 't', text }, ctx).norm!.fold;
const lex = eventLexicon(ctx.resources);

describe('screen: the text may tell an attack (read before tokenizing)', () => {
  it.each([
    ['a trigger with و and the article', 'وأدان الوزير الهجوم الذي وقع أمس', true],
    ['a trigger after «لل» (ل + the article without its alef; missed at first)', 'تعرضت المنطقة للقصف من جديد', true],
    ['a ta marbuta before a pronoun', 'وتواصلت غارتهم على المدينة', true],
    ['«مقتل» with a pronoun', 'وأعلن التنظيم عن مقتله أمس', true],
    ['a verb trigger by its prefix', 'استهدفت طائرة مسيرة سيارة', true],
    ['the last word of a foiled cue', 'وكانت الصواريخ معدة للإطلاق', true],
    ['a trigger inside another word is none («الهجومي»: attacking play)', 'قدم الفريق أداء هجوميا رائعا', false],
    ['a ceremony', 'افتتح أمير المنطقة معرض الكتاب الدولي في الرياض', false],
  ])('%s', (_name, text, may) => {
    expect(mayTellAttack(foldedText(text), lex)).toBe(may);
  });
});

describe('screen: extract sets aside a document without an attack word', () => {
  const text = 'افتتح أمير منطقة الرياض الأمير فيصل بن بندر معرض الكتاب الدولي. وقال الأمير إن المعرض يستقبل زواره حتى الجمعة.';
  it('tags no entity there (rasd tag still finds them) and finds no event', () => {
    const extracted = processDoc('extract', { id: 't', text, date: '2015-03-05' }, ctx);
    expect(extracted.attackText).toBe(false);
    expect(extracted.tokens).toEqual([]);
    expect(extracted.focus).toEqual([]);
    expect(extracted.entities).toEqual([]);
    expect(extracted.events).toEqual([]);
    expect(processDoc('tag', { id: 't', text, date: '2015-03-05' }, ctx).entities!.length).toBeGreaterThan(0);
  });
  it('still checks the document date', () => {
    expect(processDoc('extract', { id: 't', text, date: '5 March' }, ctx).warnings.join()).toMatch(/is not a YYYY-MM-DD date/);
  });
});

// The extract pipeline without the screen: every sentence tagged.
const unscreened = composePipeline([normalize, tokenize, tagEntities, tagTimes, resolvePlaces, extractEvents]);

const GOLD_SETS: Array<[name: string, dir: string]> = [
  ['seeds', join(here, '..', 'fixtures', 'seeds')],
  ['news-dev', join(here, '..', '..', 'shared', 'fixtures', 'news-dev')],
];
for (const [name, dir] of GOLD_SETS) {
  const goldFile = join(dir, 'gold.json');
  const present = existsSync(goldFile);
  if (!present) console.warn(`screen: ${goldFile} is missing (../shared is not part of a clone); skipping the ${name} check`);
  describe.skipIf(!present)(`screen: the records of ${name}${present ? '' : ' (skipped: ../shared/fixtures missing)'}`, () => {
    it('are those of tagging every sentence', () => {
      const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as { docs: Array<{ doc: string; doc_date: string | null }> };
      expect(PIPELINES.extract.map((s) => s.name)).toContain('screen');
      let screenedOut = 0;
      for (const g of gold.docs) {
        const input = { id: g.doc, text: readFileSync(join(dir, g.doc), 'utf8'), date: g.doc_date };
        const screened = processDoc('extract', input, ctx);
        if (screened.focus!.length < screened.sentences!.length) screenedOut++;
        // the text screen never sets aside what the sentence screen keeps
        const tokenized = runPipeline(tokenizing, input, ctx);
        if (attackSentences(tokenized.tokens!, tokenized.sentences!, lex).includes(true)) expect(mayTellAttack(tokenized.norm!.fold, lex), g.doc).toBe(true);
        expect(screened.events, g.doc).toEqual(runPipeline(unscreened, input, ctx).events);
      }
      // (the check means something only if the screen left sentences out)
      expect(screenedOut).toBeGreaterThan(0);
    });
  });
}
