import pg from 'pg';
import { DatabaseFromTheFutureError } from '../db.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema.js';

/** `bigint` columns hold milliseconds and sequence numbers, far below 2^53: read them as numbers. */
function int8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`a bigint beyond 2^53 cannot be read: ${value}`);
  return n;
}

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? int8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool of connections to the region's database; one office's writer holds one at a time. */
export function connect(
  url: string,
  options: { max?: number; onIdleError?: (error: Error) => void } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    // A server that does not answer a connect is a storage fault after 5 s, not a wait of the
    // operating system's minutes; an idle connection is kept a minute, with its named statements.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 60_000,
    keepAlive: true,
    types,
    application_name: 'motesplats',
  });
  // An idle connection that the server closed (a restart, a failover) is dropped by the pool and
  // opened anew when needed; unheard, the pool's 'error' event would end the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  return pool;
}

/** Serialises migrations between nodes that start at once: a lock on this key, for the transaction. */
const MIGRATION_LOCK = 7_200_101;

/**
 * Brings the schema up to date in one transaction; refuses a database newer than the code, as
 * the SQLite store does.
 */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  // A lost connection fails the statement in flight, which is what this answers; unheard, its
  // error event would end the process.
  let broken = false;
  const lost = () => (broken = true);
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const found = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const current = found?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) throw new DatabaseFromTheFutureError(current, PG_SCHEMA_VERSION);
    for (const m of PG_MIGRATIONS.filter((m) => m.version > current)) await client.query(m.sql);
    if (!found) await client.query('INSERT INTO schema_version VALUES ($1)', [PG_SCHEMA_VERSION]);
    else await client.query('UPDATE schema_version SET version = $1', [PG_SCHEMA_VERSION]);
    await client.query('COMMIT');
    return PG_SCHEMA_VERSION;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}

/** A small pool whose transactions can only read: the statistics worker's own connections. */
export function connectReader(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    types,
    application_name: 'motesplats-stats',
    options: '-c default_transaction_read_only=on',
  });
  pool.on('error', () => undefined);
  return pool;
}
