/**
 * The event log, the projection of the current state, devices and the audit trail.
 * Visitors' personal data lives only in `visit_private`, `notes.text`, `appointments.ref`
 * and the events' payloads, so that the retention job knows exactly where to erase.
 */
export const sql = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE office_config (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  config     TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Append-only; seq is the sequence number that screens see.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  command_id TEXT NOT NULL,
  at         INTEGER NOT NULL,
  type       TEXT NOT NULL,
  visit_id   TEXT,
  device_id  TEXT NOT NULL,
  role       TEXT NOT NULL,
  desk_id    TEXT,
  officer    TEXT,
  payload    TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_visit ON events (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX events_by_time ON events (at);

-- One row per committed command: the client-made id is unique, and a retry gets this result.
CREATE TABLE commands (
  command_id TEXT PRIMARY KEY,
  device_id  TEXT NOT NULL,
  name       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  first_seq  INTEGER NOT NULL,
  last_seq   INTEGER NOT NULL,
  result     TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX commands_by_time ON commands (at);

CREATE TABLE visits (
  id                   TEXT PRIMARY KEY,
  day                  TEXT NOT NULL,
  ticket               TEXT NOT NULL,
  kind                 TEXT NOT NULL,
  language             TEXT NOT NULL,
  interpreter_language TEXT,
  adults               INTEGER NOT NULL,
  children             INTEGER NOT NULL,
  consent              INTEGER NOT NULL,
  appointment_at       INTEGER,
  created_at           INTEGER NOT NULL,
  status               TEXT NOT NULL,
  ended_at             INTEGER,
  cancel_reason        TEXT,
  current_step         INTEGER,
  interpreter_id       TEXT,
  UNIQUE (day, ticket)
) STRICT;
CREATE INDEX visits_active ON visits (status) WHERE status = 'active';

CREATE TABLE visit_steps (
  visit_id       TEXT NOT NULL REFERENCES visits (id),
  idx            INTEGER NOT NULL,
  station_id     TEXT NOT NULL,
  status         TEXT NOT NULL,
  queued_at      INTEGER,
  came_from      TEXT,
  target_desk_id TEXT,
  desk_id        TEXT,
  called_at      INTEGER,
  last_called_at INTEGER,
  started_at     INTEGER,
  ended_at       INTEGER,
  recalls        INTEGER NOT NULL,
  outcome        TEXT,
  skip_reason    TEXT,
  checklist      TEXT NOT NULL,
  PRIMARY KEY (visit_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE visit_private (
  visit_id     TEXT PRIMARY KEY REFERENCES visits (id),
  booking_ref  TEXT,
  members      TEXT NOT NULL,
  status_token TEXT UNIQUE
) STRICT;

CREATE TABLE notes (
  id         TEXT PRIMARY KEY,
  visit_id   TEXT NOT NULL REFERENCES visits (id),
  at         INTEGER NOT NULL,
  visibility TEXT NOT NULL,
  agency     TEXT NOT NULL,
  station_id TEXT NOT NULL,
  desk_id    TEXT NOT NULL,
  officer    TEXT NOT NULL,
  text       TEXT
) STRICT;
CREATE INDEX notes_by_visit ON notes (visit_id);

CREATE TABLE appointments (
  day                  TEXT NOT NULL,
  ref                  TEXT NOT NULL,
  at                   INTEGER NOT NULL,
  language             TEXT NOT NULL,
  interpreter_language TEXT,
  adults               INTEGER NOT NULL,
  children             INTEGER NOT NULL,
  visit_id             TEXT,
  PRIMARY KEY (day, ref)
) STRICT, WITHOUT ROWID;

CREATE TABLE interpreters (
  id       TEXT PRIMARY KEY,
  day      TEXT NOT NULL,
  language TEXT NOT NULL,
  mode     TEXT NOT NULL,
  name     TEXT NOT NULL,
  visit_id TEXT
) STRICT;

CREATE TABLE desk_sessions (
  desk_id TEXT PRIMARY KEY,
  officer TEXT NOT NULL,
  since   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Tokens and pairing codes are stored as SHA-256 hashes; both are long random secrets.
CREATE TABLE devices (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  role              TEXT NOT NULL,
  desk_id           TEXT,
  token_hash        TEXT UNIQUE,
  pairing_hash      TEXT UNIQUE,
  pairing_expires   INTEGER,
  created_at        INTEGER NOT NULL,
  paired_at         INTEGER,
  revoked_at        INTEGER,
  last_seen_at      INTEGER
) STRICT;

-- PINs are short, so they are stored with scrypt and a salt.
CREATE TABLE officers (
  name       TEXT PRIMARY KEY COLLATE NOCASE,
  pin_hash   TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- Who read or changed which visit; never what was read.
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  officer   TEXT,
  visit_id  TEXT,
  action    TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_visit ON audit (visit_id);
CREATE INDEX audit_by_time ON audit (at);
`;
