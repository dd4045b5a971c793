import { lazy, Suspense, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_TABS, adminActions, isAdminTab, useAdmin, type AdminTab } from './adminStore.js';
import { Appointments } from './Appointments.js';
import { Audit } from './Audit.js';
import { ConfigEditor } from './ConfigEditor.js';
import { isDirty } from './configDraft.js';
import { Devices } from './Devices.js';
import { useDraft } from './draftStore.js';
import { Interpreters } from './Interpreters.js';
import { Overview } from './Overview.js';
import { Retention } from './Retention.js';

// The charts (uPlot) load only when statistics are opened.
const Statistics = lazy(() => import('./Statistics.js').then((m) => ({ default: m.Statistics })));

const tabId = (tab: AdminTab) => `adm-tab-${tab}`;
const panelId = (tab: AdminTab) => `adm-panel-${tab}`;

/**
 * The admin's views as ARIA tabs: arrow keys move between them (and open them), Home and End go
 * to the first and last. The open view is kept in the address (`/admin#stats`) so a reload or
 * a bookmark returns to it.
 */
export function Tabs() {
  const { t } = useTranslation('admin');
  const current = useAdmin((s) => s.tab);
  const unsaved = useDraft((s) => s.draft !== null && isDirty(s.draft));
  const refs = useRef(new Map<AdminTab, HTMLButtonElement>());

  useEffect(() => {
    const follow = () => {
      const fromHash = location.hash.slice(1);
      if (isAdminTab(fromHash)) adminActions.setTab(fromHash);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    history.replaceState(null, '', `#${current}`);
  }, [current]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = ADMIN_TABS.indexOf(current);
    const last = ADMIN_TABS.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (index + 1) % ADMIN_TABS.length
        : event.key === 'ArrowLeft'
          ? (index + last) % ADMIN_TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const tab = ADMIN_TABS[to]!;
    adminActions.setTab(tab);
    refs.current.get(tab)?.focus();
  }

  return (
    <div className="adm-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
      {ADMIN_TABS.map((tab) => (
        <button
          key={tab}
          ref={(el) => {
            if (el) refs.current.set(tab, el);
            else refs.current.delete(tab);
          }}
          type="button"
          role="tab"
          id={tabId(tab)}
          className="adm-tab"
          aria-selected={tab === current}
          aria-controls={panelId(tab)}
          tabIndex={tab === current ? 0 : -1}
          onClick={() => adminActions.setTab(tab)}
        >
          {t(`tabs.${tab}`)}
          {tab === 'config' && unsaved && (
            <span className="adm-tab-mark">
              <span aria-hidden="true"> ●</span>
              <span className="visually-hidden"> ({t('tabs.unsaved')})</span>
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

const PANELS: Record<AdminTab, () => ReactNode> = {
  overview: () => <Overview />,
  config: () => <ConfigEditor />,
  devices: () => <Devices />,
  interpreters: () => <Interpreters />,
  appointments: () => <Appointments />,
  stats: () => <Statistics />,
  audit: () => <Audit />,
  retention: () => <Retention />,
};

/** Every tab has its panel; only the open one is filled (and only its data is asked for). */
export function Panels() {
  const { t } = useTranslation('admin');
  const current = useAdmin((s) => s.tab);
  return (
    <>
      {ADMIN_TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={panelId(tab)}
          aria-labelledby={tabId(tab)}
          className="adm-panel"
          hidden={tab !== current}
          tabIndex={0}
        >
          {tab === current && <Suspense fallback={<p>{t('loading')}</p>}>{PANELS[tab]()}</Suspense>}
        </div>
      ))}
    </>
  );
}
