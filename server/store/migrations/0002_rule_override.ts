/** A desk can restore a step that a station's age rule passed by; the step remembers it. */
export const sql = /* sql */ `
ALTER TABLE visit_steps ADD COLUMN rule_override INTEGER NOT NULL DEFAULT 0;
`;
