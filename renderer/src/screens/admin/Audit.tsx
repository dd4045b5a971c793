import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryPayload } from '../../../../shared/protocol.js';
import { officeStore, useOffice } from '../../stores/office.js';
import { errorText } from '../../ui/errors.js';
import { AUDIT_PAGE, auditActions, auditStore, useAudit } from './auditStore.js';
import { instantOf, isRead, normalizeTicket, visitIdForTicket } from './auditView.js';
import { deviceActions, devicesStore, useDevices } from './devicesStore.js';
import { dateTime } from './format.js';
import { useStaffLanguage } from './useStaffLanguage.js';
import { ScrollArea } from './ScrollArea.js';

const MAX_LIMIT = 1000;

/**
 * Who read or changed which visit: the device, the officer signed in at it, the ticket and what
 * was done. The server sends no note text, so none can show here. Searches and the admin's own
 * changes (devices, PINs, settings, booking list, interpreters) concern no one visit: their
 * ticket is a dash.
 */
export function Audit() {
  const { t } = useTranslation('admin');
  const entries = useAudit((s) => s.entries);
  const loading = useAudit((s) => s.loading);
  const error = useAudit((s) => s.error);
  const asked = useAudit((s) => s.asked);

  useEffect(() => {
    // Coming back asks again with the filter last used: the trail grows all day.
    void auditActions.load(auditStore.getState().asked ?? { limit: AUDIT_PAGE });
    if (devicesStore.getState().devices === null) void deviceActions.load();
  }, []);

  const limit = asked?.limit ?? AUDIT_PAGE;
  return (
    <div className="adm-stack">
      <h2 className="adm-section-title">{t('audit.title')}</h2>
      <p className="adm-muted">{t('audit.intro')}</p>
      <Filters />
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {loading ? t('loading') : entries ? t('audit.count', { count: entries.length }) : ''}
      </p>
      {entries && (
        <div className={`adm-card${loading ? ' adm-stale' : ''}`}>
          {entries.length === 0 ? (
            <p className="adm-muted">{t('audit.none')}</p>
          ) : (
            <ScrollArea label={t('audit.title')}>
              <AuditTable />
            </ScrollArea>
          )}
        </div>
      )}
      {entries && asked && entries.length >= limit && limit < MAX_LIMIT && (
        <button
          type="button"
          className="btn"
          onClick={() => void auditActions.load({ ...asked, limit: Math.min(MAX_LIMIT, limit * 5) })}
        >
          {t('audit.more')}
        </button>
      )}
    </div>
  );
}

function Filters() {
  const { t } = useTranslation('admin');
  const devices = useDevices((s) => s.devices);
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const [ticket, setTicket] = useState('');
  const [deviceId, setDeviceId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function apply() {
    const filter: { -readonly [K in keyof QueryPayload<'audit:list'>]: QueryPayload<'audit:list'>[K] } = {
      limit: AUDIT_PAGE,
    };
    if (ticket.trim()) {
      const state = officeStore.getState().office;
      const visitId = state ? visitIdForTicket(state, ticket) : null;
      if (!visitId) return setProblem(t('audit.unknownTicket', { ticket: normalizeTicket(ticket) }));
      filter.visitId = visitId;
    }
    if (deviceId) filter.deviceId = deviceId;
    const fromAt = instantOf(from, timeZone);
    const toAt = instantOf(to, timeZone);
    if (fromAt !== undefined) filter.from = fromAt;
    // "To 10:00" includes the whole of that minute.
    if (toAt !== undefined) filter.to = toAt + 59_999;
    if (fromAt !== undefined && toAt !== undefined && fromAt > toAt) return setProblem(t('audit.badRange'));
    setProblem(null);
    void auditActions.load(filter);
  }

  return (
    <form
      className="adm-card adm-add-row"
      noValidate
      aria-label={t('audit.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className="field adm-field adm-field-short">
        <label htmlFor="audit-ticket">{t('audit.ticket')}</label>
        <span id="audit-ticket-hint" className="adm-hint">
          {t('audit.ticketHint')}
        </span>
        <input
          id="audit-ticket"
          type="text"
          value={ticket}
          maxLength={6}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={`audit-ticket-hint${problem ? ' audit-problem' : ''}`}
          onChange={(e) => setTicket(e.target.value)}
        />
      </div>
      <div className="field adm-field">
        <label htmlFor="audit-device">{t('audit.device')}</label>
        <select id="audit-device" value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
          <option value="">{t('audit.allDevices')}</option>
          {devices?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field adm-field">
        <label htmlFor="audit-from">{t('audit.from')}</label>
        <input id="audit-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field adm-field">
        <label htmlFor="audit-to">{t('audit.to')}</label>
        <input id="audit-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="adm-actions">
        <button type="submit" className="btn btn-primary">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setTicket('');
            setDeviceId('');
            setFrom('');
            setTo('');
            setProblem(null);
            void auditActions.load({ limit: AUDIT_PAGE });
          }}
        >
          {t('audit.reset')}
        </button>
      </div>
      {problem && (
        <p id="audit-problem" className="adm-field-error adm-full" role="alert">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
      <p className="adm-hint adm-full">{t('audit.defaultWindow')}</p>
    </form>
  );
}

function AuditTable() {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const entries = useAudit((s) => s.entries) ?? [];
  return (
    <table className="adm-table">
      <caption className="visually-hidden">{t('audit.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.column.at')}</th>
          <th scope="col">{t('audit.column.device')}</th>
          <th scope="col">{t('audit.column.officer')}</th>
          <th scope="col">{t('audit.column.ticket')}</th>
          <th scope="col">{t('audit.column.action')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={`${e.at}-${e.deviceId}-${e.action}-${i}`}>
            <td className="adm-nowrap">{dateTime(e.at, language, timeZone)}</td>
            <td>
              {e.deviceName ?? (e.deviceId === 'system' ? t('audit.system') : t('audit.unknownDevice'))}
            </td>
            <td>{e.officer ?? '–'}</td>
            <td>
              <span className="adm-ticket">{e.ticket ?? '–'}</span>
            </td>
            <td>
              <span className={`adm-kind adm-kind-${isRead(e.action) ? 'read' : 'change'}`}>
                {isRead(e.action) ? t('audit.read') : t('audit.change')}
              </span>{' '}
              {t(`audit.action.${e.action.replace(':', '_')}`, { defaultValue: e.action })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
