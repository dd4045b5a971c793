import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useOffice } from '../../stores/office.js';
import { errorText } from '../../ui/errors.js';
import { adminActions } from './adminStore.js';
import { ChainEditor } from './ChainEditor.js';
import { changedSections, isDirty, isStale, sectionOf, type Section } from './configDraft.js';
import {
  EDITOR_SECTIONS,
  editorSectionOf,
  editorSections,
  sectionAnchor,
  type EditorSection,
} from './configSections.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { DeskEditor } from './DeskEditor.js';
import { draftActions, draftStore, useDraft } from './draftStore.js';
import { fieldId, validationText } from './fields.js';
import { CallingSection, GeneralSection } from './GeneralSettings.js';
import { LanguagesSection } from './LanguagesEditor.js';
import { OfficersSection } from './Officers.js';
import { OpeningHoursEditor } from './OpeningHoursEditor.js';
import { RetentionEditor } from './RetentionEditor.js';
import { StationsSection } from './StationEditor.js';

/**
 * The office configuration as one draft: edited freely, checked with the protocol's schema as
 * it changes, saved whole. Changes made elsewhere while editing are never lost or overwritten
 * silently: the editor says so and lets the coordinator take them in.
 */
export function ConfigEditor() {
  const { t } = useTranslation('admin');
  const ready = useDraft((s) => s.draft !== null);
  if (!ready) return <p>{t('loading')}</p>;
  return (
    <div className="adm-config">
      <h2 className="visually-hidden">{t('tabs.config')}</h2>
      <SectionNav />
      <form
        className="adm-config-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <StaleNotice />
        <ErrorSummary />
        <SaveOutcome />
        <GeneralSection />
        <StationsSection />
        <DeskEditor />
        <ChainEditor />
        <LanguagesSection />
        <OpeningHoursEditor />
        <CallingSection />
        <OfficersSection />
        <RetentionEditor />
        <SaveBar />
      </form>
    </div>
  );
}

async function save() {
  const { draft, saving } = draftStore.getState();
  if (!draft || !isDirty(draft) || saving) return;
  const outcome = await draftActions.save();
  if (outcome === null) requestAnimationFrame(() => document.getElementById('cfg-error-summary')?.focus());
  else requestAnimationFrame(() => document.getElementById('cfg-save-outcome')?.focus());
}

/** In-page links to each part, with how many faults each has. */
function SectionNav() {
  const { t } = useTranslation('admin');
  const counts = useDraft(
    useShallow((s) => {
      const out: Partial<Record<EditorSection, number>> = {};
      for (const e of s.errors) {
        const section = editorSectionOf(sectionOf(e.path));
        out[section] = (out[section] ?? 0) + 1;
      }
      return out;
    }),
  );
  return (
    <nav className="adm-config-nav" aria-label={t('config.nav')}>
      <ul>
        {EDITOR_SECTIONS.map((section) => (
          <li key={section}>
            <a href={`#${sectionAnchor(section)}`} onClick={(e) => jumpTo(e, sectionAnchor(section))}>
              {t(`config.section.${section}`)}
              {counts[section] ? (
                <span className="adm-nav-errors">
                  <span aria-hidden="true"> ⚠ </span>
                  {t('config.errorCount', { count: counts[section] })}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Follows an in-page link without changing the address (which holds the open tab). */
function jumpTo(event: MouseEvent, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

function StaleNotice() {
  const { t } = useTranslation('admin');
  const live = useOffice((s) => s.office?.config ?? null);
  const draft = useDraft((s) => s.draft);
  const conflicts = useDraft((s) => s.conflicts);
  const takenIn = useDraft((s) => s.takenIn);
  if (!draft || !live) return null;
  if (isStale(draft, live)) {
    const there = editorSections(changedSections(draft.base, live));
    return (
      <div className="alert adm-alert-warn" role="alert">
        <span aria-hidden="true" className="adm-alert-icon">
          ⚠
        </span>
        <div>
          <strong>{t('config.stale.title')}</strong>
          <p>{t('config.stale.body', { sections: there.map((s) => t(`config.section.${s}`)).join(', ') })}</p>
          <div className="adm-actions">
            <button type="button" className="btn" onClick={draftActions.takeInLive}>
              {t('config.stale.takeIn')}
            </button>
            <DiscardButton label={t('config.stale.discard')} />
          </div>
        </div>
      </div>
    );
  }
  const names = (keys: readonly Section[]) =>
    editorSections(keys)
      .map((s) => t(`config.section.${s}`))
      .join(', ');
  return (
    <div role="status" className="adm-live">
      {takenIn.length > 0 && (
        <p className="alert alert-ok">
          <span aria-hidden="true">✓ </span>
          {t('config.stale.takenIn', { sections: names(takenIn) })}
        </p>
      )}
      {conflicts.length > 0 && (
        <p className="alert adm-alert-warn">
          <span aria-hidden="true">⚠ </span>
          {t('config.stale.conflicts', { sections: names(conflicts) })}
        </p>
      )}
    </div>
  );
}

/** After a save with faults: each named, each a link to its field. */
function ErrorSummary() {
  const { t } = useTranslation('admin');
  const attempted = useDraft((s) => s.attempted);
  const errors = useDraft((s) => s.errors);
  if (!attempted || errors.length === 0) return null;
  return (
    <div id="cfg-error-summary" className="alert alert-error adm-error-summary" tabIndex={-1} role="alert">
      <strong>{t('config.errors.title', { count: errors.length })}</strong>
      <ul>
        {errors.map((e) => (
          <li key={e.path}>
            <a href={`#${fieldId(e.path)}`} onClick={(ev) => jumpTo(ev, fieldId(e.path))}>
              {t(`config.section.${editorSectionOf(sectionOf(e.path))}`)}: {validationText(t, e)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SaveOutcome() {
  const { t } = useTranslation('admin');
  const outcome = useDraft((s) => s.outcome);
  if (!outcome) return null;
  if (outcome.kind === 'saved')
    return (
      <p id="cfg-save-outcome" className="alert alert-ok" role="status" tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t('config.saved')}
      </p>
    );
  return (
    <div id="cfg-save-outcome" className="alert alert-error" role="alert" tabIndex={-1}>
      <strong>{t('config.refused')}</strong>
      {outcome.conflict ? (
        <ul>
          {outcome.conflict.stations.map((name) => (
            <li key={`s-${name}`}>{t('config.conflict.station', { name })}</li>
          ))}
          {outcome.conflict.desks.map((d) => (
            <li key={`d-${d.name}`}>
              {d.officer
                ? t('config.conflict.deskOfficer', { name: d.name, station: d.station, officer: d.officer })
                : t('config.conflict.desk', { name: d.name, station: d.station })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{errorText(t, { code: outcome.code })}</p>
      )}
      {outcome.conflict && <p>{t('config.conflict.hint')}</p>}
    </div>
  );
}

function DiscardButton({ label }: { label: string }) {
  const { t } = useTranslation('admin');
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>
        {label}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('config.discard.title')}
          confirmLabel={t('config.discard.confirm')}
          danger
          onClose={() => setAsking(false)}
          onConfirm={() => {
            draftActions.discard();
            setAsking(false);
            adminActions.announce(t('config.discard.done'));
          }}
        >
          <p>{t('config.discard.body')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** Always in view: what is unsaved, and Save. */
function SaveBar() {
  const { t } = useTranslation('admin');
  const draft = useDraft((s) => s.draft);
  const saving = useDraft((s) => s.saving);
  const errors = useDraft((s) => s.errors.length);
  const dirty = draft !== null && isDirty(draft);
  const changed = draft ? editorSections(changedSections(draft.base, draft.edited)) : [];
  return (
    <div className="adm-savebar">
      <p className="adm-savebar-text">
        {dirty
          ? t('config.unsaved', { sections: changed.map((s) => t(`config.section.${s}`)).join(', ') })
          : t('config.noChanges')}
        {dirty && errors > 0 && (
          <span className="adm-field-error">
            {' '}
            <span aria-hidden="true">⚠ </span>
            {t('config.errorCount', { count: errors })}
          </span>
        )}
      </p>
      <div className="adm-actions">
        {dirty && <DiscardButton label={t('config.discard.open')} />}
        <button type="submit" className="btn btn-primary" aria-disabled={!dirty || saving || undefined}>
          {saving ? t('config.saving') : t('config.save')}
        </button>
      </div>
    </div>
  );
}
