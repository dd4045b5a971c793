import { officeDay } from '../../shared/day.js';
import { AGENCIES, type Agency, type DataClass, type OfficeConfig } from '../../shared/office.js';

const DAY_MS = 86_400_000;

export interface Erasure {
  readonly dataClass: DataClass;
  readonly agency: Agency | null;
  /** Visits of days before this one had this class erased. */
  readonly beforeDay: string;
  /** Visits that had data of this class erased in this run (a booking list's entries are no visit). */
  readonly visits: number;
}

/** The first day whose personal data of a class (and agency, for notes) is still kept. */
function keptFrom(config: OfficeConfig, now: number, dataClass: DataClass, agency: Agency | null): string {
  const { retention } = config;
  const days =
    retention.overrides.find((o) => o.dataClass === dataClass && o.agency === agency)?.days ??
    retention.overrides.find((o) => o.dataClass === dataClass && o.agency === null)?.days ??
    retention.days;
  return officeDay(now - days * DAY_MS, config.timeZone);
}

/** The visits of days from `since` up to `before`: those a run erases. */
export interface DayWindow {
  readonly before: string;
  readonly since: string;
}

/** One class's (and agency's) part of a run: its mark, and the days it erases. */
export interface ErasureRun extends DayWindow {
  readonly dataClass: DataClass;
  readonly agency: Agency | null;
  /** Where the store keeps `before` for the next run. */
  readonly key: string;
}

export interface RetentionPlan {
  readonly runs: readonly ErasureRun[];
  /** Status-page tokens: secrets with no use after their day. */
  readonly tokens: DayWindow & { readonly key: string };
  /** The command records kept for idempotent retries go after a day. */
  readonly commandsBefore: number;
}

export const TOKENS_KEY = 'retention:tokens';

/**
 * Erases personal data once its retention period has passed: household members' names and birth
 * dates, booking references and note texts, in the projection and in the event log alike (the
 * log's one exception to append-only: the law's erasure comes first). Every statement runs on
 * every run, whatever the projection says: the log can hold data the projection no longer shows
 * (names later cleared), and a booking list holds references no visit ever took up. Statistics
 * do not change, since they use no personal field: neither do the finished days' rollups
 * (server/store/statsDays.ts), which are kept as they are. Each erasure is recorded: class, number
 * of visits, when; never what. This is the policy, the same for both stores; each store's SQL
 * carries it out in one transaction (server/store/retention.ts, server/store/postgres/retention.ts).
 */
export function retentionPlan(
  config: OfficeConfig,
  now: number,
  lastRun: (key: string) => string | undefined,
): RetentionPlan {
  // Only the days that have turned old since the last run (with a week's slack for clock changes):
  // a daily run then touches one day of visits, not the whole year.
  const slack = (day: string) => officeDay(Date.parse(`${day}T12:00:00Z`) - 7 * DAY_MS, 'UTC');
  const run = (dataClass: DataClass, agency: Agency | null): ErasureRun => {
    const key = `retention:${dataClass}:${agency ?? '*'}`;
    const previous = lastRun(key);
    return {
      dataClass,
      agency,
      key,
      before: keptFrom(config, now, dataClass, agency),
      since: previous ? slack(previous) : '0000-00-00',
    };
  };
  return {
    runs: [run('household', null), run('booking_refs', null), ...AGENCIES.map((a) => run('notes', a))],
    tokens: {
      key: TOKENS_KEY,
      before: officeDay(now, config.timeZone),
      since: slack(lastRun(TOKENS_KEY) ?? '0001-01-08'),
    },
    commandsBefore: now - DAY_MS,
  };
}

/** Every mark a plan reads, for a store that reads them all before it plans. */
export const RETENTION_KEYS: readonly string[] = [
  'retention:household:*',
  'retention:booking_refs:*',
  ...AGENCIES.map((a) => `retention:notes:${a}`),
  TOKENS_KEY,
];
