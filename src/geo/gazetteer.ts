// The compiled gazetteer (src/resources/ar/geo/gazetteer.json, built by
// scripts/build-gazetteer.mjs) and the lookup tables made from it once per
// process: phrase key → places, first word → phrases (for scanning tokens),
// nationality adjective → country, and, on first use per country, the
// transliteration skeletons of the GeoNames places that have no Arabic name.
import { ResourceError, type ResourceLoader, type ResourceSpec } from '../resources/spec.js';
import type { EntityLabel, GeoInfo } from '../types.js';
import { phraseWords, wordKey } from './words.js';
import { latinSkeleton } from './translit.js';

export type PlaceKind =
  | 'country' | 'province' | 'region' | 'district' | 'area' | 'city' | 'town' | 'neighbourhood'
  | 'base' | 'airport' | 'crossing' | 'camp' | 'field' | 'port' | 'site';
export type Precision = NonNullable<GeoInfo['precision']>;

const KIND_PRECISION: Record<PlaceKind, Precision> = {
  country: 'country', province: 'region', region: 'region', district: 'district', area: 'district',
  city: 'town', town: 'town', neighbourhood: 'town',
  base: 'site', airport: 'site', crossing: 'site', camp: 'site', field: 'site', port: 'site', site: 'site',
};
const KIND_LABEL: Record<PlaceKind, EntityLabel> = {
  country: 'GPE', province: 'GPE', region: 'GPE', district: 'GPE', city: 'GPE', town: 'GPE',
  area: 'LOC', neighbourhood: 'LOC',
  base: 'FAC', airport: 'FAC', crossing: 'FAC', camp: 'FAC', field: 'FAC', port: 'FAC', site: 'FAC',
};
/** Coarseness order of precisions, finest first. */
export const PRECISION_ORDER: readonly Precision[] = ['site', 'town', 'district', 'region', 'country'];

export interface Place {
  index: number;
  name: string;
  kind: PlaceKind;
  country: string;
  /** Admin1 code, "IQ.01". */
  regionCode: string | null;
  lat: number | null;
  lon: number | null;
  population: number;
  precision: Precision;
  label: EntityLabel;
  /** A common word: matched in running text only after a head or cue word. */
  cue: boolean;
  /** Counts only without the article (مالي, not المالي). */
  bare: boolean;
  /** Coordinates borrowed from a nearby town. */
  approx: boolean;
}

export interface Phrase {
  /** Word keys after the first. */
  rest: string[];
  key: string;
}

export interface LatinPlace {
  name: string;
  country: string;
  regionCode: string | null;
  lat: number;
  lon: number;
  population: number;
}

export interface Gazetteer {
  places: Place[];
  /** Phrase key → indices into places. */
  byKey: Map<string, number[]>;
  /** First word key → phrases starting with it, longest first. */
  byFirst: Map<string, Phrase[]>;
  /** Nationality word key (any form: عراقي، عراقيه، عراقيون) → ISO code. */
  nationalities: Map<string, string>;
  /** Admin1 code → Arabic province name. */
  regions: Map<string, string>;
  /** ISO code → the country's place. */
  countries: Map<string, Place>;
  /** ISO code → its capital's place. */
  capitals: Map<string, Place>;
  latin: LatinPlace[];
  /**
   * "key\u0001index" of names whose first word is written without the article,
   * and of names written with it. A token with the article only matches a name
   * written bare if the name is also written with it: السورية is the adjective,
   * not the country سورية; المالي is "financial", not Mali.
   */
  writtenBare: Set<string>;
  writtenWithArticle: Set<string>;
  /** Longest phrase, in words. */
  maxWords: number;
  /** Transliteration skeleton → latin indices, built per country on first use. */
  skeletons: Map<string, Map<string, number[]>>;
}

type RawPlace = [string, string[], PlaceKind, string, string | null, number | null, number | null, number, string[]];
type RawLatin = [string, string, string, number, number, number];

interface RawGazetteer {
  version: number;
  places: RawPlace[];
  regions: Record<string, string>;
  capitals: Record<string, number>;
  nationalities: Record<string, string>;
  latin: RawLatin[];
}

function check(value: unknown, file: string): RawGazetteer {
  const v = value as RawGazetteer;
  if (!v || v.version !== 1 || !Array.isArray(v.places) || !Array.isArray(v.latin) || typeof v.regions !== 'object') {
    throw new ResourceError(file, null, 'not a version 1 gazetteer (rebuild it with node scripts/build-gazetteer.mjs)');
  }
  v.places.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 9 || typeof p[0] !== 'string' || !(p[2] in KIND_PRECISION)) {
      throw new ResourceError(file, null, `place ${i} is malformed: ${JSON.stringify(p).slice(0, 120)}`);
    }
  });
  return v;
}

/** Nationality adjective forms: عراقي → عراقي، عراقيه، عراقيون، عراقيين، عراقيات، عراقيتين. */
function nationalityForms(adjective: string): string[] {
  const base = phraseWords(adjective).map(wordKey).join(' ');
  if (!base.endsWith('ي')) return [base];
  return [base, `${base}ه`, `${base}ون`, `${base}ين`, `${base}ات`, `${base}تين`, `${base}تان`];
}

export function compileGazetteer(raw: RawGazetteer): Gazetteer {
  const places: Place[] = raw.places.map(([name, , kind, country, regionCode, lat, lon, population, flags], index) => ({
    index,
    name,
    kind,
    country,
    regionCode,
    lat,
    lon,
    population,
    precision: KIND_PRECISION[kind],
    label: KIND_LABEL[kind],
    cue: flags.includes('cue'),
    bare: flags.includes('bare'),
    approx: flags.includes('approx'),
  }));
  const byKey = new Map<string, number[]>();
  const byFirst = new Map<string, Phrase[]>();
  const writtenBare = new Set<string>();
  const writtenWithArticle = new Set<string>();
  let maxWords = 1;
  raw.places.forEach(([name, variants], index) => {
    for (const written of [name, ...variants]) {
      const folded = phraseWords(written);
      const words = folded.map(wordKey);
      if (!words.length) continue;
      const key = words.join(' ');
      (words[0] === folded[0] ? writtenBare : writtenWithArticle).add(`${key}\u0001${index}`);
      const list = byKey.get(key);
      if (list) {
        if (!list.includes(index)) list.push(index);
        continue;
      }
      byKey.set(key, [index]);
      const phrases = byFirst.get(words[0]) ?? [];
      phrases.push({ rest: words.slice(1), key });
      byFirst.set(words[0], phrases);
      maxWords = Math.max(maxWords, words.length);
    }
  });
  for (const phrases of byFirst.values()) phrases.sort((a, b) => b.rest.length - a.rest.length);
  const nationalities = new Map<string, string>();
  for (const [adjective, iso] of Object.entries(raw.nationalities)) for (const f of nationalityForms(adjective)) nationalities.set(f, iso);
  const countries = new Map<string, Place>();
  for (const p of places) if (p.kind === 'country') countries.set(p.country, p);
  const capitals = new Map<string, Place>();
  for (const [iso, i] of Object.entries(raw.capitals)) if (places[i]) capitals.set(iso, places[i]);
  const latin = raw.latin.map(([name, country, admin, lat, lon, population]) => ({
    name,
    country,
    regionCode: admin ? `${country}.${admin}` : null,
    lat,
    lon,
    population,
  }));
  return {
    places,
    byKey,
    byFirst,
    nationalities,
    regions: new Map(Object.entries(raw.regions)),
    countries,
    capitals,
    latin,
    writtenBare,
    writtenWithArticle,
    maxWords,
    skeletons: new Map(),
  };
}

/** ar/geo/gazetteer.json, compiled into lookup tables once per process. */
export const GAZETTEER: ResourceSpec<Gazetteer> = {
  file: 'ar/geo/gazetteer.json',
  parse(raw, file) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new ResourceError(file, null, `not valid JSON: ${(err as Error).message}`);
    }
    return compileGazetteer(check(value, file));
  },
};

export function gazetteer(resources: ResourceLoader): Gazetteer {
  return resources.load(GAZETTEER);
}

/** The GeoNames places of one country keyed by transliteration skeleton (built on first use). */
export function skeletonIndex(gaz: Gazetteer, country: string): Map<string, number[]> {
  let index = gaz.skeletons.get(country);
  if (index) return index;
  index = new Map();
  gaz.latin.forEach((p, i) => {
    if (p.country !== country) return;
    const key = latinSkeleton(p.name, country);
    if (key.length < 3) return;
    const list = index!.get(key);
    if (list) list.push(i);
    else index!.set(key, [i]);
  });
  gaz.skeletons.set(country, index);
  return index;
}

/** The region (province) name of an admin1 code: the Arabic name when the gazetteer has it, else the code. */
export function regionName(gaz: Gazetteer, code: string | null): string | null {
  if (!code) return null;
  return gaz.regions.get(code) ?? code;
}

/** GeoInfo of a named place at a given precision (the place's own unless coarsened). */
export function placeGeo(gaz: Gazetteer, place: Place, precision: Precision = ownPrecision(place)): GeoInfo {
  return {
    country: place.country,
    region: place.kind === 'province' ? place.name : place.kind === 'country' ? null : regionName(gaz, place.regionCode),
    lat: place.lat,
    lon: place.lon,
    precision,
    name: place.name,
  };
}

/** A place's precision: a town whose coordinates are borrowed from a neighbour is only district-precise. */
export function ownPrecision(place: Place): Precision {
  if (place.approx && (place.kind === 'town' || place.kind === 'city')) return 'district';
  return place.precision;
}

export function coarser(a: Precision, b: Precision): Precision {
  return PRECISION_ORDER.indexOf(a) >= PRECISION_ORDER.indexOf(b) ? a : b;
}
