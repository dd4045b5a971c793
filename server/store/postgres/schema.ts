/**
 * The PostgreSQL schema: the SQLite tables of one office (server/store/migrations/), with every
 * row keyed by its office, so that many offices share one database and none sees another's
 * rows. Column names and meanings are SQLite's, so that one set of row mappers (visitRows.ts)
 * serves both stores. Times are milliseconds since the epoch in `bigint`, read back as numbers
 * (connect.ts). Numbered like SQLite's migrations and, like them, never changed once released.
 */
export interface PgMigration {
  readonly version: number;
  readonly sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    sql: /* sql */ `
CREATE TABLE offices (
  id                text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  config            text NOT NULL,
  config_updated_at bigint NOT NULL,
  day               text NOT NULL,
  -- The last sequence number of the office's log: read and moved under this row's lock, so
  -- that one office's commands are numbered without gaps and never interleave.
  head              bigint NOT NULL DEFAULT 0,
  created_at        bigint NOT NULL
);

CREATE TABLE events (
  office_id  text NOT NULL REFERENCES offices (id),
  seq        bigint NOT NULL,
  command_id text NOT NULL,
  at         bigint NOT NULL,
  type       text NOT NULL,
  visit_id   text,
  device_id  text NOT NULL,
  role       text NOT NULL,
  desk_id    text,
  officer    text,
  payload    text NOT NULL,
  PRIMARY KEY (office_id, seq)
);
CREATE INDEX events_by_visit ON events (office_id, visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX events_by_time ON events (office_id, at);
CREATE INDEX events_imports ON events (office_id, at) WHERE type = 'appointments_imported';

CREATE TABLE commands (
  office_id  text NOT NULL REFERENCES offices (id),
  command_id text NOT NULL,
  device_id  text NOT NULL,
  name       text NOT NULL,
  at         bigint NOT NULL,
  first_seq  bigint NOT NULL,
  last_seq   bigint NOT NULL,
  result     text NOT NULL,
  PRIMARY KEY (office_id, command_id)
);
CREATE INDEX commands_by_time ON commands (office_id, at);

CREATE TABLE visits (
  office_id            text NOT NULL REFERENCES offices (id),
  id                   text NOT NULL,
  day                  text NOT NULL,
  ticket               text NOT NULL,
  kind                 text NOT NULL,
  language             text NOT NULL,
  interpreter_language text,
  adults               integer NOT NULL,
  children             integer NOT NULL,
  consent              integer NOT NULL,
  appointment_at       bigint,
  created_at           bigint NOT NULL,
  status               text NOT NULL,
  ended_at             bigint,
  cancel_reason        text,
  current_step         integer,
  interpreter_id       text,
  interpreter_used     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (office_id, id),
  UNIQUE (office_id, day, ticket)
);
CREATE INDEX visits_active ON visits (office_id) WHERE status = 'active';
CREATE INDEX visits_by_day ON visits (office_id, day, created_at);

CREATE TABLE visit_steps (
  office_id      text NOT NULL,
  visit_id       text NOT NULL,
  idx            integer NOT NULL,
  station_id     text NOT NULL,
  status         text NOT NULL,
  queued_at      bigint,
  came_from      text,
  target_desk_id text,
  desk_id        text,
  called_at      bigint,
  last_called_at bigint,
  started_at     bigint,
  ended_at       bigint,
  recalls        integer NOT NULL,
  outcome        text,
  skip_reason    text,
  checklist      text NOT NULL,
  rule_override  integer NOT NULL DEFAULT 0,
  day            text NOT NULL,
  PRIMARY KEY (office_id, visit_id, idx),
  FOREIGN KEY (office_id, visit_id) REFERENCES visits (office_id, id)
);
CREATE INDEX visit_steps_by_day ON visit_steps (office_id, day, station_id);

CREATE TABLE visit_private (
  office_id    text NOT NULL,
  visit_id     text NOT NULL,
  booking_ref  text,
  members      text NOT NULL,
  status_token text,
  PRIMARY KEY (office_id, visit_id),
  UNIQUE (office_id, status_token),
  FOREIGN KEY (office_id, visit_id) REFERENCES visits (office_id, id)
);

CREATE TABLE notes (
  office_id  text NOT NULL,
  id         text NOT NULL,
  visit_id   text NOT NULL,
  at         bigint NOT NULL,
  visibility text NOT NULL,
  agency     text NOT NULL,
  station_id text NOT NULL,
  desk_id    text NOT NULL,
  officer    text NOT NULL,
  text       text,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, visit_id) REFERENCES visits (office_id, id)
);
CREATE INDEX notes_by_visit ON notes (office_id, visit_id);

CREATE TABLE appointments (
  office_id            text NOT NULL REFERENCES offices (id),
  day                  text NOT NULL,
  ref                  text NOT NULL,
  at                   bigint NOT NULL,
  language             text NOT NULL,
  interpreter_language text,
  adults               integer NOT NULL,
  children             integer NOT NULL,
  visit_id             text,
  PRIMARY KEY (office_id, day, ref)
);

CREATE TABLE interpreters (
  office_id text NOT NULL REFERENCES offices (id),
  id        text NOT NULL,
  day       text NOT NULL,
  language  text NOT NULL,
  mode      text NOT NULL,
  name      text NOT NULL,
  visit_id  text,
  PRIMARY KEY (office_id, id)
);

CREATE TABLE desk_sessions (
  office_id text NOT NULL REFERENCES offices (id),
  desk_id   text NOT NULL,
  officer   text NOT NULL,
  since     bigint NOT NULL,
  PRIMARY KEY (office_id, desk_id)
);

-- Everything else an office keeps (SQLite's meta): the retention job's marks.
CREATE TABLE office_meta (
  office_id text NOT NULL REFERENCES offices (id),
  key       text NOT NULL,
  value     text NOT NULL,
  PRIMARY KEY (office_id, key)
);

-- A device belongs to one office; tokens and pairing codes are SHA-256 hashes of long random
-- secrets, unique over the whole database, so that a token names its office.
CREATE TABLE devices (
  office_id       text NOT NULL REFERENCES offices (id),
  id              text NOT NULL,
  name            text NOT NULL,
  role            text NOT NULL,
  desk_id         text,
  token_hash      text UNIQUE,
  pairing_hash    text UNIQUE,
  pairing_expires bigint,
  created_at      bigint NOT NULL,
  paired_at       bigint,
  revoked_at      bigint,
  last_seen_at    bigint,
  PRIMARY KEY (office_id, id)
);

-- Officers' names are matched without regard to case, as SQLite's NOCASE does.
CREATE TABLE officers (
  office_id  text NOT NULL REFERENCES offices (id),
  name       text NOT NULL,
  pin_hash   text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (office_id, name)
);
CREATE UNIQUE INDEX officers_by_name ON officers (office_id, lower(name));

CREATE TABLE audit (
  office_id text NOT NULL REFERENCES offices (id),
  id        bigint NOT NULL,
  at        bigint NOT NULL,
  device_id text NOT NULL,
  officer   text,
  visit_id  text,
  action    text NOT NULL,
  PRIMARY KEY (office_id, id)
);
CREATE INDEX audit_by_visit ON audit (office_id, visit_id);
CREATE INDEX audit_by_time ON audit (office_id, at);

CREATE TABLE erasures (
  office_id  text NOT NULL REFERENCES offices (id),
  id         bigint NOT NULL,
  at         bigint NOT NULL,
  data_class text NOT NULL,
  agency     text,
  before_day text NOT NULL,
  visits     integer NOT NULL,
  PRIMARY KEY (office_id, id)
);
CREATE INDEX erasures_by_time ON erasures (office_id, at);
`,
  },
  {
    version: 2,
    sql: /* sql */ `
-- The statistics' finished days (SQLite's migration 6): figures summed once, durations as
-- float8 arrays in bytea, as SQLite keeps them in blobs.
CREATE TABLE stats_days (
  office_id       text NOT NULL REFERENCES offices (id),
  day             text NOT NULL,
  arrivals        integer NOT NULL,
  booked          integer NOT NULL,
  registered      integer NOT NULL,
  cancelled       integer NOT NULL,
  arrival_minutes bytea NOT NULL,
  visit_ms        bytea NOT NULL,
  PRIMARY KEY (office_id, day)
);
CREATE TABLE stats_day_stations (
  office_id  text NOT NULL REFERENCES offices (id),
  day        text NOT NULL,
  station_id text NOT NULL,
  steps      integer NOT NULL,
  arrivals   integer NOT NULL,
  served     integer NOT NULL,
  no_shows   integer NOT NULL,
  skipped    integer NOT NULL,
  wait_ms    bytea NOT NULL,
  service_ms bytea NOT NULL,
  PRIMARY KEY (office_id, day, station_id)
);
CREATE TABLE stats_day_languages (
  office_id           text NOT NULL REFERENCES offices (id),
  day                 text NOT NULL,
  language            text NOT NULL,
  visits              integer NOT NULL,
  interpreter_needed  integer NOT NULL,
  interpreter_on_site integer NOT NULL,
  PRIMARY KEY (office_id, day, language)
);

-- Audit and erasure records are numbered by the database, in the order they were written (one
-- sequence for all offices: an office's numbers grow, with gaps). An office copied from SQLite
-- keeps its own numbers, and the sequence is moved past them (copyFromSqlite.ts).
CREATE SEQUENCE audit_ids;
ALTER TABLE audit ALTER COLUMN id SET DEFAULT nextval('audit_ids');
SELECT setval('audit_ids', greatest(1, (SELECT max(id) FROM audit)));
CREATE SEQUENCE erasure_ids;
ALTER TABLE erasures ALTER COLUMN id SET DEFAULT nextval('erasure_ids');
SELECT setval('erasure_ids', greatest(1, (SELECT max(id) FROM erasures)));

-- Devices listed in the order they were added, as SQLite's rowid gives it.
ALTER TABLE devices ADD COLUMN n bigserial;

-- The statistics' reads of a day's visits, as SQLite's visits_by_day serves them.
CREATE INDEX visits_active_days ON visits (office_id, day) WHERE status = 'active';
`,
  },
  {
    version: 3,
    sql: /* sql */ `
-- Between a region's nodes (@socket.io/postgres-adapter): a message too large for a NOTIFY
-- (8000 bytes) goes through this table, and the adapter deletes rows older than 30 s.
CREATE TABLE socket_io_attachments (
  id          bigserial UNIQUE,
  created_at  timestamptz DEFAULT now(),
  payload     bytea
);
`,
  },
  {
    version: 4,
    sql: /* sql */ `
-- The region's devices (server/region/): paired like an office's, but of no office, so that
-- they see every office's figures side by side and none of their visits. Token and pairing
-- code as SHA-256 hashes, unique, as devices' are.
CREATE TABLE region_devices (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  token_hash      text UNIQUE,
  pairing_hash    text UNIQUE,
  pairing_expires bigint,
  created_at      bigint NOT NULL,
  paired_at       bigint,
  revoked_at      bigint,
  last_seen_at    bigint,
  n               bigserial
);
`,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;
