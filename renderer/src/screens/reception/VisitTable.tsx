import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useOffice } from '../../stores/office.js';
import { useNow } from '../../ui/useNow.js';
import { useReception } from './receptionStore.js';
import { listVisits } from './visitList.js';
import { VisitRow } from './VisitRow.js';

/** Today's visits as the filter or search selects them, newest first; no names in the list. */
export function VisitTable() {
  const { t } = useTranslation('reception');
  const filter = useReception((s) => s.filter);
  const text = useReception((s) => s.text);
  const found = useReception((s) => s.found?.visitIds ?? null);
  const visits = useOffice(useShallow((s) => listVisits(s.office, { filter, text, found })));
  const now = useNow();

  if (visits.length === 0) return <p className="rcp-empty">{t('list.empty')}</p>;
  return (
    <div className="rcp-table-wrap">
      <table className="rcp-table">
        <caption className="visually-hidden">{t('list.caption', { count: visits.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.ticket')}</th>
            <th scope="col">{t('list.kind')}</th>
            <th scope="col">{t('list.language')}</th>
            <th scope="col">{t('list.interpreter')}</th>
            <th scope="col">{t('list.household')}</th>
            <th scope="col">{t('list.where')}</th>
            <th scope="col">{t('list.since')}</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((v) => (
            <VisitRow key={v.id} visit={v} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
