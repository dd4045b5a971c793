import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setStaffLanguage, staffLanguage } from '../../i18n/index.js';
import { officeStore, useOffice } from '../../stores/office.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { AdminHeader } from './AdminHeader.js';
import { isDirty } from './configDraft.js';
import { draftActions, draftStore } from './draftStore.js';
import { Panels, Tabs } from './Tabs.js';
import { useAdmin } from './adminStore.js';
import './admin.css';

/**
 * The office coordinator's screen: the live overview first, then configuration, devices,
 * interpreters, today's appointments, statistics, the audit trail and data retention.
 */
export function AdminScreen() {
  const { t } = useTranslation('admin');
  const ready = useOffice((s) => s.office !== null);

  useEffect(() => {
    void setStaffLanguage(staffLanguage());
  }, []);
  useLiveConfig();
  useUnsavedWarning();

  return (
    <div className="adm">
      <ConnectionBanner staff />
      <AdminHeader />
      {ready ? (
        <main className="adm-main">
          <Tabs />
          <Panels />
        </main>
      ) : (
        <main className="centered">
          <p>{t('loading')}</p>
        </main>
      )}
      <Announcer />
    </div>
  );
}

/** The draft follows the live config while it has no edits (see draftStore). */
function useLiveConfig() {
  useEffect(() => {
    const config = officeStore.getState().office?.config;
    if (config) draftActions.liveChanged(config);
    return officeStore.subscribe((s, before) => {
      const next = s.office?.config;
      if (next && next !== before.office?.config) draftActions.liveChanged(next);
    });
  }, []);
}

/** Closing or reloading the page with unsaved configuration asks first. */
function useUnsavedWarning() {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const { draft } = draftStore.getState();
      if (draft && isDirty(draft)) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}

/** One polite live region for the whole screen: moves in lists, saves, imports. */
function Announcer() {
  const announcement = useAdmin((s) => s.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      <span key={announcement.n}>{announcement.text}</span>
    </div>
  );
}
