import { sql as initial } from './0001_initial.js';

/** Numbered migrations, applied in order; a migration, once released, never changes. */
export const MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}[] = [{ version: 1, name: 'initial', sql: initial }];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
