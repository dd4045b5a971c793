import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { durationText, languageName } from './format.js';
import { householdText } from './householdText.js';
import { receptionActions } from './receptionActions.js';
import { WhereNow } from './WhereNow.js';
import { useStaffLang } from './useStaffLang.js';

export const VisitRow = memo(function VisitRow({ visit, now }: { visit: Visit; now: number }) {
  const { t } = useTranslation('reception');
  const lang = useStaffLang();
  const ended = visit.status !== 'active';
  return (
    <tr className={ended ? 'is-ended' : undefined}>
      <th scope="row">
        <button
          type="button"
          className="rcp-ticket-btn"
          data-visit-id={visit.id}
          aria-label={t('list.open', { ticket: visit.ticket })}
          onClick={() => void receptionActions.openVisit(visit.id)}
        >
          {visit.ticket}
        </button>
      </th>
      <td>{t(`kind.${visit.kind}`)}</td>
      <td>{languageName(visit.language, lang)}</td>
      <td>
        {visit.interpreterLanguage === null ? (
          <span aria-label={t('list.noInterpreter')}>–</span>
        ) : (
          languageName(visit.interpreterLanguage, lang)
        )}
      </td>
      <td>{householdText(t, visit)}</td>
      <td>
        <WhereNow visit={visit} />
      </td>
      <td className="rcp-since">
        {ended && visit.endedAt !== null ? (
          <span className="rcp-muted">
            {t('list.total', { time: durationText(visit.endedAt - visit.createdAt) })}
          </span>
        ) : (
          durationText(now - visit.createdAt)
        )}
      </td>
    </tr>
  );
});
