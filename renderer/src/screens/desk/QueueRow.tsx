import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffice } from '../../stores/office.js';
import { ActionButton } from './ActionButton.js';
import type { Availability } from './actionRules.js';
import { run } from './deskCommands.js';
import { deskActions } from './deskStore.js';
import type { QueueRow as Row } from './deskView.js';
import { clockTime, languageName, nativeName, waitParts } from './format.js';
import { useDeskLabel, useStaffLanguage, useStationLabel } from './labels.js';
import { Icon } from './Icon.js';

/** One waiting household: what the officer needs to prepare, and no name. */
export function QueueRow({
  row,
  call,
  nextTicket,
}: {
  row: Row;
  call: Availability;
  nextTicket: string | null;
}) {
  const { t } = useTranslation('desk');
  const ui = useStaffLanguage();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const stationLabel = useStationLabel();
  const deskLabel = useDeskLabel();
  const ticketId = useId();
  const wait = waitParts(row.waitedMs);
  const native = nativeName(row.language);

  function onCall() {
    if (row.isNext)
      void run(
        'visit:call',
        { visitId: row.visitId },
        { done: (v) => ({ key: 'done.called', values: { ticket: v.ticket } }) },
      );
    else
      deskActions.openDialog({ kind: 'confirmCall', visitId: row.visitId, ticket: row.ticket, nextTicket });
  }

  return (
    <tr className={row.isNext ? 'is-next' : undefined}>
      <th scope="row" id={ticketId}>
        <span className="ticket">{row.ticket}</span>
        {row.isNext && <span className="tag tag-next">{t('queue.next')}</span>}
      </th>
      <td className={row.longWait ? 'wait long' : 'wait'}>
        {wait.hours > 0 ? t('time.hoursMinutes', wait) : t('time.minutes', { count: wait.minutes })}
        {row.longWait && (
          <span className="tag tag-warn">
            <Icon name="warn" />
            {t('queue.longWait')}
          </span>
        )}
      </td>
      <td>
        <span className="lang-name">{languageName(row.language, ui)}</span>
        {native && native !== languageName(row.language, ui) && (
          <span className="native" lang={row.language === 'prs' ? 'fa-AF' : row.language}>
            {' '}
            {native}
          </span>
        )}
        <span className="sub">
          {row.interpreterLanguage ? (
            <span className="interp-need">
              <Icon name="speech" />
              {t('queue.interpreter', { language: languageName(row.interpreterLanguage, ui) })}
            </span>
          ) : (
            t('queue.noInterpreter')
          )}
        </span>
      </td>
      <td>
        {t('household.adults', { count: row.adults })}
        {row.children > 0 && <span className="sub">{t('household.children', { count: row.children })}</span>}
      </td>
      <td>
        {row.kind === 'booked' ? (
          <>
            {t('queue.booked', {
              time: row.appointmentAt ? clockTime(row.appointmentAt, ui, timeZone) : '–',
            })}
            {row.due && <span className="tag tag-due">{t('queue.due')}</span>}
          </>
        ) : (
          t('queue.walkIn')
        )}
        {row.cameFrom && (
          <span className="sub">{t('queue.from', { station: stationLabel(row.cameFrom) })}</span>
        )}
        {row.targetDeskId && (
          <span className="sub">
            <span className="tag tag-desk">{t('queue.forDesk', { desk: deskLabel(row.targetDeskId) })}</span>
          </span>
        )}
      </td>
      <td className="row-action">
        <ActionButton availability={call} showReason={false} describedBy={ticketId} onClick={onCall}>
          {t('action.call')}
        </ActionButton>
      </td>
    </tr>
  );
}
