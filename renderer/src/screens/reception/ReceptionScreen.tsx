import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setStaffLanguage, staffLanguage } from '../../i18n/index.js';
import { useOffice } from '../../stores/office.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { CheckInDialog } from './CheckInDialog.js';
import { ReceptionHeader } from './ReceptionHeader.js';
import { useReception } from './receptionStore.js';
import { StationOverview } from './StationOverview.js';
import { VisitDialog } from './VisitDialog.js';
import { VisitFilters, VisitSearch } from './VisitSearch.js';
import { VisitTable } from './VisitTable.js';
import './reception.css';

/**
 * Reception's staffed mode: every station's queue, today's visits (no names in the list; a
 * visit's personal data shows only once it is opened), and check-in on someone's behalf.
 */
export function ReceptionScreen() {
  const { t } = useTranslation('reception');
  const ready = useOffice((s) => s.office !== null);
  const openVisitId = useReception((s) => s.openVisitId);
  const checkInOpen = useReception((s) => s.checkInOpen);

  useEffect(() => {
    void setStaffLanguage(staffLanguage());
  }, []);

  return (
    <div className="rcp">
      <ConnectionBanner staff />
      <ReceptionHeader />
      {ready ? (
        <main className="rcp-main">
          <StationOverview />
          <section className="rcp-visits" aria-labelledby="rcp-visits-heading">
            <div className="rcp-visits-head">
              <h2 id="rcp-visits-heading" className="rcp-section-title">
                {t('list.title')}
              </h2>
              <VisitFilters />
            </div>
            <VisitSearch />
            <VisitTable />
          </section>
        </main>
      ) : (
        <main className="centered">
          <p>{t('loading')}</p>
        </main>
      )}
      {openVisitId && <VisitDialog key={openVisitId} visitId={openVisitId} />}
      {checkInOpen && <CheckInDialog />}
    </div>
  );
}
