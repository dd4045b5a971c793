import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../helpers/postgres.js';

const missing = !postgresAvailable();
if (missing) console.warn('SKIPPED the PostgreSQL tests: not installed (`apt-get install -y postgresql`)');

// initdb and a first start take a few seconds; kill and start again, a second or two more.
const TIMEOUT = 120_000;

let pg: TestPostgres | undefined;
const clients: Client[] = [];

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  // A server killed under a connection reports it as an 'error' event, which would end the run.
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

describe.skipIf(missing)('the throwaway PostgreSQL for tests', () => {
  beforeAll(async () => {
    pg = await startPostgres();
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await pg?.stop();
    await pg?.stop(); // twice: stopping is idempotent
  }, TIMEOUT);

  it('is durable as configured, and keeps what it is given', async () => {
    const db = await connect(pg!.url);
    expect((await db.query('SHOW synchronous_commit')).rows[0]).toEqual({ synchronous_commit: 'on' });
    expect((await db.query('SHOW fsync')).rows[0]).toEqual({ fsync: 'on' });
    expect((await db.query('SELECT current_database() AS name')).rows[0]).toEqual({
      name: 'motesplats_test',
    });

    await db.query('CREATE TABLE visits (id integer PRIMARY KEY, language text NOT NULL)');
    await db.query("INSERT INTO visits VALUES (1, 'ar'), (2, 'ti')");
    const { rows } = await db.query('SELECT id, language FROM visits ORDER BY id');
    expect(rows).toEqual([
      { id: 1, language: 'ar' },
      { id: 2, language: 'ti' },
    ]);
  });

  it('makes databases of their own for tests that must not share', async () => {
    const url = await pg!.createDatabase('second');
    expect(url).toBe(`postgres://postgres@127.0.0.1:${pg!.port}/second`);
    const second = await connect(url);
    const { rows } = await second.query("SELECT to_regclass('visits') AS visits");
    expect(rows[0]).toEqual({ visits: null });
    await second.query('CREATE TABLE visits (id integer PRIMARY KEY)');
    await expect(pg!.createDatabase('second')).rejects.toThrow(/already exists/);
  });

  it(
    'keeps committed rows through a kill and a start on the same port',
    async () => {
      const before = await connect(pg!.url);
      await before.query("INSERT INTO visits VALUES (3, 'fa')");

      await pg!.kill();
      await expect(before.query('SELECT 1')).rejects.toThrow();
      await expect(connect(pg!.url)).rejects.toThrow();

      await pg!.start();
      const after = await connect(pg!.url);
      const { rows } = await after.query('SELECT id FROM visits ORDER BY id');
      expect(rows.map((r: { id: number }) => r.id)).toEqual([1, 2, 3]);
    },
    TIMEOUT,
  );
});
