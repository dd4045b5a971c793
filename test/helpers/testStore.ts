import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { officeDay } from '../../shared/day.js';
import type { OfficeConfig } from '../../shared/office.js';
import { connect } from '../../server/store/postgres/connect.js';
import { PostgresOfficeStore } from '../../server/store/postgres/officeStore.js';
import type { OfficeData } from '../../server/store/seam.js';
import { OfficeStore } from '../../server/store/store.js';
import { TEMPLATE_DATABASE } from '../setup/postgres.js';

/**
 * Which store the server's suites run against: SQLite, or the PostgreSQL that the `postgres`
 * project of vitest.config.ts starts (MOTESPLATS_TEST_STORE=postgres).
 */
export type StoreKind = 'sqlite' | 'postgres';
export const TEST_STORE: StoreKind = process.env.MOTESPLATS_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The office id a test server's database holds on PostgreSQL. */
export const TEST_OFFICE_ID = 'test-office';

/** Several test servers' offices in one PostgreSQL database, as a region runs them. */
export interface TestRegion {
  readonly database: string;
  readonly officeId: string;
  /** A PostgreSQL server of the test's own (`postgres://user@host:port`), else the project's shared one. */
  readonly server?: string;
}

export interface OpenedTestStore {
  readonly store: OfficeData;
  /** One read of the store's tables in SQL that both stores take (`?` for each parameter). */
  rows<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Closes what `rows` opened. */
  release(): Promise<void>;
  /**
   * A second connection to the same office, as the CLI opens one beside a running server: the
   * SQLite file, or the office in the PostgreSQL database. The caller closes it.
   */
  openBeside(): Promise<OfficeData>;
  /** On PostgreSQL: the database's URL, for a test's own connections to it. */
  readonly url?: string;
}

/**
 * A test server's store for the data folder `dir`: on SQLite its file; on PostgreSQL a database
 * of its own named after `dir`, copied from the migrated template, with one office seeded with
 * `seed`. A second call for the same `dir` (a restart) opens what the first left.
 */
export async function openTestStore(
  dir: string,
  seed: OfficeConfig,
  now: number,
  /** On PostgreSQL: a database and office of the test's choosing, so that offices share one. */
  region?: TestRegion,
  kind: StoreKind = TEST_STORE,
): Promise<OpenedTestStore> {
  if (kind === 'sqlite') {
    const store = OfficeStore.open(join(dir, 'motesplats.sqlite'));
    return {
      store,
      rows: <R>(sql: string, params: readonly unknown[] = []) =>
        Promise.resolve(store.db.prepare(sql).all(...params) as R[]),
      release: () => Promise.resolve(),
      openBeside: () => Promise.resolve(OfficeStore.open(join(dir, 'motesplats.sqlite'))),
    };
  }
  const server = region?.server ?? inject('postgresServer');
  const database = region?.database ?? `t_${createHash('sha256').update(dir).digest('hex').slice(0, 24)}`;
  const officeId = region?.officeId ?? TEST_OFFICE_ID;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE} STRATEGY FILE_COPY`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // it exists: a restart
  } finally {
    await admin.end();
  }
  const url = `${server}/${database}`;
  // The store's own pool settings: bigints read as numbers, as the store reads them.
  const reader = connect(url, { max: 1 });
  const known = await reader.query(`SELECT 1 FROM offices WHERE id = $1`, [officeId]);
  if (known.rowCount === 0)
    await PostgresOfficeStore.addOffice(reader, officeId, seed, officeDay(now, seed.timeZone), now);
  const store = await PostgresOfficeStore.connectOffice(url, officeId);
  return {
    store,
    async rows<R>(sql: string, params: readonly unknown[] = []) {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      return (await reader.query(text, params as unknown[])).rows as R[];
    },
    release: () => reader.end(),
    openBeside: () => PostgresOfficeStore.connectOffice(url, officeId),
    url,
  };
}
