import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { officeDay } from '../../../../shared/day.js';
import type { Statistics as Stats, StatsRange } from '../../../../shared/stats.js';
import { useOffice } from '../../stores/office.js';
import { serverNow } from '../../stores/session.js';
import { errorText } from '../../ui/errors.js';
import { BarChart } from './Chart.js';
import { dayText, languageName } from './format.js';
import { chartSpec, type ChartId } from './statsCharts.js';
import { statsActions, statsStore, useStats } from './statsStore.js';
import { RangeForm } from './RangeForm.js';
import { QUICK_RANGES, matchingQuickRange, quickRange } from './statsRange.js';
import { statsTable, type Names, type TableId } from './statsTables.js';
import { formatNumber, StatsTable } from './StatsTable.js';
import { useStaffLanguage } from './useStaffLanguage.js';

/**
 * The office's figures for a day or a range of days, from the event log: charts where a
 * picture says it faster, each with its table and CSV export beside it.
 */
export function Statistics() {
  const { t } = useTranslation('admin');
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const today = officeDay(serverNow(), timeZone);
  const stats = useStats((s) => s.stats);
  const loading = useStats((s) => s.loading);
  const error = useStats((s) => s.error);

  useEffect(() => {
    // First visit: today. Coming back asks again for the range last shown: today's figures move.
    void statsActions.load(statsStore.getState().range ?? quickRange('today', today));
  }, [today]);

  return (
    <div className="adm-stack">
      <h2 className="adm-section-title">{t('stats.title')}</h2>
      <RangePicker today={today} />
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {loading ? t('stats.loading') : stats ? t('stats.loaded', { count: stats.visits.arrivals }) : ''}
      </p>
      {stats && (
        <div className={`adm-stack${loading ? ' adm-stale' : ''}`} aria-busy={loading || undefined}>
          <Figures stats={stats} />
        </div>
      )}
    </div>
  );
}

function RangePicker({ today }: { today: string }) {
  const { t } = useTranslation('admin');
  const asked = useStats((s) => s.range);
  const loading = useStats((s) => s.loading);
  const [from, setFrom] = useState(asked?.from ?? today);
  const [to, setTo] = useState(asked?.to ?? today);
  const [problem, setProblem] = useState<string | null>(null);
  const quick = asked ? matchingQuickRange(asked, today) : null;

  function load(range: StatsRange) {
    setFrom(range.from);
    setTo(range.to);
    setProblem(null);
    void statsActions.load(range);
  }

  return (
    <div className="adm-card adm-range">
      <div className="adm-quick" role="group" aria-label={t('stats.quick')}>
        {QUICK_RANGES.map((pick) => (
          <button
            key={pick}
            type="button"
            className={`btn${quick === pick ? ' is-current' : ''}`}
            aria-pressed={quick === pick}
            onClick={() => load(quickRange(pick, today))}
          >
            {t(`stats.range.${pick}`)}
          </button>
        ))}
      </div>
      <RangeForm
        idPrefix="stats"
        today={today}
        from={from}
        to={to}
        onFrom={setFrom}
        onTo={setTo}
        problem={problem}
        onProblem={setProblem}
        loading={loading}
        onLoad={load}
        labels={{ from: t('stats.from'), to: t('stats.to'), show: t('stats.show') }}
        problemText={(bad) => t(`stats.problem.${bad}`)}
      />
    </div>
  );
}

function useNames(): Names {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  return useMemo(
    () => ({
      station: (_id, name) => name,
      language: (code) => languageName(code, language),
      measure: (key) => t(`stats.measure.${key}`),
    }),
    [t, language],
  );
}

const CHARTS: readonly { id: ChartId; table: TableId }[] = [
  { id: 'hours', table: 'hours' },
  { id: 'waits', table: 'stations' },
  { id: 'service', table: 'stations' },
  { id: 'funnel', table: 'funnel' },
  { id: 'languages', table: 'languages' },
];

function Figures({ stats }: { stats: Stats }) {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const names = useNames();
  const range = stats.range;
  const period =
    range.from === range.to
      ? dayText(range.from, language)
      : t('stats.period', { from: dayText(range.from, language), to: dayText(range.to, language) });
  const summary = useMemo(() => statsTable('summary', stats, names), [stats, names]);
  const stations = useMemo(() => statsTable('stations', stats, names), [stats, names]);
  const v = stats.visits;
  const cards: [string, string][] = [
    ['arrivals', formatNumber(v.arrivals, language)],
    ['registered', formatNumber(v.registered, language)],
    [
      'visitMedian',
      stats.visitMinutes.median === null
        ? '–'
        : t('minutes', { count: Math.round(stats.visitMinutes.median) }),
    ],
    ['cancelled', formatNumber(v.cancelled, language)],
  ];
  return (
    <>
      <section aria-labelledby="stats-summary-heading" className="adm-stack-sm">
        <h3 id="stats-summary-heading" className="adm-section-title">
          {period}
        </h3>
        <dl className="adm-totals">
          {cards.map(([key, value]) => (
            <div key={key}>
              <dt>{t(`stats.measure.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {v.arrivals === 0 && <p className="alert adm-alert-info">{t('stats.noVisits')}</p>}
      </section>
      {CHARTS.map((chart) => (
        <ChartBlock key={chart.id} id={chart.id} tableId={chart.table} stats={stats} names={names} />
      ))}
      <section aria-labelledby="stats-tables-heading" className="adm-card adm-stack-sm">
        <h3 id="stats-tables-heading" className="adm-section-title">
          {t('stats.tables')}
        </h3>
        <div className="adm-all-figures">
          <StatsTable table={summary} caption={t('stats.table.summary')} range={range} />
          <StatsTable table={stations} caption={t('stats.table.stations')} range={range} />
        </div>
      </section>
    </>
  );
}

function ChartBlock({
  id,
  tableId,
  stats,
  names,
}: {
  id: ChartId;
  tableId: TableId;
  stats: Stats;
  names: Names;
}) {
  const { t } = useTranslation('admin');
  const spec = useMemo(() => chartSpec(id, stats, names), [id, stats, names]);
  const table = useMemo(() => {
    const full = statsTable(tableId, stats, names);
    if (tableId !== 'stations') return full;
    // Beside a time chart, only the columns it draws (the full table is further down).
    const keep =
      id === 'waits'
        ? ['station', 'arrivals', 'waitMedian', 'waitP90', 'waitMax']
        : ['station', 'served', 'serviceMedian', 'serviceP90', 'serviceMax'];
    const index = keep.map((k) => full.columns.indexOf(k));
    // Short headings: the table's caption says which time it is.
    const columns = [keep[0]!, keep[1]!, 'median', 'p90', 'max'];
    return { id, columns, rows: full.rows.map((row) => index.map((i) => row[i] ?? null)) };
  }, [id, tableId, stats, names]);
  const seriesLabels = useMemo(() => spec.series.map((s) => t(`stats.series.${s.key}`)), [spec, t]);
  const headingId = `stats-${id}-heading`;
  const summary = t(`stats.${spec.summary.key}`, spec.summary.values);
  return (
    <section aria-labelledby={headingId} className="adm-card adm-stack-sm">
      <h3 id={headingId} className="adm-section-title">
        {t(`stats.chart.title.${id}`)}
      </h3>
      <p className="adm-muted">{summary}</p>
      <div className="adm-chart-row">
        <figure className="adm-figure">
          <BarChart
            spec={spec}
            seriesLabels={seriesLabels}
            yLabel={t(`stats.unit.${spec.unit}`)}
            summary={`${t(`stats.chart.title.${id}`)}. ${summary}`}
          />
          <figcaption className="visually-hidden">{t('stats.chartCaption')}</figcaption>
        </figure>
        <StatsTable table={table} caption={t(`stats.table.${id}`)} range={stats.range} />
      </div>
    </section>
  );
}
