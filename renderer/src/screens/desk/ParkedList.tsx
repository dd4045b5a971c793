import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { ActionButton } from './ActionButton.js';
import { callAvailability } from './actionRules.js';
import { run } from './deskCommands.js';
import { deskActions } from './deskStore.js';
import { Icon } from './Icon.js';

/** Visits parked at this desk (waiting for a document, a phone call…): show one, or resume it. */
export function ParkedList({
  deskId,
  parked,
  shownId,
}: {
  deskId: string;
  parked: readonly Visit[];
  shownId: string | null;
}) {
  const { t } = useTranslation('desk');
  const office = useOffice((s) => s.office);
  const resume = useMemo(() => office && callAvailability(office, deskId), [office, deskId]);
  if (parked.length === 0 || !resume) return null;
  return (
    <nav className="parked" aria-label={t('parked.title')}>
      <h3 className="parked-title">{t('parked.title')}</h3>
      <ul>
        {parked.map((v) => (
          <li key={v.id} className={v.id === shownId ? 'parked-item shown' : 'parked-item'}>
            <span className="ticket">{v.ticket}</span>
            <span className="tag">
              <Icon name="pause" />
              {t('common:step.parked')}
            </span>
            {v.id === shownId ? (
              <span className="muted">{t('parked.shown')}</span>
            ) : (
              <button type="button" className="btn btn-small" onClick={() => deskActions.select(v.id)}>
                {t('parked.show')}
                <span className="visually-hidden"> {v.ticket}</span>
              </button>
            )}
            <ActionButton
              availability={resume}
              showReason={false}
              onClick={() => {
                deskActions.select(v.id);
                void run('visit:start', { visitId: v.id });
              }}
            >
              {t('parked.resume')}
              <span className="visually-hidden"> {v.ticket}</span>
            </ActionButton>
          </li>
        ))}
      </ul>
    </nav>
  );
}
