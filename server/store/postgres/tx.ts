import type pg from 'pg';
import { asStorageFault, isPgStorageFault } from './faults.js';

/** Anything that runs a statement: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** A fault of the database itself, in the form the engine knows; anything else as it was. */
const mapped = (error: unknown) => (isPgStorageFault(error) ? asStorageFault(error) : error);

/** One statement's rows; a broken connection or a full disk rejects as a storage fault. */
export async function rowsOf<R extends pg.QueryResultRow>(
  db: Queryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  try {
    return (await db.query<R>(text, values as unknown[])).rows;
  } catch (error) {
    throw mapped(error);
  }
}

/** One statement's rows as arrays of column values, in the order of the select list. */
export async function tuplesOf<R extends unknown[]>(
  db: Queryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  try {
    return (await db.query<R>({ text, values: values as unknown[], rowMode: 'array' })).rows;
  } catch (error) {
    throw mapped(error);
  }
}

/**
 * `work` in one transaction on one connection of the pool: committed when it resolves, rolled
 * back when it throws. A connection that broke on the way is not handed out again.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapped(error);
  }
  let broken = false;
  const lost = () => (broken = true);
  client.on('error', lost);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken ||= isPgStorageFault(error);
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw mapped(error);
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}

/**
 * `work`'s reads in one snapshot: what another node commits meanwhile is in none of them or in
 * all, so that rows read from several tables belong to one moment of the log.
 */
export function inSnapshot<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}
