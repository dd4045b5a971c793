import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { deskOf } from '../../../../shared/office.js';
import { useOffice } from '../../stores/office.js';
import { useNow } from '../../ui/useNow.js';
import { ActionButton } from './ActionButton.js';
import { callAvailability, callNextAvailability, type Availability } from './actionRules.js';
import { run } from './deskCommands.js';
import { deskQueues, type QueueRow as Row } from './deskView.js';
import { QueueRow } from './QueueRow.js';
import { useStationLabel } from './labels.js';
import './queue.css';

/**
 * The station's queue and this desk's own, in the order of the queue rules, without names:
 * officers call the next household, they do not pick one.
 */
export function QueuePanel({ deskId }: { deskId: string }) {
  const { t } = useTranslation('desk');
  const now = useNow(15_000);
  const office = useOffice((s) => s.office);
  const stationLabel = useStationLabel();
  const nextInfo = useId();
  const queues = useMemo(() => (office ? deskQueues(office, deskId, now) : null), [office, deskId, now]);
  const callNext = useMemo(() => office && callNextAvailability(office, deskId, now), [office, deskId, now]);
  const call = useMemo(() => office && callAvailability(office, deskId), [office, deskId]);
  if (!office || !queues || !callNext || !call) return null;
  const desk = deskOf(office.config, deskId);
  const next = [...queues.own, ...queues.station].find((r) => r.isNext);
  const total = queues.own.length + queues.station.length;

  return (
    <section className="panel queue-panel" aria-labelledby="queue-title">
      <div className="panel-head">
        <h2 id="queue-title">
          {t('queue.title', { station: desk ? stationLabel(desk.stationId) : '' })}{' '}
          <span className="count">{t('queue.waiting', { count: total })}</span>
        </h2>
      </div>
      <div className="call-next">
        <ActionButton
          availability={callNext}
          variant="primary"
          className="call-next-button"
          describedBy={next ? nextInfo : undefined}
          onClick={() =>
            void run(
              'queue:call_next',
              {},
              { done: (v) => ({ key: 'done.called', values: { ticket: v.ticket } }) },
            )
          }
        >
          {t('action.callNext')}
        </ActionButton>
        {next && (
          <p id={nextInfo} className="next-line">
            {t('queue.nextIs')} <strong className="ticket-inline">{next.ticket}</strong>
          </p>
        )}
      </div>
      <div className="panel-body">
        {queues.own.length > 0 && (
          <QueueTable
            caption={t('queue.own', { count: queues.own.length })}
            rows={queues.own}
            call={call}
            nextTicket={next?.ticket ?? null}
          />
        )}
        <QueueTable
          caption={t('queue.station', { count: queues.station.length })}
          rows={queues.station}
          call={call}
          nextTicket={next?.ticket ?? null}
        />
      </div>
    </section>
  );
}

function QueueTable({
  caption,
  rows,
  call,
  nextTicket,
}: {
  caption: string;
  rows: readonly Row[];
  call: Availability;
  nextTicket: string | null;
}) {
  const { t } = useTranslation('desk');
  return (
    <table className="queue-table">
      <caption>{caption}</caption>
      {rows.length > 0 && (
        <thead>
          <tr>
            <th scope="col">{t('queue.col.ticket')}</th>
            <th scope="col">{t('queue.col.waited')}</th>
            <th scope="col">{t('queue.col.language')}</th>
            <th scope="col">{t('queue.col.household')}</th>
            <th scope="col">{t('queue.col.arrival')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('queue.col.action')}</span>
            </th>
          </tr>
        </thead>
      )}
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={6} className="empty">
              {t('queue.empty')}
            </td>
          </tr>
        ) : (
          rows.map((row) => <QueueRow key={row.visitId} row={row} call={call} nextTicket={nextTicket} />)
        )}
      </tbody>
    </table>
  );
}
