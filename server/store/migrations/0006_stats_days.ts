/**
 * Each finished office day's statistics, summed once (server/store/statsDays.ts): a range of
 * days is then combined from these rows instead of scanning every visit and step again. Counts
 * are integers; the durations that medians and percentiles need, one by one, are sorted
 * Float64Array blobs (milliseconds), and the check-ins' times a Uint16Array of UTC minutes of the
 * day, from which the hours follow in whatever time zone the office has when it asks (both in the
 * platform's byte order: little-endian wherever the office runs). Keyed by station id and
 * language, never by a name from the config. A cache of figures that the visits and steps
 * determine: a later migration that changes those rows, or what a day's figures are, empties
 * these tables, and the days are summed again on demand.
 */
export const sql = /* sql */ `
CREATE TABLE stats_days (
  day             TEXT PRIMARY KEY,
  arrivals        INTEGER NOT NULL,
  booked          INTEGER NOT NULL,
  registered      INTEGER NOT NULL,
  cancelled       INTEGER NOT NULL,
  arrival_minutes BLOB NOT NULL,
  visit_ms        BLOB NOT NULL
) STRICT;

CREATE TABLE stats_day_stations (
  day        TEXT NOT NULL,
  station_id TEXT NOT NULL,
  steps      INTEGER NOT NULL,
  arrivals   INTEGER NOT NULL,
  served     INTEGER NOT NULL,
  no_shows   INTEGER NOT NULL,
  skipped    INTEGER NOT NULL,
  wait_ms    BLOB NOT NULL,
  service_ms BLOB NOT NULL,
  PRIMARY KEY (day, station_id)
) STRICT;

CREATE TABLE stats_day_languages (
  day                 TEXT NOT NULL,
  language            TEXT NOT NULL,
  visits              INTEGER NOT NULL,
  interpreter_needed  INTEGER NOT NULL,
  interpreter_on_site INTEGER NOT NULL,
  PRIMARY KEY (day, language)
) STRICT, WITHOUT ROWID;
`;
