// geo: places on the map. Every place entity gets a country, a first-level
// region, coordinates and how precise they are (site, town, district, region,
// country), from an offline Arabic gazetteer compiled from GeoNames
// (scripts/build-gazetteer.mjs; see docs/geo.md).
//
//   findPlaceMentions  gazetteer lookup over the tokens (longest match, clitics
//                      stripped): بالأنبار → الأنبار (IQ, region)
//   geocode            a place phrase as written: "100 كلم شمال شرقي بغداد",
//                      "ريف إدلب", "العاصمة السورية" → anchor + coarser precision
//   articleCountries   the countries an article is about, ranked
//   resolvePlaces      the stage: geo for every GPE/LOC/FAC entity
//
// Ambiguous names (طرابلس: Libya or Lebanon; رفح: Gaza or Egypt) are settled by
// the article's countries, the other places it names, the head word before the
// name (محافظة بغداد is the province, مدينة بغداد the city) and population.
import { defineStage, type Context } from '../pipeline.js';
import type { Doc, Entity, GeoInfo, Token } from '../types.js';
import { normalizeText, originalOffset } from './normalize.js';
import { sameAnalysis, setTypeMemo, tokenizeNormalized, typeMemo, typesOf, type TokenType } from './tokenize.js';
import { wordFrequencies } from '../resources/lexicons.js';
import {
  coarser, gazetteer, ownPrecision, placeGeo, regionName, skeletonIndex,
  type Gazetteer, type Phrase, type Place, type Precision,
} from '../geo/gazetteer.js';
import { continuationKey, cueOf, findCue, geoCues, tokenForms, wordForms, wordKey, type CueRole, type WordForm } from '../geo/words.js';
import { arabicSkeleton } from '../geo/translit.js';
import type { WordCounts } from '../resources/packed.js';

// ------------------------------------------------------------------ matching

/** A gazetteer phrase found in a run of tokens, before disambiguation. */
interface RawMatch {
  tokenStart: number;
  tokenEnd: number;
  /** Proclitic letters of the first token that are not part of the name (ب of بالأنبار). */
  skip: number;
  /** Candidate places (indices into gaz.places). */
  candidates: number[];
  /** Role of the cue word right before the name, if any. */
  before?: CueRole;
}

interface NationalityMatch {
  token: number;
  country: string;
}

interface Scan {
  places: RawMatch[];
  nationalities: NationalityMatch[];
}

const HEAD_ROLES = new Set<CueRole>(['head-admin1', 'head-district', 'head-town', 'head-site']);
/** Cue words after which a common-word name (cue flag) is taken as a place. */
const OPENS_COMMON_NAME = new Set<CueRole>([...HEAD_ROLES, 'direction', 'vicinity', 'countryside', 'centre']);

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind === 'word';
}

/** What the gazetteer knows about a word form: the phrases that may start with it, the country of its nationality reading. */
interface WordInfo {
  starts: Array<{ form: WordForm; phrases: Phrase[] }>;
  nationality: string | undefined;
}
const NOTHING: WordInfo['starts'] = [];
/** Kept with the token types of the words (most of them) that start no name and are no nationality. */
const NOT_A_NAME: WordInfo = { starts: NOTHING, nationality: undefined };

function computeWordInfo(gaz: Gazetteer, freq: WordCounts, t: Token): WordInfo {
  let starts = NOTHING;
  let nationality: string | undefined;
  for (const form of tokenForms(t, freq)) {
    const phrases = gaz.byFirst.get(form.key);
    if (phrases) (starts === NOTHING ? (starts = []) : starts).push({ form, phrases });
    nationality ??= gaz.nationalities.get(form.key);
  }
  return { starts, nationality };
}

/**
 * What the scan knows about the words of the text, for one gazetteer and word
 * frequency table (tokenForms asks how rare a word is). Worked out once per
 * distinct word and kept with its token type (typeMemo, under `owner`): most
 * words start no place name, and are rejected by reading two fields.
 */
interface GeoWords {
  gaz: Gazetteer;
  freq: WordCounts;
  /** The typeMemo key. */
  owner: object;
  /** For tokens that tokenizeNormalized did not make: by folded form, with the analysis it was worked out for. */
  byFold: Map<string, { base: string; prefixes: readonly string[]; info: WordInfo }>;
}
const geoWordsCache = new WeakMap<Gazetteer, WeakMap<WordCounts, GeoWords>>();
function geoWords(gaz: Gazetteer, freq: WordCounts): GeoWords {
  let byFreq = geoWordsCache.get(gaz);
  if (!byFreq) geoWordsCache.set(gaz, (byFreq = new WeakMap()));
  let words = byFreq.get(freq);
  if (!words) byFreq.set(freq, (words = { gaz, freq, owner: {}, byFold: new Map() }));
  return words;
}

/** What the gazetteer knows about token t (of type `type`, when the tokenizer made it). */
function wordInfo(words: GeoWords, t: Token, type: TokenType | undefined): WordInfo {
  if (type !== undefined && sameAnalysis(type, t)) {
    const known = typeMemo(type, words.owner) as WordInfo | null | undefined;
    if (known !== undefined) return known ?? NOT_A_NAME;
    const info = computeWordInfo(words.gaz, words.freq, t);
    setTypeMemo(type, words.owner, info.starts.length || info.nationality ? info : null); // (most words: one bit)
    return info;
  }
  const cached = words.byFold.get(t.fold);
  if (cached && cached.base === t.base && cached.prefixes === t.prefixes) return cached.info;
  const info = computeWordInfo(words.gaz, words.freq, t);
  if (words.byFold.size >= 200_000) words.byFold.clear();
  words.byFold.set(t.fold, { base: t.base, prefixes: t.prefixes, info });
  return info;
}

/** cueOf for a token, kept with its token type (see wordInfo). */
function cueOfToken(cues: ReadonlyMap<string, CueRole>, t: Token, type: TokenType | undefined): CueRole | undefined {
  if (type === undefined || type.fold !== t.fold) return cueOf(cues, t.fold);
  let role = typeMemo(type, cues) as CueRole | null | undefined;
  if (role === undefined) setTypeMemo(type, cues, (role = findCue(cues, t.fold) ?? null)); // (a null is one bit)
  return role || undefined;
}

/** The longest gazetteer phrase starting at token i, or null. */
function matchAt(
  words: GeoWords,
  tokens: readonly Token[],
  types: readonly TokenType[] | undefined,
  i: number,
  end: number,
): { length: number; key: string; skip: number; article: boolean } | null {
  const t = tokens[i];
  const { starts } = wordInfo(words, t, types?.[i]);
  if (!starts.length) return null;
  let best: { length: number; key: string; skip: number; article: boolean } | null = null;
  for (const { form, phrases } of starts) {
    for (const phrase of phrases) {
      const length = 1 + phrase.rest.length;
      if (i + length > end || (best && length <= best.length)) continue;
      let ok = true;
      for (let k = 0; k < phrase.rest.length; k++) {
        const next = tokens[i + 1 + k];
        if (!isWord(next) || next.sentence !== t.sentence || continuationKey(next) !== phrase.rest[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        best = { length, key: phrase.key, skip: form.skip, article: form.article };
        break; // phrases are longest first
      }
    }
  }
  return best;
}

/**
 * Every gazetteer phrase and nationality adjective in tokens [start, end).
 * `running` is true for running text, where a common-word name (العمارة "the
 * building", القائم "the acting") needs a head or cue word before it.
 */
function scanTokens(
  gaz: Gazetteer,
  cues: ReadonlyMap<string, CueRole>,
  freq: WordCounts,
  tokens: readonly Token[],
  start: number,
  end: number,
  running: boolean,
  hintCountries: readonly string[] = [],
): Scan {
  const places: RawMatch[] = [];
  const nationalities: NationalityMatch[] = [];
  const words = geoWords(gaz, freq);
  const types = typesOf(tokens);
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (!isWord(t)) continue;
    const info = wordInfo(words, t, types?.[i]);
    if (!info.starts.length && !info.nationality) continue; // most words: neither a name nor a nationality
    let m = matchAt(words, tokens, types, i, end);
    const nationality = info.nationality;
    const prev = tokens[i - 1];
    const before = isWord(prev) && prev.sentence === t.sentence ? cueOfToken(cues, prev, types?.[i - 1]) : undefined;
    // a cue word that is also a name gives way to a name right after it: حي الزعفرانية, not الحي
    if (m && m.length === 1 && cueOfToken(cues, t, types?.[i]) && i + 1 < end && matchAt(words, tokens, types, i + 1, end)) m = null;
    // «صلاة المغرب» is the sunset prayer, not Morocco
    if (m && before === 'not-a-place') {
      i += m.length - 1;
      continue;
    }
    if (m) {
      const key = m.key;
      const article = m.article;
      const candidates = (gaz.byKey.get(key) ?? []).filter((p) => {
        const place = gaz.places[p];
        if (place.bare && article) return false;
        // السورية is the adjective, not سورية (Syria); خليل is a man, not الخليل (Hebron)
        const id = `${key}\u0001${p}`;
        if (article ? !gaz.writtenWithArticle.has(id) : !gaz.writtenBare.has(id)) return false;
        if (place.cue && m!.length === 1) {
          const opened = before && (OPENS_COMMON_NAME.has(before) || (place.kind === 'country' && before === 'filler'));
          // in a phrase already taken to be a place, a common word also counts in the article's countries
          if (!opened && (running || !hintCountries.includes(place.country))) return false;
        }
        return true;
      });
      if (candidates.length) {
        places.push({ tokenStart: i, tokenEnd: i + m.length, skip: m.skip, candidates, before });
        i += m.length - 1;
        continue;
      }
    }
    for (const country of nationality ? [nationality] : []) {
      nationalities.push({ token: i, country });
      // العاصمة السورية (not followed by a name) is the capital
      const capital = gaz.capitals.get(country);
      if (before === 'capital' && capital && !(i + 1 < end && isWord(tokens[i + 1]) && matchAt(words, tokens, types, i + 1, end))) {
        places.push({ tokenStart: i - 1, tokenEnd: i + 1, skip: cueSkip(prev.fold), candidates: [capital.index], before: 'capital' });
      }
      break;
    }
  }
  return { places, nationalities };
}

const scans = new WeakMap<readonly Token[], Scan>();

/** The gazetteer scan of a whole document, once per document. */
function scanDoc(doc: Doc, ctx: Context): Scan {
  const tokens = doc.tokens ?? [];
  let scan = scans.get(tokens);
  if (!scan) {
    scan = scanTokens(gazetteer(ctx.resources), geoCues(ctx.resources), wordFrequencies(ctx.resources), tokens, 0, tokens.length, true);
    scans.set(tokens, scan);
  }
  return scan;
}

// ------------------------------------------------------------------ context

interface GeoContext {
  /** Country → share of the article's place weight (sums to 1). */
  countryShare: Map<string, number>;
  /** Admin1 codes of the article's unambiguous places. */
  regions: Set<string>;
  /** Coordinates of the article's unambiguous places. */
  points: Array<[number, number]>;
}

const EMPTY_CONTEXT: GeoContext = { countryShare: new Map(), regions: new Set(), points: [] };

function countryWeights(gaz: Gazetteer, doc: Doc, scan: Scan): Map<string, number> {
  const weights = new Map<string, number>();
  const sentences = doc.sentences ?? [];
  const tokens = doc.tokens ?? [];
  // the headline and the first sentence say what the article is about
  const emphasis = (tokenIndex: number) => {
    const s = tokens[tokenIndex]?.sentence ?? 0;
    return s === 0 || (s === 1 && sentences[0]?.headline) ? 2 : 1;
  };
  const add = (country: string, w: number) => weights.set(country, (weights.get(country) ?? 0) + w);
  for (const m of scan.places) {
    const countries = [...new Set(m.candidates.map((p) => gaz.places[p].country))];
    const w = emphasis(m.tokenStart) / countries.length;
    for (const c of countries) add(c, w);
  }
  // nationality adjectives count less: القوات الأمريكية in an Iraqi article
  for (const n of scan.nationalities) add(n.country, 0.4 * emphasis(n.token));
  return weights;
}

function contextOf(gaz: Gazetteer, doc: Doc, scan: Scan): GeoContext {
  const weights = countryWeights(gaz, doc, scan);
  const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  const countryShare = new Map([...weights].map(([c, w]) => [c, w / total]));
  const regions = new Set<string>();
  const points: Array<[number, number]> = [];
  for (const m of scan.places) {
    if (m.candidates.length !== 1) continue;
    const p = gaz.places[m.candidates[0]];
    if (p.kind === 'country') continue;
    if (p.regionCode) regions.add(p.regionCode);
    if (p.lat !== null && p.lon !== null) points.push([p.lat, p.lon]);
  }
  return { countryShare, regions, points };
}

const contexts = new WeakMap<readonly Token[], GeoContext>();
function docContext(doc: Doc, ctx: Context): GeoContext {
  const tokens = doc.tokens ?? [];
  let c = contexts.get(tokens);
  if (!c) {
    c = contextOf(gazetteer(ctx.resources), doc, scanDoc(doc, ctx));
    contexts.set(tokens, c);
  }
  return c;
}

/** ISO codes of the countries the article is about, most weighty first (places named, nationality adjectives). */
export function articleCountries(doc: Doc, ctx: Context): string[] {
  const share = docContext(doc, ctx).countryShare;
  return [...share].filter(([, s]) => s >= 0.05).sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

// ------------------------------------------------------------------ choosing a candidate

/** How well a kind of place fits the head word before the name. */
function kindPrior(place: Place, before: CueRole | undefined): number {
  const k = place.kind;
  switch (before) {
    case 'head-admin1':
      return k === 'province' ? 4 : k === 'region' ? 3.5 : k === 'country' ? 0 : 1;
    case 'head-district':
      return k === 'district' ? 4 : k === 'town' || k === 'city' ? 3.5 : k === 'province' ? 1 : 1.5;
    case 'head-town':
      return k === 'city' || k === 'town' || k === 'neighbourhood' || k === 'camp' ? 4 : k === 'province' ? 0.5 : 1;
    case 'head-site':
      return PLACE_IS_SITE.has(k) ? 4 : 1;
    case 'countryside':
      return k === 'province' ? 4 : k === 'city' || k === 'town' ? 3.5 : 1;
    case 'capital':
      return k === 'city' ? 4 : 1;
    default:
      return DEFAULT_KIND_PRIOR[k];
  }
}
const PLACE_IS_SITE = new Set(['base', 'airport', 'crossing', 'camp', 'field', 'port', 'site']);
// Without a head word, a bare name is the country (تونس, الكويت), else the city
// (بغداد the city before the province), else the province.
const DEFAULT_KIND_PRIOR: Record<Place['kind'], number> = {
  country: 4, city: 3, town: 2.8, province: 2.5, region: 2.5, district: 2.4, area: 2.2, neighbourhood: 2,
  base: 2.5, airport: 2.5, crossing: 2.5, camp: 2.5, field: 2.5, port: 2.5, site: 2.5,
};

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

function candidateScore(place: Place, before: CueRole | undefined, context: GeoContext, hint: readonly string[]): number {
  let score = kindPrior(place, before);
  score += 3 * (context.countryShare.get(place.country) ?? 0);
  const rank = hint.indexOf(place.country);
  if (rank >= 0) score += Math.max(1.5, 3 - rank);
  if (place.kind !== 'country') {
    if (place.regionCode && context.regions.has(place.regionCode)) score += 1;
    else if (place.lat !== null && place.lon !== null && context.points.some(([la, lo]) => distanceKm(la, lo, place.lat!, place.lon!) < 150)) score += 0.7;
  }
  score += Math.log10(place.population + 1) / 10; // a tie-breaker: Tripoli, Libya before Tripoli, Lebanon
  return score;
}

function choose(gaz: Gazetteer, candidates: readonly number[], before: CueRole | undefined, context: GeoContext, hint: readonly string[]): Place {
  let best = gaz.places[candidates[0]];
  if (candidates.length === 1) return best;
  let bestScore = -Infinity;
  for (const i of candidates) {
    const s = candidateScore(gaz.places[i], before, context, hint);
    if (s > bestScore) {
      bestScore = s;
      best = gaz.places[i];
    }
  }
  return best;
}

// ------------------------------------------------------------------ findPlaceMentions

/**
 * Place entities found by gazetteer lookup over doc.tokens, with geo filled
 * (source 'gazetteer'; offsets into the original text, leading conjunctions and
 * prepositions left out: بالأنبار → الأنبار). "ريف X" is one LOC entity.
 */
export function findPlaceMentions(doc: Doc, ctx: Context): Entity[] {
  const gaz = gazetteer(ctx.resources);
  const tokens = doc.tokens ?? [];
  const scan = scanDoc(doc, ctx);
  const context = docContext(doc, ctx);
  const entities: Entity[] = [];
  for (const m of scan.places) {
    const place = choose(gaz, m.candidates, m.before, context, []);
    let tokenStart = m.tokenStart;
    let skip = m.skip;
    let precision = ownPrecision(place);
    let label = place.label;
    if (m.before === 'countryside') {
      // ريف إدلب: the countryside is a region of its own
      tokenStart -= 1;
      skip = cueSkip(tokens[tokenStart].fold);
      precision = coarser(precision, 'region');
      label = 'LOC';
    }
    const first = tokens[tokenStart];
    const last = tokens[m.tokenEnd - 1];
    const start = skip ? originalOffset(doc.norm, first.nStart + skip, first.start) : first.start;
    const text = doc.text.slice(start, last.end);
    entities.push({
      start,
      end: last.end,
      tokenStart,
      tokenEnd: m.tokenEnd,
      text,
      label,
      norm: place.name,
      source: 'gazetteer',
      geo: placeGeo(gaz, place, precision),
    });
  }
  return entities;
}

/** Letters of a cue token before the cue word itself (بريف → 1). */
function cueSkip(fold: string): number {
  const m = /^(?:[وف]?[بلك]?)/.exec(fold);
  const prefix = m ? m[0] : '';
  return prefix.length && fold.length - prefix.length >= 3 ? prefix.length : 0;
}

// ------------------------------------------------------------------ geocode

export interface GeocodeHint {
  /** Countries the text is about, most likely first (articleCountries). */
  countries?: readonly string[];
  /** When nothing in the phrase resolves, answer the first hint country at precision 'country'. */
  fallbackToCountry?: boolean;
}

const DIRECTIONAL = new Set<CueRole>(['direction', 'vicinity']);

/**
 * Resolve the tokens of one place phrase. Finds the phrase's anchor (the most
 * precise gazetteer place in it, else a capital, a nationality's country, the
 * article's country, or a transliteration match), then coarsens the precision
 * when the phrase is relative to it: شمال بغداد (district), ريف إدلب (region),
 * 100 كلم شمال شرقي بغداد (region).
 */
function geocodeTokens(gaz: Gazetteer, cues: ReadonlyMap<string, CueRole>, freq: WordCounts, tokens: readonly Token[], start: number, end: number, context: GeoContext, hint: GeocodeHint): GeoInfo | null {
  const hintCountries = hint.countries ?? [];
  const scan = scanTokens(gaz, cues, freq, tokens, start, end, false, hintCountries);
  // roles of the cue words, with the token they stand at
  const roles: Array<{ role: CueRole; token: number }> = [];
  let distance: number | null = null;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t.kind === 'number' && t.value !== undefined) {
      const unit = tokens[i + 1];
      if (isWord(unit) && cueOf(cues, unit.fold) === 'distance-unit') distance = t.value;
      continue;
    }
    if (!isWord(t)) continue;
    const role = cueOf(cues, t.fold);
    if (role) roles.push({ role, token: i });
  }
  // places named in the phrase also tell which country it is in: طرابلس لبنان
  const local: GeoContext = { ...context, countryShare: new Map(context.countryShare) };
  for (const m of scan.places) {
    for (const p of m.candidates) {
      const place = gaz.places[p];
      if (place.kind === 'country' && m.candidates.length === 1) local.countryShare.set(place.country, (local.countryShare.get(place.country) ?? 0) + 1);
    }
  }
  for (const n of scan.nationalities) local.countryShare.set(n.country, (local.countryShare.get(n.country) ?? 0) + 0.5);

  let anchor: { geo: GeoInfo; token: number; kind: Place['kind'] | null } | null = null;
  for (const m of scan.places) {
    const place = choose(gaz, m.candidates, m.before, local, hintCountries);
    const geo = placeGeo(gaz, place);
    if (!anchor || finer(geo.precision!, anchor.geo.precision!)) anchor = { geo, token: m.tokenStart, kind: place.kind };
  }
  if (!anchor) {
    const capitalAt = roles.find((r) => r.role === 'capital');
    const nationality = scan.nationalities[0]?.country;
    const capitalOf = capitalAt ? (scan.nationalities.find((n) => n.token > capitalAt.token)?.country ?? hintCountries[0]) : undefined;
    const capital = capitalOf ? gaz.capitals.get(capitalOf) : undefined;
    const thisCountry = roles.find((r) => r.role === 'this-country');
    if (capital && capitalAt) anchor = { geo: placeGeo(gaz, capital), token: capitalAt.token, kind: 'city' };
    else if (nationality) anchor = countryAnchor(gaz, nationality, scan.nationalities[0].token);
    else if (thisCountry && hintCountries[0]) anchor = countryAnchor(gaz, hintCountries[0], thisCountry.token);
  }
  if (!anchor && hintCountries.length) anchor = transliterated(gaz, freq, tokens, start, end, roles, hintCountries);
  if (!anchor) {
    if (hint.fallbackToCountry && hintCountries[0]) return countryAnchor(gaz, hintCountries[0], start)?.geo ?? null;
    return null;
  }
  // relative to the anchor: only cue words before it count (شمال بغداد, not بغداد الجديدة)
  let precision: Precision = anchor.geo.precision ?? 'town';
  for (const { role, token } of roles) {
    if (token >= anchor.token) continue;
    if (role === 'countryside') precision = coarser(precision, 'region');
    else if (DIRECTIONAL.has(role)) precision = coarser(precision, distance !== null && distance >= 50 ? 'region' : 'district');
  }
  return { ...anchor.geo, precision };
}

function finer(a: Precision, b: Precision): boolean {
  return coarser(a, b) === b && a !== b;
}

function countryAnchor(gaz: Gazetteer, iso: string, token: number): { geo: GeoInfo; token: number; kind: Place['kind'] } | null {
  const place = gaz.countries.get(iso);
  return place ? { geo: placeGeo(gaz, place), token, kind: 'country' } : null;
}

/**
 * The transliteration fallback: the phrase's content words (no cue words, no
 * common words: الشريط, مجاور are not names) as a consonant skeleton, looked up
 * among the GeoNames places of the article's first country, then its second for
 * skeletons of four classes or more (most populous match). The whole run of
 * rare words first, then single words, longest first.
 */
function transliterated(
  gaz: Gazetteer,
  freq: WordCounts,
  tokens: readonly Token[],
  start: number,
  end: number,
  roles: ReadonlyArray<{ role: CueRole; token: number }>,
  countries: readonly string[],
): { geo: GeoInfo; token: number; kind: null } | null {
  const cueTokens = new Set(roles.map((r) => r.token));
  const words: Array<{ token: number; fold: string }> = [];
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (!isWord(t) || cueTokens.has(i)) continue;
    const fold = wordForms(t.fold, t.base, t.prefixes).at(-1)?.key ?? t.fold;
    if ((freq.get(t.fold) ?? 0) > COMMON_WORD || (freq.get(`ال${fold}`) ?? 0) > COMMON_WORD || (freq.get(fold) ?? 0) > COMMON_WORD) continue;
    words.push({ token: i, fold });
  }
  if (!words.length) return null;
  const tries: Array<{ token: number; skeleton: string }> = [];
  if (words.length > 1) tries.push({ token: words[0].token, skeleton: arabicSkeleton(words.map((w) => w.fold).join(' ')) });
  for (const w of [...words].sort((a, b) => b.fold.length - a.fold.length)) tries.push({ token: w.token, skeleton: arabicSkeleton(w.fold) });
  for (const { token, skeleton } of tries) {
    if (skeleton.length < 3) continue;
    let best: number | null = null;
    for (const [rank, country] of countries.slice(0, 2).entries()) {
      if (rank > 0 && skeleton.length < 4) break;
      for (const i of skeletonIndex(gaz, country).get(skeleton) ?? []) {
        if (best === null || gaz.latin[i].population > gaz.latin[best].population) best = i;
      }
      if (best !== null) break; // the first country with a match wins
    }
    if (best !== null) {
      const p = gaz.latin[best];
      return {
        geo: { country: p.country, region: regionName(gaz, p.regionCode), lat: p.lat, lon: p.lon, precision: 'town', name: p.name },
        token,
        kind: null,
      };
    }
  }
  return null;
}
/** A word this frequent in the news corpus is a word, not an unlisted place name. */
const COMMON_WORD = 30;

// a phrase is geocoded the same way every time it is seen with the same hint
const geocodeCache = new Map<string, GeoInfo | null>();
const GEOCODE_CACHE_LIMIT = 50_000;

/**
 * Resolve a place phrase as written in the text: "بالأنبار", "في محافظة الأنبار",
 * "شمال بغداد", "قاعدة عين الأسد الجوية", "جنوب تركيا", "الضاحية الجنوبية لبيروت",
 * "ريف إدلب", "100 كلم شمال شرقي بغداد". Relative phrases get their anchor's
 * coordinates with a coarser precision. Returns null when nothing resolves.
 */
export function geocode(name: string, ctx: Context, hint: GeocodeHint = {}): GeoInfo | null {
  const cacheKey = `${name}\u0001${(hint.countries ?? []).join(',')}\u0001${hint.fallbackToCountry ? 1 : 0}`;
  const cached = geocodeCache.get(cacheKey);
  if (cached !== undefined) return cached && { ...cached };
  const gaz = gazetteer(ctx.resources);
  const cues = geoCues(ctx.resources);
  const norm = normalizeText(name);
  const { tokens } = tokenizeNormalized(norm, name, wordFrequencies(ctx.resources));
  const geo = geocodeTokens(gaz, cues, wordFrequencies(ctx.resources), tokens, 0, tokens.length, EMPTY_CONTEXT, hint);
  if (geocodeCache.size >= GEOCODE_CACHE_LIMIT) geocodeCache.clear();
  geocodeCache.set(cacheKey, geo);
  return geo && { ...geo };
}

// ------------------------------------------------------------------ the stage

const PLACE_LABELS = new Set(['GPE', 'LOC', 'FAC']);

/** The country of a nationality entity (الأمريكية → US), as a country-precision place. */
function nationalityGeo(gaz: Gazetteer, entity: Entity, tokens: readonly Token[]): GeoInfo | null {
  const keys: string[] = [wordKey(entity.norm)];
  for (let i = entity.tokenStart; i < entity.tokenEnd; i++) if (tokens[i]) keys.push(...wordForms(tokens[i].fold, tokens[i].base, tokens[i].prefixes).map((f) => f.key));
  for (const key of keys) {
    const iso = gaz.nationalities.get(key);
    const place = iso ? gaz.countries.get(iso) : undefined;
    if (place) return placeGeo(gaz, place);
  }
  return null;
}

export const resolvePlaces = defineStage({
  name: 'geo',
  requires: ['entities'],
  adds: ['geo'],
  run(doc: Doc, ctx: Context): Doc {
    if (!doc.entities?.length) return doc;
    const gaz = gazetteer(ctx.resources);
    const cues = geoCues(ctx.resources);
    const tokens = doc.tokens ?? [];
    const context = docContext(doc, ctx);
    const hint = { countries: articleCountries(doc, ctx) };
    const entities = doc.entities.map((entity) => {
      if (entity.geo) return entity;
      if (entity.nationality) {
        const geo = nationalityGeo(gaz, entity, tokens);
        return geo ? { ...entity, geo } : entity;
      }
      if (!PLACE_LABELS.has(entity.label)) return entity;
      const inTokens = entity.tokenEnd > entity.tokenStart && entity.tokenEnd <= tokens.length;
      const geo = inTokens
        ? geocodeTokens(gaz, cues, wordFrequencies(ctx.resources), tokens, entity.tokenStart, entity.tokenEnd, context, hint)
        : geocode(entity.text, ctx, hint);
      return geo ? { ...entity, geo } : entity;
    });
    return { ...doc, entities };
  },
});
