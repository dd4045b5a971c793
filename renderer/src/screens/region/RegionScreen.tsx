import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { officeDay } from '../../../../shared/day.js';
import type { RegionFigures } from '../../../../shared/region.js';
import type { StatsRange } from '../../../../shared/stats.js';
import { setStaffLanguage, staffLanguage } from '../../i18n/index.js';
import { serverNow, useSession } from '../../stores/session.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { errorText } from '../../ui/errors.js';
import { BarChart } from '../admin/Chart.js';
import { csvFileName, tableCsv } from '../admin/csvExport.js';
import { downloadText } from '../admin/download.js';
import { clockTime, dayText } from '../admin/format.js';
import { LanguageSwitch } from '../admin/LanguageSwitch.js';
import { ScrollArea } from '../admin/ScrollArea.js';
import { formatNumber } from '../admin/StatsTable.js';
import { RangeForm } from '../admin/RangeForm.js';
import { addDays } from '../admin/statsRange.js';
import type { Cell, Table } from '../admin/statsTables.js';
import { useStaffLanguage } from '../admin/useStaffLanguage.js';
import {
  chartHasData,
  figuresTable,
  nowStationsTable,
  nowTable,
  REGION_CHARTS,
  regionChart,
  stationFiguresTable,
  type RegionChartId,
} from './regionTables.js';
import { regionActions, regionStore, useRegion } from './regionStore.js';
import '../admin/admin.css';
import './region.css';

/** The region's offices are Swedish: their days are reckoned in Stockholm's time. */
const TIME_ZONE = 'Europe/Stockholm';
const NOW_EVERY_MS = 30_000;
const QUICK = [
  ['week', 7],
  ['month', 30],
  ['year', 365],
] as const;

/**
 * The region's screen: every office of the region side by side, now and for a period. Counts and
 * durations only; the server sends nothing else to this device.
 */
export function RegionScreen() {
  const { t } = useTranslation('region');
  const deviceName = useSession((s) => s.device?.name ?? null);
  const online = useSession((s) => s.connection === 'online');

  useEffect(() => {
    void setStaffLanguage(staffLanguage());
  }, []);
  useEffect(() => {
    if (!online) return;
    void regionActions.loadNow();
    const timer = setInterval(() => void regionActions.loadNow(), NOW_EVERY_MS);
    if (!regionStore.getState().range) {
      const today = officeDay(serverNow(), TIME_ZONE);
      void regionActions.loadFigures({ from: addDays(today, -29), to: today });
    }
    return () => clearInterval(timer);
  }, [online]);

  return (
    <div className="adm rgn">
      <ConnectionBanner staff />
      <header className="adm-header">
        <div className="adm-title">
          <h1>{t('title')}</h1>
          <span className="adm-office">{t('subtitle')}</span>
        </div>
        <div className="adm-header-actions">
          {deviceName && <span className="adm-device">{t('device', { name: deviceName })}</span>}
          <LanguageSwitch />
        </div>
      </header>
      <main className="adm-main rgn-main">
        <Now />
        <Figures />
      </main>
    </div>
  );
}

function Now() {
  const { t } = useTranslation('region');
  const language = useStaffLanguage();
  const now = useRegion((s) => s.now);
  const error = useRegion((s) => s.nowError);
  const offices = useMemo(() => now && nowTable(now), [now]);
  const stations = useMemo(() => now && nowStationsTable(now), [now]);
  return (
    <section aria-labelledby="rgn-now-heading" className="adm-card adm-stack-sm">
      <div className="rgn-section-head">
        <h2 id="rgn-now-heading" className="adm-section-title">
          {t('now.title')}
        </h2>
        <button type="button" className="btn" onClick={() => void regionActions.loadNow()}>
          {t('now.refresh')}
        </button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {!now ? (
        <p>{t('loading')}</p>
      ) : now.offices.length === 0 ? (
        <p>{t('now.empty')}</p>
      ) : (
        <>
          <p className="adm-muted">{t('now.updated', { time: clockTime(now.at, language, TIME_ZONE) })}</p>
          <RegionTable table={offices!} caption={t('now.offices')} fileRange={null} />
          <details className="rgn-details">
            <summary>{t('now.stations')}</summary>
            <RegionTable table={stations!} caption={t('now.stations')} fileRange={null} />
          </details>
        </>
      )}
    </section>
  );
}

function Figures() {
  const { t } = useTranslation('region');
  const language = useStaffLanguage();
  const figures = useRegion((s) => s.figures);
  const loading = useRegion((s) => s.loading);
  const error = useRegion((s) => s.error);
  const range = figures?.range;
  return (
    <section aria-labelledby="rgn-figures-heading" className="adm-card adm-stack-sm">
      <h2 id="rgn-figures-heading" className="adm-section-title">
        {t('figures.title')}
      </h2>
      <RangePicker />
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {loading ? t('loading') : figures ? t('figures.loaded', { count: figures.offices.length }) : ''}
      </p>
      {figures && range && (
        <div className={`adm-stack${loading ? ' adm-stale' : ''}`} aria-busy={loading || undefined}>
          <h3 className="adm-section-title">
            {t('figures.period', { from: dayText(range.from, language), to: dayText(range.to, language) })}
          </h3>
          <FigureTables figures={figures} />
          <Charts figures={figures} />
        </div>
      )}
    </section>
  );
}

function FigureTables({ figures }: { figures: RegionFigures }) {
  const { t } = useTranslation('region');
  const offices = useMemo(() => figuresTable(figures), [figures]);
  const stations = useMemo(() => stationFiguresTable(figures), [figures]);
  return (
    <>
      <RegionTable table={offices} caption={t('figures.offices')} fileRange={figures.range} />
      <RegionTable table={stations} caption={t('figures.stations')} fileRange={figures.range} />
    </>
  );
}

function RangePicker() {
  const { t } = useTranslation('region');
  const asked = useRegion((s) => s.range);
  const loading = useRegion((s) => s.loading);
  const today = officeDay(serverNow(), TIME_ZONE);
  const [from, setFrom] = useState(asked?.from ?? addDays(today, -29));
  const [to, setTo] = useState(asked?.to ?? today);
  const [problem, setProblem] = useState<string | null>(null);
  function load(range: StatsRange) {
    setFrom(range.from);
    setTo(range.to);
    setProblem(null);
    void regionActions.loadFigures(range);
  }

  return (
    <div className="adm-range">
      <div className="adm-quick" role="group" aria-label={t('figures.quick')}>
        {QUICK.map(([key, days]) => (
          <button
            key={key}
            type="button"
            className="btn"
            onClick={() => load({ from: addDays(today, 1 - days), to: today })}
          >
            {t(`figures.range.${key}`)}
          </button>
        ))}
      </div>
      <RangeForm
        idPrefix="rgn"
        today={today}
        from={from}
        to={to}
        onFrom={setFrom}
        onTo={setTo}
        problem={problem}
        onProblem={setProblem}
        loading={loading}
        onLoad={load}
        labels={{ from: t('figures.from'), to: t('figures.to'), show: t('figures.show') }}
        problemText={(bad) => t(`figures.problem.${bad}`)}
      />
    </div>
  );
}

function Charts({ figures }: { figures: RegionFigures }) {
  const { t } = useTranslation('region');
  return (
    <section aria-labelledby="rgn-charts-heading" className="adm-stack-sm">
      <h3 id="rgn-charts-heading" className="adm-section-title">
        {t('figures.charts')}
      </h3>
      <div className="rgn-charts">
        {REGION_CHARTS.map((id) => (
          <ChartBlock key={id} id={id} figures={figures} />
        ))}
      </div>
    </section>
  );
}

function ChartBlock({ id, figures }: { id: RegionChartId; figures: RegionFigures }) {
  const { t } = useTranslation('region');
  const chart = useMemo(() => regionChart(id, figures), [id, figures]);
  const labels = useMemo(
    () =>
      chart.seriesKeys.map((key, i) => (key === null ? (chart.seriesNames[i] ?? '') : t(`series.${key}`))),
    [chart, t],
  );
  const title = t(`chart.${id}`);
  const summary = t(`chart.${id}Summary`);
  return (
    <figure className="adm-card rgn-chart">
      <h4 className="rgn-chart-title">{title}</h4>
      {chartHasData(chart) ? (
        <BarChart
          spec={chart.spec}
          seriesLabels={labels}
          yLabel={t(chart.spec.unit === 'count' ? 'chart.count' : 'chart.minutesAxis')}
          summary={`${title}. ${summary}`}
        />
      ) : (
        <p className="adm-muted">{t('chart.empty')}</p>
      )}
      <figcaption className="adm-muted">
        {summary} {t('chart.caption')}
      </figcaption>
    </figure>
  );
}

const cellText = (cell: Cell, language: string) =>
  cell === null ? '–' : typeof cell === 'number' ? formatNumber(cell, language) : cell;

/** A table with its offices as row headers, and its CSV download. */
function RegionTable({
  table,
  caption,
  fileRange,
}: {
  table: Table;
  caption: string;
  /** The period the file is of; null for the figures of now, named after today. */
  fileRange: StatsRange | null;
}) {
  const { t } = useTranslation('region');
  const language = useStaffLanguage();
  const header = table.columns.map((c) => t(`column.${c}`));
  const save = () => {
    const today = officeDay(serverNow(), TIME_ZONE);
    downloadText(
      csvFileName(table.id, fileRange ?? { from: today, to: today }),
      tableCsv(table, { language, header }),
    );
  };
  return (
    <div className="adm-stats-table">
      <ScrollArea label={caption}>
        <table className="adm-table adm-table-numbers">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {header.map((h, i) => (
                <th
                  key={table.columns[i]}
                  scope="col"
                  className={table.columns[i] === 'station' ? 'rgn-text' : undefined}
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) =>
                  c === 0 ? (
                    <th key={c} scope="row">
                      {cellText(cell, language)}
                    </th>
                  ) : (
                    <td key={c} className={typeof cell === 'string' ? 'rgn-text' : undefined}>
                      {cellText(cell, language)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      <button type="button" className="btn" aria-label={t('exportOf', { table: caption })} onClick={save}>
        <span aria-hidden="true">⤓ </span>
        {t('export')}
      </button>
    </div>
  );
}
