import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useOffice } from '../../stores/office.js';
import { Checklist } from './Checklist.js';
import { deskVisits, focusedVisit } from './deskView.js';
import { useDesk } from './deskStore.js';
import { Household } from './Household.js';
import { Interpreters } from './Interpreters.js';
import { Journey } from './Journey.js';
import { Notes } from './Notes.js';
import { ParkedList } from './ParkedList.js';
import { VisitActions } from './VisitActions.js';
import { VisitSummary } from './VisitSummary.js';
import './visit.css';
import './blocks.css';

/** The visit at the desk (or a parked one), with everything the meeting needs. */
export function CurrentVisit({ deskId }: { deskId: string }) {
  const { t } = useTranslation('desk');
  // The visit objects are the store's own, so these change only when those visits do.
  const active = useOffice((s) => (s.office ? deskVisits(s.office, deskId).active : null));
  const parked = useOffice(useShallow((s) => (s.office ? deskVisits(s.office, deskId).parked : [])));
  const selected = useDesk((s) => s.selectedVisitId);
  const visit = focusedVisit({ active, parked }, selected);

  return (
    <section className="panel visit-panel" aria-labelledby="visit-title">
      <ParkedList deskId={deskId} parked={parked} shownId={visit?.id ?? null} />
      {visit ? (
        // Keyed by visit: drafts and open editors never carry over to the next household.
        <article key={visit.id} className="visit" aria-labelledby="visit-title">
          <VisitSummary visit={visit} />
          <VisitActions deskId={deskId} visit={visit} />
          <Journey deskId={deskId} visit={visit} />
          <div className="visit-grid">
            <div className="visit-col">
              <Checklist deskId={deskId} visit={visit} />
              <Interpreters visit={visit} />
            </div>
            <div className="visit-col">
              <Notes deskId={deskId} visit={visit} />
              <Household visit={visit} />
            </div>
          </div>
        </article>
      ) : (
        <div className="visit-empty">
          <h2 id="visit-title">{t('visit.noneTitle')}</h2>
          <p className="muted">{t('visit.noneBody')}</p>
        </div>
      )}
    </section>
  );
}
