import { useOffice } from '../../stores/office.js';
import { CompleteDialog } from './CompleteDialog.js';
import { ConfirmCallDialog } from './ConfirmDialog.js';
import { useDesk } from './deskStore.js';
import { HandoverDialog } from './HandoverDialog.js';
import { StepReasonDialog } from './StepReasonDialog.js';

/** The one dialog open at the desk, if any; a dialog about a visit that has left closes by itself. */
export function DeskDialogs() {
  const dialog = useDesk((s) => s.dialog);
  const visit = useOffice((s) =>
    dialog && dialog.kind !== 'confirmCall' ? s.office?.visits.get(dialog.visitId) : undefined,
  );
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'confirmCall':
      return <ConfirmCallDialog dialog={dialog} />;
    case 'handover':
      return visit ? <HandoverDialog visit={visit} /> : null;
    case 'completeStep':
    case 'completeVisit':
      return visit ? <CompleteDialog visit={visit} whole={dialog.kind === 'completeVisit'} /> : null;
    case 'skip':
      return visit ? <StepReasonDialog kind="skip" visit={visit} stationId={dialog.stationId} /> : null;
    case 'restore':
      return visit ? <StepReasonDialog kind="restore" visit={visit} stationId={dialog.stationId} /> : null;
  }
}
