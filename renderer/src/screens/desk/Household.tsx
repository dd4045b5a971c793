import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { HouseholdEditor } from './HouseholdEditor.js';
import { useHouseholdText } from './labels.js';

/**
 * Who the household is. Names, birth dates and the booking reference come only from
 * `visit:open`, now that the visit is at this desk; the editor sets the members for stations
 * that need them (their ages decide, say, whether Arbetsförmedlingen's step applies).
 */
export function Household({ visit }: { visit: Visit }) {
  const { t } = useTranslation('desk');
  const details = useOffice((s) => s.details[visit.id]);
  const householdText = useHouseholdText();
  const [editing, setEditing] = useState(false);
  const members = details?.private?.members ?? [];
  const bookingRef = details?.private?.bookingRef ?? null;

  return (
    <section className="block" aria-labelledby="household-title">
      <div className="block-head">
        <h3 id="household-title">{t('household.title')}</h3>
        {!editing && details && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {t('household.edit')}
          </button>
        )}
      </div>
      <p>
        {householdText(visit)}
        {bookingRef && (
          <>
            {' · '}
            {t('household.bookingRef')} <strong className="mono">{bookingRef}</strong>
          </>
        )}
      </p>
      {!details ? (
        <p className="muted" aria-busy="true">
          {t('household.loading')}
        </p>
      ) : editing ? (
        <HouseholdEditor visit={visit} members={members} onDone={() => setEditing(false)} />
      ) : members.length === 0 ? (
        <p className="muted">{t('household.noMembers')}</p>
      ) : (
        <table className="members">
          <thead>
            <tr>
              <th scope="col">{t('household.name')}</th>
              <th scope="col">{t('household.birthDate')}</th>
              <th scope="col">{t('household.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => (
              <tr key={i}>
                <td>{m.name}</td>
                <td className="mono">{m.birthDate ?? '–'}</td>
                <td>
                  {t(`household.kind_${m.kind}`)}
                  {m.parentsInSweden !== null &&
                    m.parentsInSweden !== undefined &&
                    ` · ${t(m.parentsInSweden ? 'household.parentsYes' : 'household.parentsNo')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
