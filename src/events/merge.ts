// Mentions of the same attack become one event: an article tells its main attack
// in the headline, the lead and again in the body («الهجوم»، «الضربة»), and may
// recall earlier attacks that must stay separate (another date, another target).
import type { EventStatus } from '../types.js';
import { normalizeWord } from '../stages/normalize.js';
import { PRECISION_ORDER } from '../geo/gazetteer.js';
import type { EventWords } from './lexicon.js';
import type { ArgSpan, Mention, WeaponMention } from './mentions.js';

export interface EventDraft {
  mentions: Mention[];
  status: EventStatus;
  attacker: ArgSpan[];
  target: ArgSpan[];
  location: ArgSpan[];
  weapon: WeaponMention[];
  killed: number | null;
  wounded: number | null;
  time: Mention['time'];
  strength: number;
  /** Persons named where it was told (Mention.people). */
  people: string[];
}

function draftOf(m: Mention): EventDraft {
  return {
    mentions: [m],
    status: m.status,
    attacker: [...m.attacker],
    target: [...m.target],
    location: [...m.location],
    weapon: [...m.weapon],
    killed: m.killed,
    wounded: m.wounded,
    time: m.time,
    strength: m.trigger.def.strength,
    people: [...m.people],
  };
}

// names compare on folded words without the article: entity norms (عين الاسد) and phrase norms (عين اسد) alike
const nameWords = (norm: string) =>
  normalizeWord(norm)
    .split(' ')
    .map((w) => w.replace(/^(ال|لل|وال|بال)(?=..)/, ''))
    .filter((w) => w.length >= 2);

/** Two names that share their words: «قاعده عين الاسد» and «عين الاسد الجويه». */
export function sameName(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (!wa.length || !wb.length) return false;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const set = new Set(long);
  const shared = short.filter((w) => set.has(w)).length;
  return shared === short.length || (shared >= 2 && shared * 3 >= short.length * 2);
}

function timesConflict(a: Mention['time'], b: Mention['time'], docDate: string | null = null): boolean {
  if (!a?.value || !b?.value) return false;
  if (a.value.startsWith(b.value) || b.value.startsWith(a.value)) return false;
  // «اليوم الأحد» (the day of the report) and «السبت» (the day of the attack) can tell one attack
  const [early, late] = a.value < b.value ? [a, b] : [b, a];
  return !(docDate && late.value === docDate && early.grain === 'day' && daysBetween(early.value!, docDate) <= 3);
}

const distinctive = (words: EventWords) => (x: ArgSpan) => !x.victim && !words.undistinctive.has(nameWords(x.norm).join(' '));

// (a country shared is no evidence: two attacks in Iraq are not one)
const local = (x: ArgSpan) => x.entity?.geo?.precision !== 'country';
const specific = (x: ArgSpan) => local(x) && !x.landmark;

function sharesPlace(words: EventWords, e: EventDraft, m: Mention): boolean {
  const names = [...e.target.filter(distinctive(words)), ...e.location.filter(specific)].map((x) => x.norm);
  // («المركز» recalls «مركزا للأمن»: the accusative ending is no other word)
  const recalls = (n: string, head: string) => n.split(' ')[0].replace(/(?<=...)ا$/, '') === head;
  return [...m.target.filter(distinctive(words)), ...m.location.filter(specific)].some((x) => names.some((n) => sameName(n, x.norm) || (x.definiteHead !== undefined && recalls(n, x.definiteHead))));
}

/**
 * Whether a place of `inner` is a town of a province `outer` names, with nothing finer: «دوغو بايزيد»
 * in «ولاية أغري» (not «الشيخ زويد» in «العريش، شمال سيناء»: two towns of the province; nor towns of a
 * city of the same name, «الطارمية» and «الزعفرانية» of Baghdad).
 */
function inProvince(outer: readonly ArgSpan[], inner: readonly ArgSpan[]): boolean {
  const provinces = outer.filter((p) => p.entity?.geo?.precision === 'region');
  if (!provinces.length || outer.some((p) => !p.landmark && local(p) && p.entity?.geo?.precision !== 'region')) return false;
  return inner.some((x) => !!x.entity?.geo?.region && provinces.some((y) => sameName(x.entity!.geo!.region!, y.norm)));
}

/**
 * Whether two lists of places name the same place, even as the landmark of the other («في منطقة الجفينة
 * جنوب غرب مأرب» and «بمدينة مأرب»), or one lies in a province the other names. Two places by the same
 * landmark are apart: «الزعفرانية جنوب بغداد» and «الطارمية شمال بغداد».
 */
function placesNest(a: readonly ArgSpan[], b: readonly ArgSpan[]): boolean {
  const named = a.filter(local).some((x) => b.filter(local).some((y) => sameName(x.norm, y.norm) && !(x.landmark && y.landmark)));
  return named || inProvince(a, b) || inProvince(b, a);
}

function add<T extends { norm?: string; category?: string }>(list: T[], items: T[], key: (x: T) => string, max: number): void {
  for (const it of items) {
    if (list.length >= max) break;
    if (!list.some((x) => key(x) === key(it))) list.push(it);
  }
}

/** How precise the best of some places is (lower is finer); places without geo count as towns. */
function precisionRank(places: readonly ArgSpan[]): number {
  return Math.min(9, ...places.map((p) => PRECISION_ORDER.indexOf(p.entity?.geo?.precision ?? 'town')));
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(b) - Date.parse(a)) / 86_400_000;
}

/** The smallest death toll that tells an attack apart when told again. */
const DISTINCT_TOLL = 5;

/**
 * Two death (or injury) tolls that cannot be one attack's, even revised: «مقتل 19 شخصا» and «قتل ثلاثة»
 * (17 then 19 is a toll revised; 3 and 19 are two blasts in one article).
 */
const tollsDiffer = (a: number | null, b: number | null) => a !== null && b !== null && Math.max(a, b) > 2 * Math.min(a, b) + 2;
const tollsConflict = (e: EventDraft, m: Mention) => tollsDiffer(e.killed, m.killed) || tollsDiffer(e.wounded, m.wounded);

/** Whether m was split from a report that e already holds a part of. */
const sibling = (e: EventDraft, m: Mention) => m.group !== undefined && e.mentions.some((x) => x.group === m.group);

function absorb(e: EventDraft, m: Mention, docDate: string | null): void {
  e.mentions.push(m);
  add(e.attacker, m.attacker, (x) => x.norm, 3);
  add(e.target, m.target, (x) => x.norm, 3);
  // the place comes from the first mention that names one (later mentions recall other places),
  // unless a later one is more precise: «أذرع إيران ... العراق» then «في محافظة الأنبار»
  if (!e.location.length || precisionRank(m.location) < precisionRank(e.location)) {
    e.location = [];
    add(e.location, m.location, (x) => x.norm, 2);
  }
  for (const w of m.weapon) {
    const same = e.weapon.find((x) => x.category === w.category);
    if (!same) e.weapon.push(w);
    else if (same.count === null && w.count !== null) same.count = w.count;
  }
  e.killed ??= m.killed;
  e.wounded ??= m.wounded;
  if (!e.time?.value && m.time?.value) e.time = m.time;
  // «أعلنت اليوم الأحد ... غارات السبت»: the day named for the attack beats the day of the report
  else if (e.time?.value && m.time?.value && e.time.value === docDate && m.time.grain === 'day' && m.time.value < e.time.value && daysBetween(m.time.value, docDate) <= 7) e.time = m.time;
  e.strength = Math.max(e.strength, m.trigger.def.strength);
  for (const p of m.people) if (!e.people.includes(p)) e.people.push(p);
}

/** Merge mentions (in document order) into events. */
export function mergeMentions(
  words: EventWords,
  mentions: readonly Mention[],
  docDate: string | null = null,
  leadTime: Mention['time'] = null,
  docHeadline: (m: Mention) => boolean = () => false,
): EventDraft[] {
  const events: EventDraft[] = [];
  let last: EventDraft | null = null;
  // (a running total takes in what tells it again, and nothing else: an attack never joins it)
  const open = (e: EventDraft) => !e.mentions[0].runningTotal;
  for (const m of mentions) {
    if (m.runningTotal) {
      events.push((last = draftOf(m)));
      continue;
    }
    // «الهجوم» with nothing of its own, or a mention that names no place or target: the attack just
    // told, told again (when its time does not say otherwise)
    const placeless = !m.target.some(distinctive(words)) && !m.location.length;
    // a toll told again is the attack it was told of, not the latest one: «هجوم سوروتش أوقع 30 قتيلا ...
    // وتفجير كوباني ... وأعلن مسؤول أن 30 شخصا قتلوا» (from 5 dead: two attacks may well both kill 2);
    // told again with a place, in or by the attack's: «قتل 25 حوثيا بقصف على مدينة مأرب» then «غارات على
    // منطقة الجفينة جنوب غرب مأرب أسفرت عن مقتل 25 حوثيا»
    const tollTold = (e: EventDraft) => open(e) && e.killed === m.killed && e.status === m.status && !timesConflict(e.time, m.time, docDate);
    const sameToll: EventDraft | undefined =
      m.killed === null || m.killed < DISTINCT_TOLL ? undefined
      : placeless ? (last && last.killed === m.killed ? undefined : events.find((e) => e !== last && tollTold(e)))
      : events.findLast((e) => tollTold(e) && placesNest(e.location, m.location));
    if (sameToll) {
      absorb(sameToll, m, docDate);
      last = sameToll;
      continue;
    }
    // (a running total takes only attacks in general, told again: «قتلوا في الغارات التركية», not «قتل ستة
    // أشخاص اليوم في غارات»)
    const joinsLast = (e: EventDraft) => open(e) || ((m.anaphoric || m.generic || m.tollOnly) && !m.time?.value);
    if ((m.anaphoric || placeless) && last && joinsLast(last) && last.status === m.status && !timesConflict(last.time, m.time, docDate) && !sibling(last, m)) {
      absorb(last, m, docDate);
      continue;
    }
    // «العبوة انفجرت في ساحة ...»: the bomb of the latest event with one, told again
    if (m.weaponAnaphor && !m.time?.value) {
      const host = events.findLast((e) => open(e) && e.status === m.status && e.weapon.some((w) => m.weapon.some((x) => x.category === w.category)));
      if (host) {
        absorb(host, m, docDate);
        last = host;
        continue;
      }
    }
    // a mention placed only in a country («في نيجيريا») belongs to the latest event in that country
    const countries = m.location.map((l) => l.entity?.geo?.precision === 'country' ? l.entity.geo.country : null);
    if (!m.target.length && countries.length && countries.every(Boolean)) {
      // (not when it names another attacker: «ونفذت القوات الأمريكية ضربة في العراق» after a rocket attack on them)
      const agrees = (e: EventDraft) => !m.attacker.length || !e.attacker.length || m.attacker.some((a) => e.attacker.some((b) => sameName(a.norm, b.norm)));
      const host = events.findLast((e) => open(e) && e.status === m.status && !timesConflict(e.time, m.time, docDate) && agrees(e) && !e.target.some((t) => m.attacker.some((a) => sameName(a.norm, t.norm))) && e.location.some((l) => countries.includes(l.entity?.geo?.country ?? null)));
      if (host) {
        absorb(host, m, docDate);
        last = host;
        continue;
      }
    }
    // (the latest first: a detail told after two attacks of the day is of the one just told)
    const same = events.findLast(
      (e) =>
        open(e) &&
        e.status === m.status &&
        !sibling(e, m) &&
        !timesConflict(e.time, m.time, docDate) &&
        !tollsConflict(e, m) &&
        (sharesPlace(words, e, m) ||
          // (or, named again, in the province it was told in or around the town: «والهجوم في أغري» after
          // «في محيط مدينة دوغوبيازيد»)
          (m.definite && (inProvince(e.location, m.location) || inProvince(m.location, e.location))) ||
          // the same day and no place that tells them apart
          (m.time?.value && e.time?.value === m.time.value && m.time.grain === 'day' && !(m.location.some(specific) && e.location.some(specific) && !placesNest(e.location, m.location))) ||
          // the attack just told, told again without a time in a town of the province it was told in: «هجوم
          // على مركز للدرك في منطقة أغري» then «اقتحم انتحاري المركز في بلدة دوغوبيازيد»
          (e === last && !m.time?.value && inProvince(e.location, m.location)) ||
          // foiled plots told in several sentences are one plot
          m.status === 'foiled' ||
          // a person named where the attack was told, killed again later: «... ناصر الوحيشي في غارة» then «مقتل الوحيشي»
          m.target.some((t) => t.label === 'PER' && e.people.some((p) => sameName(p, t.norm))) ||
          // an event told first without place or time («فجر انتحاري نفسه») gets them from the next mention
          (!e.target.length && !e.location.length && !e.time?.value)),
    );
    if (same) {
      absorb(same, m, docDate);
      last = same;
      continue;
    }
    const draft = draftOf(m);
    // the article's first attack, told in its headline or lead without a time, happened when the lead says
    if (!events.length && !draft.time?.value && leadTime && m.sentence <= 1 && docHeadline(m)) draft.time = leadTime;
    events.push(draft);
    last = draft;
  }
  // an event with nothing to say where, when or against whom is not worth a record
  return events.filter((e) => open(e) && (e.target.length || e.location.length || e.time?.value || e.attacker.length || e.killed !== null || e.wounded !== null || e.weapon.length > 0 || e.strength >= 0.85));
}

/**
 * An attack told after the article's news of the day, without a time of its own, is of that day:
 * «غارات التحالف أمس على صعدة ... وغارة على سوق الطلح» (a recalled attack names its own time).
 * Run on the events kept, in document order.
 */
export function inheritNewsDay(events: EventDraft[], docDate: string | null): void {
  if (!docDate) return;
  let recent: Mention['time'] = null;
  for (const e of events) {
    if (e.time?.value && e.time.grain === 'day' && daysBetween(e.time.value, docDate) <= 3) recent = e.time;
    // (an event with a time of its own, however vague — «الأسبوع الماضي» — keeps it)
    // (nor does an attack told as what came before: «بعد غارة إسرائيلية»)
    else if (!e.time && recent && e.status === 'occurred' && !e.mentions.every((m) => m.prior)) e.time = recent;
  }
}

/**
 * An attack told without a place right after one with a place, the same day, happened there too:
 * «... في هجوم على فندق في مدينة سوسة أمس. وقتل ثلاثة شرطيين أمس في هجوم آخر استهدف مركزا». Run on the events
 * kept, in document order, after inheritNewsDay.
 */
export function inheritPlace(events: EventDraft[]): void {
  for (let k = 1; k < events.length; k++) {
    const e = events[k];
    const before = events[k - 1];
    if (e.location.length || !before.location.length || e.status !== 'occurred' || e.mentions.every((m) => m.prior)) continue;
    if (!e.time?.value || e.time.value !== before.time?.value || e.time.grain !== 'day') continue;
    // (a town or finer, and what was hit told: «واستهدفت السفارة»)
    if (!e.target.length || precisionRank(before.location) > PRECISION_ORDER.indexOf('town')) continue;
    e.location = before.location.filter(specific).map((p) => ({ ...p }));
  }
}

/**
 * An attack told without its attacker, after one the article gave to a named armed group, is that
 * group's: «أطلق الحوثيون طائرة مسيرة على مطار أبها ... كما استهدفوا منشأة مدنية» (the Houthis' too).
 * Only listed or rule-made groups carry over (not «انتحاري»، «مسلحون», nor a country: «أنقرة» that
 * bombs one day is not the attacker of the next ambush), and not onto an attack on that group
 * itself (a reprisal told after its attack). Run on the events kept, in document order.
 */
export function inheritAttacker(words: EventWords, events: EventDraft[]): void {
  let named: ArgSpan[] = [];
  // the one kind of arms the group was told to use: «غارات طيران التحالف ...» then «واستهدف التحالف منزلا»
  let arms: EventDraft['weapon'] = [];
  const armed = (e: EventDraft) => {
    if (!e.weapon.length && arms.length) e.weapon = arms.map((w) => ({ ...w }));
  };
  // (an air strike is not the attack of a group told without aircraft: a bombing claimed by a group,
  // then «شن طيران التحالف ... غارات» told at length)
  let flies = false;
  const fromTheAir = (e: EventDraft) => e.weapon.some((w) => w.category === 'aircraft');
  for (const e of events) {
    const groups = e.attacker.filter((a) => a.label === 'GROUP' && a.entity);
    if (groups.length) {
      const same = groups.some((g) => named.some((a) => sameName(a.norm, g.norm)));
      if (same) armed(e);
      else (arms = []), (flies = false);
      if (e.weapon.length) arms = e.weapon.length === 1 ? [e.weapon[0]] : [];
      // (a state's forces have aircraft whether or not they were told: «قوات النظام»، «الجيش الليبي»)
      flies ||= fromTheAir(e) || groups.some((g) => words.stateForce.has(g.norm.split(' ')[0].replace(/^ال/, '')));
      named = groups;
    } else if (!e.attacker.length && named.length && e.status === 'occurred' && (flies || !fromTheAir(e)) && !e.target.some((t) => named.some((a) => sameName(a.norm, t.norm)))) {
      e.attacker = named.map((a) => ({ ...a }));
      armed(e);
    }
  }
}

/**
 * The most telling attacker and target of an attack, run on the events kept (after their
 * confidence was scored, which counts what was found):
 * - where an attack has a named attacker, the nameless ones told with it are its men, not other
 *   attackers: «فجر انتحاري نفسه ... وتبنى تنظيم "الدولة الإسلامية" الهجوم» → the group alone
 *   («انتحاري» stays where no one is named: it is all the article says);
 * - the victims as mere people («مقتل 18 شخصا»، «واصابة 30 آخرين») are the target only where
 *   nothing else is: «استهدف نقطة تفتيش ... مقتل 15 شخصا» → the checkpoint;
 * - a social network the news was posted on is no target.
 */
export function preferTelling(words: EventWords, events: EventDraft[]): void {
  for (const e of events) {
    // (named: a tagged entity, or a group's phrase: «مجموعة يسارية متطرفة»)
    const named = (a: ArgSpan) => Boolean(a.entity) || words.actorHead.has(a.norm.split(' ')[0]);
    if (e.attacker.some(named)) e.attacker = e.attacker.filter((a) => named(a) || !words.attackerNoun.has(a.norm.split(' ')[0]));
    const anyone = (x: ArgSpan) => !x.entity && words.anyone.has(x.norm);
    if (e.target.some((x) => !anyone(x))) e.target = e.target.filter((x) => !anyone(x));
    // «وبثت قناة محلية على تويتر صورا»: where news was posted is not what was attacked
    e.target = e.target.filter((x) => !words.socialNetwork.has(normalizeWord(x.norm)));
    // who attacked is not what was attacked, when both were told of one attack: «صاروخ أطلقه الحوثيون» beside
    // «غارات على الحوثيين» merged into it
    if (e.target.length > 1) e.target = e.target.filter((x) => !e.attacker.some((a) => sameName(a.norm, x.norm)));
    // a town or country beside what was hit in it is where: «غارة على صنعاء ... استهدفت مبنى تابعا لوزارة الدفاع»
    const town = (x: ArgSpan) => x.entity?.label === 'GPE' && !x.entity.nationality;
    if (e.target.some((x) => !town(x))) {
      for (const x of e.target.filter(town)) if (!e.location.length) e.location.push(x);
      e.target = e.target.filter((x) => !town(x));
    }
  }
}
