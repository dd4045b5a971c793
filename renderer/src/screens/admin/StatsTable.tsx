import { useTranslation } from 'react-i18next';
import { csvFileName, tableCsv } from './csvExport.js';
import { downloadText } from './download.js';
import type { Cell, Table } from './statsTables.js';
import { useStaffLanguage } from './useStaffLanguage.js';
import { ScrollArea } from './ScrollArea.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
    numberFormats.set(language, format);
  }
  return format.format(value);
}

const cellText = (cell: Cell, language: string) =>
  cell === null ? '–' : typeof cell === 'number' ? formatNumber(cell, language) : cell;

/** A statistics table with its numbers, and its CSV download. */
export function StatsTable({
  table,
  caption,
  range,
}: {
  table: Table;
  caption: string;
  range: { from: string; to: string };
}) {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const header = table.columns.map((c) => t(`stats.column.${c}`));
  return (
    <div className="adm-stats-table">
      <ScrollArea label={caption}>
        <table className="adm-table adm-table-numbers">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={table.columns[i]} scope="col">
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
                    <td key={c}>{cellText(cell, language)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      <button
        type="button"
        className="btn btn-small"
        aria-label={t('stats.exportOf', { table: caption })}
        onClick={() => downloadText(csvFileName(table.id, range), tableCsv(table, { language, header }))}
      >
        <span aria-hidden="true">⤓ </span>
        {t('stats.export')}
      </button>
    </div>
  );
}
