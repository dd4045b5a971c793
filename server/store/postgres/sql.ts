/** A table's columns (but its office_id) with their PostgreSQL types, in the table's order. */
export type Columns = readonly (readonly [name: string, type: 'text' | 'bigint' | 'integer'])[];

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
  const set = columns
    .map(([name]) => name)
    .filter((name) => !keys.includes(name))
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
  return `${rowsInsert(table, columns)} ON CONFLICT (office_id, ${keys.join(', ')}) DO UPDATE SET ${set}`;
}
