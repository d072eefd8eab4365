// How records are written: JSON Lines (one record a line), one JSON array, or
// CSV (extract only: one event a row, the columns below, multi-valued cells
// joined with " | ").
import { stringify } from 'csv-stringify/sync';
import type { AttackEvent } from '../types.js';

export type OutputFormat = 'jsonl' | 'json' | 'csv';

/** The CSV columns of `rasd extract --format csv`, in order. */
export const CSV_COLUMNS = [
  'doc', 'doc_date', 'n', 'status',
  'attacker', 'attacker_norm', 'target',
  'location', 'location_country', 'location_lat', 'location_lon',
  'time_text', 'time_value', 'time_grain',
  'weapon', 'weapon_category', 'weapon_count',
  'killed', 'wounded', 'confidence', 'evidence',
] as const;

export const MULTI_VALUE_SEPARATOR = ' | ';

const cell = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const join = <T>(items: readonly T[] | undefined, pick: (item: T) => string | number | null | undefined): string =>
  (items ?? []).map((item) => cell(pick(item))).join(MULTI_VALUE_SEPARATOR);

/** One event as CSV cells, in CSV_COLUMNS order. */
export function eventCells(e: AttackEvent): string[] {
  return [
    e.doc, cell(e.doc_date), cell(e.n), e.status,
    join(e.attacker, (a) => a.text), join(e.attacker, (a) => a.norm), join(e.target, (t) => t.text),
    join(e.location, (l) => l.text), join(e.location, (l) => l.country), join(e.location, (l) => l.lat), join(e.location, (l) => l.lon),
    cell(e.time?.text), cell(e.time?.value), cell(e.time?.grain),
    join(e.weapon, (w) => w.text), join(e.weapon, (w) => w.category), join(e.weapon, (w) => w.count),
    cell(e.killed), cell(e.wounded), cell(e.confidence), join(e.evidence, (ev) => ev.text),
  ];
}

export function csvHeader(): string {
  return stringify([[...CSV_COLUMNS]]);
}

/** One CSV row, ending in a newline. */
export function csvRow(e: AttackEvent): string {
  return stringify([eventCells(e)]);
}

/**
 * Serialize one document's records for the format: JSON Lines and CSV chunks
 * end with a newline; for 'json' each string is one array element.
 */
export function serializeRecords(records: readonly unknown[], format: OutputFormat): string[] {
  if (format === 'csv') return records.map((r) => csvRow(r as AttackEvent));
  if (format === 'json') return records.map((r) => JSON.stringify(r));
  return records.map((r) => JSON.stringify(r) + '\n');
}
