// How a data file under src/resources/ is described, parsed and checked. The
// parsers here are pure (text in, typed value out) and report problems as
// "file:line: what is wrong"; reading the file is src/io/resources.ts's job.

export interface ResourceSpec<T> {
  /** Path under src/resources/, e.g. 'ar/weapons.tsv'. */
  file: string;
  /** Read as bytes instead of UTF-8 text. */
  binary?: boolean;
  /** Parse and validate; throw ResourceError on bad data. */
  parse(raw: string & Uint8Array, file: string): T;
  /**
   * For large values held in SharedArrayBuffers: their parts, which worker
   * threads receive without a copy (src/io/resources.ts, shareResources), and
   * the value again from them.
   */
  share?: { parts(value: T): unknown; fromParts(parts: unknown): T };
}

export interface ResourceLoader {
  load<T>(spec: ResourceSpec<T>): T;
}

export class ResourceError extends Error {
  constructor(file: string, line: number | null, message: string) {
    super(`${file}${line === null ? '' : `:${line}`}: ${message}`);
    this.name = 'ResourceError';
  }
}

export interface TsvRow {
  /** 1-based line number in the file, for error messages. */
  line: number;
  cells: string[];
}

/**
 * Parse a TSV file: `#` starts a comment line, blank lines are skipped, and the
 * first non-comment line is a header naming the columns. Every row must have
 * between `minColumns` and the header's number of cells.
 */
export function parseTsv(raw: string, file: string, minColumns = 1): { header: string[]; rows: TsvRow[] } {
  const lines = raw.split(/\r?\n/);
  let header: string[] | null = null;
  const rows: TsvRow[] = [];
  lines.forEach((text, index) => {
    const cells = tsvCells(text, file, index + 1, header, minColumns);
    if (!cells) return;
    if (!header) header = cells;
    else rows.push({ line: index + 1, cells });
  });
  if (!header) throw new ResourceError(file, null, 'no header line');
  return { header, rows };
}

/**
 * The trimmed cells of one line of a TSV file (see parseTsv), or null for a
 * comment or blank line; checked against the header once there is one.
 */
export function tsvCells(text: string, file: string, line: number, header: readonly string[] | null, minColumns: number): string[] | null {
  if (!text.trim() || text.startsWith('#')) return null;
  const cells = text.split('\t').map((c) => c.trim());
  if (header && (cells.length < minColumns || cells.length > header.length)) {
    throw new ResourceError(file, line, `expected ${minColumns}–${header.length} tab-separated columns (${header.join(', ')}), found ${cells.length}`);
  }
  return cells;
}

/** A TSV spec whose rows become records keyed by the header's column names. */
export function tsvRecords<K extends string>(
  file: string,
  columns: readonly K[],
  required: readonly K[] = columns,
): ResourceSpec<Array<Record<K, string> & { line: number }>> {
  return {
    file,
    parse(raw, name) {
      const { header, rows } = parseTsv(raw, name, required.length);
      columns.forEach((c, i) => {
        if (header[i] !== c) throw new ResourceError(name, null, `column ${i + 1} must be "${c}", found "${header[i] ?? ''}"`);
      });
      return rows.map(({ line, cells }) => {
        const rec = { line } as Record<K, string> & { line: number };
        columns.forEach((c, i) => {
          const v = cells[i] ?? '';
          if (required.includes(c) && !v) throw new ResourceError(name, line, `empty "${c}"`);
          (rec as Record<string, unknown>)[c] = v;
        });
        return rec;
      });
    },
  };
}

/** A JSON spec with a validator that throws ResourceError on a bad shape. */
export function jsonResource<T>(file: string, check: (value: unknown, file: string) => T): ResourceSpec<T> {
  return {
    file,
    parse(raw, name) {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        throw new ResourceError(name, null, `not valid JSON: ${(err as Error).message}`);
      }
      return check(value, name);
    },
  };
}
