import { sql as initial } from './0001_initial.js';
import { sql as ruleOverride } from './0002_rule_override.js';
import { sql as interpreterUsed } from './0003_interpreter_used.js';
import { sql as erasures } from './0004_erasures.js';
import { sql as stepDay } from './0005_step_day.js';
import { sql as statsDays } from './0006_stats_days.js';

/** Numbered migrations, applied in order; a migration, once released, never changes. */
export const MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'rule_override', sql: ruleOverride },
  { version: 3, name: 'interpreter_used', sql: interpreterUsed },
  { version: 4, name: 'erasures', sql: erasures },
  { version: 5, name: 'step_day', sql: stepDay },
  { version: 6, name: 'stats_days', sql: statsDays },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
