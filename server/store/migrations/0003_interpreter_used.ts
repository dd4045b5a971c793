/** Whether an on-site interpreter was ever with the household, for the statistics. */
export const sql = /* sql */ `
ALTER TABLE visits ADD COLUMN interpreter_used INTEGER NOT NULL DEFAULT 0;
CREATE INDEX visits_by_day ON visits (day, created_at);
`;
