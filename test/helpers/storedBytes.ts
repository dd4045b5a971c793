import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestServer } from './server.js';

const FILE = 'motesplats.sqlite';

/**
 * Every byte a test server's store holds on the disk. SQLite: the file, its WAL and its
 * shared-memory index. PostgreSQL: after a CHECKPOINT (which writes every changed page to its
 * file), every file of every table, TOAST table and index of the server's database; PostgreSQL's
 * own WAL is left out (see SECURITY.md: it is recycled, and archived where a region keeps it).
 */
export async function storedBytes(server: Pick<TestServer, 'kind' | 'dir' | 'rows'>): Promise<Buffer> {
  if (server.kind === 'sqlite') {
    const base = join(server.dir, FILE);
    return Buffer.concat([base, `${base}-wal`, `${base}-shm`].filter(existsSync).map((f) => readFileSync(f)));
  }
  await server.rows('CHECKPOINT');
  const [{ dir }] = (await server.rows<{ dir: string }>(
    `SELECT current_setting('data_directory') AS dir`,
  )) as [{ dir: string }];
  const files = await server.rows<{ path: string }>(
    `SELECT pg_relation_filepath(c.oid) AS path FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 't', 'i', 'm') AND c.relfilenode <> 0`,
  );
  const segments = files.flatMap(({ path }) => {
    const base = join(dir, path);
    const all: string[] = [];
    // A relation's file grows in segments of 1 GB: base, base.1, base.2, …
    for (let i = 0; existsSync(i === 0 ? base : `${base}.${i}`); i++)
      all.push(i === 0 ? base : `${base}.${i}`);
    return all;
  });
  return Buffer.concat(segments.map((f) => readFileSync(f)));
}

/** The values that appear anywhere in what the store holds on the disk. */
export async function storedValues(
  server: Pick<TestServer, 'kind' | 'dir' | 'rows'>,
  values: readonly string[],
): Promise<string[]> {
  const bytes = await storedBytes(server);
  return values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
}
