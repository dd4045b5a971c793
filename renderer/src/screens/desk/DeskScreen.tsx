// The screen's base styles first: the panels' own stylesheets refine them.
import './desk.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setStaffLanguage, staffLanguage } from '../../i18n/index.js';
import { useOffice } from '../../stores/office.js';
import { useSession } from '../../stores/session.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { DeskDialogs } from './DeskDialogs.js';
import { DeskHeader } from './DeskHeader.js';
import { useDesk } from './deskStore.js';
import { Notices } from './Notices.js';
import { QueuePanel } from './QueuePanel.js';
import { CurrentVisit } from './CurrentVisit.js';
import { SignIn } from './SignIn.js';
import { startDetailsSync } from './detailsSync.js';

/** The agency desk station: sign-in, the queues, the visit at the desk, the handover. */
export function DeskScreen() {
  // Loads the catalogues the desk reads before the first paint (the page suspends meanwhile).
  const { t } = useTranslation(['desk', 'staff', 'common']);
  const deskId = useSession((s) => s.device?.deskId ?? null);
  const hasDevice = useSession((s) => s.device !== null);
  const hasOffice = useOffice((s) => s.office !== null);
  const knownDesk = useOffice(
    (s) => deskId !== null && (s.office?.config.desks.some((d) => d.id === deskId) ?? false),
  );

  useEffect(() => {
    void setStaffLanguage(staffLanguage());
  }, []);
  useEffect(() => (deskId ? startDetailsSync(deskId) : undefined), [deskId]);

  if (!hasDevice || !hasOffice)
    return (
      <>
        <ConnectionBanner staff />
        <main className="centered" aria-busy="true">
          <p>{t('desk:loading')}</p>
        </main>
      </>
    );
  if (!deskId || !knownDesk)
    return (
      <main className="centered">
        <div className="card" role="alert">
          <h1>{t('desk:noDesk.title')}</h1>
          <p>{t('desk:noDesk.body')}</p>
        </div>
      </main>
    );
  return <DeskShell deskId={deskId} />;
}

function DeskShell({ deskId }: { deskId: string }) {
  const signedIn = useOffice((s) => s.office?.desks[deskId] !== undefined);
  const dialogOpen = useDesk((s) => s.dialog !== null);
  return (
    <>
      {/* While a dialog is open the page behind it is inert and out of the accessibility tree. */}
      <div className="desk" inert={dialogOpen} aria-hidden={dialogOpen || undefined}>
        <ConnectionBanner staff />
        <DeskHeader deskId={deskId} />
        {signedIn && <Notices />}
        {signedIn ? (
          <main className="desk-main" id="desk-main">
            <QueuePanel deskId={deskId} />
            <CurrentVisit deskId={deskId} />
          </main>
        ) : (
          <SignIn deskId={deskId} />
        )}
      </div>
      {signedIn && <DeskDialogs />}
    </>
  );
}
