import { useTranslation } from 'react-i18next';
import { useOffice } from '../../stores/office.js';
import { Dialog } from '../../ui/Dialog.js';
import { CancelVisit } from './CancelVisit.js';
import { InterpreterPanel } from './InterpreterPanel.js';
import { JourneyList } from './JourneyList.js';
import { receptionActions } from './receptionActions.js';
import { ReinstateCallout } from './ReinstateCallout.js';
import { SettingsForm } from './SettingsForm.js';
import { SkipStepForm } from './SkipStepForm.js';
import { VisitFacts } from './VisitFacts.js';
import { canChange } from './visitOptions.js';

/**
 * One visit opened: its facts and personal data (read with `visit:open`, forgotten on close),
 * its journey, and what reception may do with it.
 */
export function VisitDialog({ visitId }: { visitId: string }) {
  const { t } = useTranslation('reception');
  const visit = useOffice((s) => s.office?.visits.get(visitId));
  return (
    <Dialog
      title={t('visit.title', { ticket: visit?.ticket ?? '' })}
      onClose={receptionActions.closeVisit}
      wide
      returnFocus={() =>
        document.querySelector<HTMLElement>(`[data-visit-id="${visitId}"]`) ??
        document.querySelector<HTMLElement>('.rcp-checkin-btn')
      }
    >
      <button
        type="button"
        className="btn rcp-dialog-close"
        onClick={receptionActions.closeVisit}
        data-autofocus
      >
        {t('close')}
      </button>
      {!visit ? (
        <p>{t('visit.gone')}</p>
      ) : (
        <div className="rcp-visit">
          <ReinstateCallout visit={visit} />
          <VisitFacts visit={visit} />
          <JourneyList visit={visit} />
          {canChange(visit) && (
            <>
              <SettingsForm visit={visit} />
              <InterpreterPanel visit={visit} />
              <SkipStepForm visit={visit} />
              <CancelVisit visit={visit} />
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
