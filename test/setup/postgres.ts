import type { TestProject } from 'vitest/node';
import { connect, migrate } from '../../server/store/postgres/connect.js';
import { startPostgres } from '../helpers/postgres.js';

/** The database every test server's own database is copied from: migrated once, up front. */
export const TEMPLATE_DATABASE = 'motesplats_template';

/**
 * The suites that run against PostgreSQL share one server that this starts (a real one, in a
 * temp folder: test/helpers/postgres.ts); each test server gets a database of its own, copied
 * from a migrated template (test/helpers/testStore.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const template = await server.createDatabase(TEMPLATE_DATABASE);
  const pool = connect(template, { max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  project.provide('postgresServer', `postgres://postgres@127.0.0.1:${server.port}`);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared PostgreSQL server's URL without a database, when the PostgreSQL suites run. */
    postgresServer: string;
  }
}
