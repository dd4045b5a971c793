import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../../shared/events.js';
import { DATA_CLASSES, WEEKDAYS } from '../../../../shared/office.js';
import { STEP_STATUSES } from '../../../../shared/visit.js';
import { ADMIN_TABS } from '../../../../renderer/src/screens/admin/adminStore.js';
import { fieldError } from '../../../../renderer/src/screens/admin/configDraft.js';
import { EDITOR_SECTIONS } from '../../../../renderer/src/screens/admin/configSections.js';
import { problemKey } from '../../../../renderer/src/screens/admin/importView.js';
import { CHART_IDS } from '../../../../renderer/src/screens/admin/statsCharts.js';
import { QUICK_RANGES } from '../../../../renderer/src/screens/admin/statsRange.js';
import { SUMMARY_MEASURES } from '../../../../renderer/src/screens/admin/statsTables.js';

/**
 * Every key the admin screen asks for must exist in both staff languages: a missing one shows
 * its key (or the other language) to the coordinator.
 */
const LOCALES = fileURLToPath(new URL('../../../../renderer/src/i18n/locales/', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../../../renderer/src/screens/admin/', import.meta.url));
type Catalog = { [key: string]: string | Catalog };
const load = (language: string): Catalog =>
  JSON.parse(readFileSync(`${LOCALES}${language}/admin.json`, 'utf8')) as Catalog;

function has(catalog: Catalog, key: string): boolean {
  const parts = key.split('.');
  let node: string | Catalog | undefined = catalog;
  for (const part of parts.slice(0, -1)) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'object') return false;
  const last = parts.at(-1)!;
  return typeof node[last] === 'string' || typeof node[`${last}_other`] === 'string';
}

/** Keys written out in the source as `t('…')` (the admin namespace's `t`). */
function staticKeys(): string[] {
  const keys = new Set<string>();
  for (const file of readdirSync(SOURCE)) {
    if (!/\.tsx?$/.test(file) || file === 'LanguageSwitch.tsx') continue;
    const text = readFileSync(`${SOURCE}${file}`, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) keys.add(m[1]!);
  }
  return [...keys].sort();
}

const EVENT_ACTIONS = [
  'visit_open',
  'visit_find',
  'checked_in',
  'visit_updated',
  'household_set',
  'called',
  'recalled',
  'serving_started',
  'returned_to_queue',
  'parked',
  'no_show',
  'note_added',
  'checklist_item_set',
  'handed_over',
  'step_completed',
  'step_skipped',
  'step_restored',
  'visit_completed',
  'visit_cancelled',
  'reinstated',
  'interpreter_attached',
  'interpreter_released',
  // The admin's own changes, recorded without a visit.
  'device_create',
  'device_rename',
  'device_renew_code',
  'device_revoke',
  'officer_set_pin',
  'config_changed',
  'appointments_imported',
  'interpreter_added',
  'interpreter_removed',
];

/** Keys the source builds from a value (`t(\`status.${status}\`)`), over every value they can take. */
function dynamicKeys(): string[] {
  const validation = new Set(
    [
      { code: 'too_small', origin: 'string' },
      { code: 'too_small', origin: 'array' },
      { code: 'too_small', origin: 'number' },
      { code: 'too_big', origin: 'string' },
      { code: 'too_big', origin: 'array' },
      { code: 'too_big', origin: 'number' },
      { code: 'invalid_type', received: 'NaN' },
      { code: 'invalid_type', expected: 'int' },
      { code: 'invalid_format' },
      { code: 'invalid_format', path: ['openingHours', 'mon', 'open'] },
      { code: 'custom', message: 'duplicate station id' },
      { code: 'custom', message: 'no station "x"' },
      { code: 'custom', message: 'station twice in the chain' },
      { code: 'custom', message: 'only notes belong to an agency' },
      { code: 'custom', message: 'booked and walk-in need different prefixes' },
      { code: 'other' },
    ].map((i) => fieldError({ path: ['x'], message: '', ...i }).key),
  );
  const problems = [
    'the file has no rows',
    'the file is empty',
    'the file is not valid CSV here',
    'the header has no "time" column',
    'time must be HH:MM',
    'reference must be 4–20 letters, digits, spaces or dashes',
    'unknown language',
    'the office does not offer this language',
    'adults must be a number from 1 to 20',
    'children must be a number from 0 to 20',
    'the same reference as line 3',
  ].map((m) => problemKey(m)!.key);
  const statsColumns = [
    'measure',
    'value',
    'station',
    'arrivals',
    'served',
    'noShows',
    'skipped',
    'waitMedian',
    'waitP90',
    'waitMax',
    'serviceMedian',
    'serviceP90',
    'serviceMax',
    'median',
    'p90',
    'max',
    'hour',
    'reached',
    'done',
    'language',
    'visits',
    'interpreterNeeded',
    'interpreterOnSite',
  ];
  return [
    ...ADMIN_TABS.map((k) => `tabs.${k}`),
    ...STEP_STATUSES.map((k) => `status.${k}`),
    ...WEEKDAYS.map((k) => `weekday.${k}`),
    ...DATA_CLASSES.map((k) => `dataClass.${k}`),
    ...ROLES.map((k) => `role.${k}`),
    ...EDITOR_SECTIONS.map((k) => `config.section.${k}`),
    ...[...validation].map((k) => `validation.${k}`),
    ...problems.map((k) => `appointments.problem.${k}`),
    ...['time', 'reference', 'language', 'adults', 'children'].map((k) => `appointments.csvColumn.${k}`),
    ...['sv', 'en'].map((k) => `config.checklist.new.${k}`),
    ...['keep', 'skip'].map((k) => `config.rule.unknown.${k}`),
    ...['paired', 'waiting', 'expired', 'revoked'].map((k) => `devices.state.${k}`),
    ...['onsite', 'phone'].map((k) => `interpreters.mode.${k}`),
    ...['active', 'waiting', 'atDesk', 'registered', 'cancelled', 'desksOpen'].map(
      (k) => `overview.totals.${k}`,
    ),
    ...QUICK_RANGES.map((k) => `stats.range.${k}`),
    ...['day', 'order', 'tooLong'].map((k) => `stats.problem.${k}`),
    ...SUMMARY_MEASURES.map((k) => `stats.measure.${k}`),
    ...statsColumns.map((k) => `stats.column.${k}`),
    ...CHART_IDS.map((k) => `stats.chart.title.${k}`),
    ...CHART_IDS.map((k) => `stats.table.${k}`),
    ...['summary', 'stations'].map((k) => `stats.table.${k}`),
    ...['empty', 'hours', 'waits', 'service', 'funnel', 'languages'].map((k) => `stats.chart.${k}`),
    ...[
      'arrivals',
      'median',
      'p90',
      'reached',
      'done',
      'visits',
      'interpreterNeeded',
      'interpreterOnSite',
    ].map((k) => `stats.series.${k}`),
    ...['count', 'minutes'].map((k) => `stats.unit.${k}`),
    ...EVENT_ACTIONS.map((k) => `audit.action.${k}`),
  ];
}

describe('admin catalogue', () => {
  const sv = load('sv');
  const en = load('en');

  it('finds the keys the source names', () => {
    expect(staticKeys().length).toBeGreaterThan(200);
  });

  it.each(['sv', 'en'])('has every key the screen uses in %s', (language) => {
    const catalog = language === 'sv' ? sv : en;
    const missing = [...staticKeys(), ...dynamicKeys()].filter((key) => !has(catalog, key));
    expect(missing).toEqual([]);
  });
});
