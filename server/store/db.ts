import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

export type Db = Database.Database;

export class DatabaseFromTheFutureError extends Error {
  constructor(found: number, known = SCHEMA_VERSION) {
    super(
      `the database has schema version ${found}, but this Mötesplats knows only up to ${known}: ` +
        'upgrade Mötesplats, or restore a backup made by this version',
    );
    this.name = 'DatabaseFromTheFutureError';
  }
}

/**
 * Opens (creating if need be) the office database and brings its schema up to date.
 *
 * `synchronous=FULL` is set explicitly: better-sqlite3's build defaults to NORMAL in WAL mode,
 * where a power cut can lose the last commits, and an acked command must never be lost.
 * `secure_delete` zeroes erased content so that retention leaves no personal data behind in
 * free pages.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
  }
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Applies every pending migration in one transaction; refuses a database newer than the code. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new DatabaseFromTheFutureError(current);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (db.readonly)
    throw new Error(`the database needs migrating to version ${SCHEMA_VERSION}; open it writable`);
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
