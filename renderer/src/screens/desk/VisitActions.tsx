import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { activeStep, type Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { useNow } from '../../ui/useNow.js';
import { ActionButton } from './ActionButton.js';
import { visitActions } from './actionRules.js';
import { run } from './deskCommands.js';
import { deskActions } from './deskStore.js';
import { Icon } from './Icon.js';

/**
 * What the officer does with the visit, in the order a meeting goes: call it again, start,
 * and at the end hand over or complete. Every button stays in place; one that cannot be used
 * says why beneath it (a recall counts down to when it may be made).
 */
export function VisitActions({ deskId, visit }: { deskId: string; visit: Visit }) {
  const { t } = useTranslation('desk');
  const office = useOffice((s) => s.office);
  // A second's resolution only while the recall countdown runs.
  const now = useNow(activeStep(visit)?.status === 'called' ? 1_000 : 15_000);
  const actions = useMemo(
    () => office && visitActions(office, deskId, visit, now),
    [office, deskId, visit, now],
  );
  if (!actions) return null;
  const visitId = visit.id;
  const ticket = visit.ticket;

  return (
    <div className="visit-actions" role="group" aria-label={t('actions.label', { ticket })}>
      <div className="action-row">
        <ActionButton
          availability={actions.recall}
          onClick={() =>
            void run(
              'visit:recall',
              { visitId },
              { done: () => ({ key: 'done.recalled', values: { ticket } }) },
            )
          }
        >
          <Icon name="call" />
          {t('action.recall')}
        </ActionButton>
        <ActionButton
          availability={actions.noShow}
          variant="danger"
          onClick={() =>
            void run(
              'visit:no_show',
              { visitId },
              { done: () => ({ key: 'done.noShow', values: { ticket } }) },
            )
          }
        >
          {t('action.noShow')}
        </ActionButton>
        <ActionButton
          availability={actions.start}
          variant="primary"
          onClick={() => void run('visit:start', { visitId })}
        >
          {t('action.start')}
        </ActionButton>
        <ActionButton
          availability={actions.returnToQueue}
          onClick={() =>
            void run(
              'visit:return_to_queue',
              { visitId },
              { done: () => ({ key: 'done.returned', values: { ticket } }) },
            )
          }
        >
          {t('action.returnToQueue')}
        </ActionButton>
        <ActionButton
          availability={actions.park}
          onClick={() =>
            void run('visit:park', { visitId }, { done: () => ({ key: 'done.parked', values: { ticket } }) })
          }
        >
          {t('action.park')}
        </ActionButton>
      </div>
      <div className="action-row action-row-finish">
        <ActionButton
          availability={actions.handOver}
          variant="primary"
          onClick={() => deskActions.openDialog({ kind: 'handover', visitId })}
        >
          {t('action.handOver')}
        </ActionButton>
        <ActionButton
          availability={actions.completeStep}
          onClick={() => deskActions.openDialog({ kind: 'completeStep', visitId })}
        >
          {t('action.completeStep')}
        </ActionButton>
        <ActionButton
          availability={actions.completeVisit}
          variant={actions.completeVisit.enabled ? 'primary' : 'default'}
          onClick={() => deskActions.openDialog({ kind: 'completeVisit', visitId })}
        >
          {t('action.completeVisit')}
        </ActionButton>
      </div>
    </div>
  );
}
