/** The retention job's record: what class of data it erased, for how many visits, when; never what. */
export const sql = /* sql */ `
CREATE TABLE erasures (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  data_class TEXT NOT NULL,
  agency     TEXT,
  before_day TEXT NOT NULL,
  visits     INTEGER NOT NULL
) STRICT;
CREATE INDEX erasures_by_time ON erasures (at);
-- The retention job finds each day's booking list in the log without reading the whole log.
CREATE INDEX events_imports ON events (at) WHERE type = 'appointments_imported';
`;
