/** A table's columns (but its office_id) with their PostgreSQL types, in the table's order. */
export type Columns = readonly (readonly [name: string, type: 'text' | 'bigint' | 'integer' | 'bytea'])[];

/** Column-wise arrays of the rows, for `unnest`. */
export function arraysOf(columns: Columns, rows: readonly object[]): unknown[][] {
  return columns.map(([name]) => rows.map((r) => (r as Record<string, unknown>)[name] ?? null));
}

/**
 * One INSERT for any number of rows: the office id as $1, then one array per column, unnested
 * into rows. A group of commands thus costs one round trip per table, not one per row.
 */
export function rowsInsert(table: string, columns: Columns): string {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ');
  return `INSERT INTO ${table} (office_id, ${names}) SELECT $1, * FROM unnest(${arrays})`;
}

/** `rowsInsert`, replacing the row of the same key (each key at most once per statement). */
export function upsert(table: string, columns: Columns, keys: readonly string[]): string {
  return `${rowsInsert(table, columns)} ${onConflict(columns, keys)}`;
}

/** `ON CONFLICT … DO UPDATE` of every column but the keys, for rows keyed by office and `keys`. */
function onConflict(columns: Columns, keys: readonly string[] | 'nothing'): string {
  if (keys === 'nothing') return 'ON CONFLICT DO NOTHING';
  const set = columns
    .map(([name]) => name)
    .filter((name) => !keys.includes(name))
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
  return `ON CONFLICT (office_id, ${keys.join(', ')}) DO UPDATE SET ${set}`;
}

/**
 * A group's writes as one statement: the office's row moved on first (`o`, which matches only
 * while its head is where the writer believes), then every table's rows as data-modifying CTEs
 * that write only if `o` did. One round trip for the whole group, however many tables it
 * touches; PostgreSQL checks the foreign keys at the end of the statement.
 */
export class GroupStatement {
  readonly values: unknown[];
  private readonly writes: string[] = [];

  constructor(officeId: string) {
    this.values = [officeId];
  }

  private param(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }

  /** Rows of `table` (column-wise arrays, unnested), replacing those of the same key. */
  upsert(
    table: string,
    columns: Columns,
    rows: readonly object[],
    keys?: readonly string[] | 'nothing',
  ): void {
    if (rows.length === 0) return;
    const names = columns.map(([name]) => name).join(', ');
    const arrays = arraysOf(columns, rows)
      .map((values, i) => this.param(values, `${columns[i]![1]}[]`))
      .join(', ');
    this.writes.push(
      `INSERT INTO ${table} (office_id, ${names}) SELECT $1, * FROM unnest(${arrays})
       WHERE EXISTS (SELECT 1 FROM o) ${keys ? onConflict(columns, keys) : ''}`,
    );
  }

  /** Removes the office's rows of `table` whose `key` is one of `values`. */
  remove(table: string, key: string, values: readonly string[]): void {
    if (values.length === 0) return;
    this.writes.push(
      `DELETE FROM ${table} WHERE office_id = $1 AND ${key} = ANY (${this.param(values, 'text[]')})
       AND EXISTS (SELECT 1 FROM o)`,
    );
  }

  private written = false;

  /**
   * The statement, with the office's row: its head moved to `head` if `expectedHead` is where it
   * stands (no check without one: nothing is appended) and none of the `unseen` command ids was
   * committed before, its day and config where given. It returns `written`: 1, or 0 when the
   * head had moved on or an id was a retry (nothing was written).
   */
  text(office: {
    head: number | null;
    expectedHead: number | null;
    unseen: readonly string[];
    day: string | null;
    config: string | null;
    configAt: number | null;
  }): string {
    // Its values are added as it is written: a second call would number them anew.
    if (this.written) throw new Error('a group statement is written once');
    this.written = true;
    const update = `UPDATE offices SET head = coalesce(${this.param(office.head, 'bigint')}, head),
        day = coalesce(${this.param(office.day, 'text')}, day),
        config = coalesce(${this.param(office.config, 'text')}, config),
        config_updated_at = coalesce(${this.param(office.configAt, 'bigint')}, config_updated_at)
      WHERE id = $1 AND (${this.param(office.expectedHead, 'bigint')} IS NULL OR head = $${this.values.length}::bigint)
      ${
        office.unseen.length === 0
          ? ''
          : `AND NOT EXISTS (SELECT 1 FROM commands WHERE office_id = $1
               AND command_id = ANY (${this.param(office.unseen, 'text[]')}))`
      }
      RETURNING 1`;
    const ctes = [`o AS (${update})`, ...this.writes.map((w, i) => `w${i} AS (${w})`)];
    return `WITH ${ctes.join(',\n')}\nSELECT count(*)::int AS written FROM o`;
  }
}
