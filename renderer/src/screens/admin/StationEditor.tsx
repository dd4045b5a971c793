import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { AGENCIES, type Agency } from '../../../../shared/office.js';
import { adminActions } from './adminStore.js';
import { AgeRuleEditor } from './AgeRuleEditor.js';
import { ChecklistEditor } from './ChecklistEditor.js';
import { addStation, removeStation, updateStation } from './configDraft.js';
import { draftActions, draftStore, useDraft } from './draftStore.js';
import { NumberField, SelectField, TextField, fieldId } from './fields.js';
import { focusSoon } from './focus.js';
import { Section } from './Section.js';

/** Each station (one agency's service): its name, agency, checklist, service time and age rule. */
export function StationsSection() {
  const { t } = useTranslation('admin');
  const ids = useDraft(useShallow((s) => s.draft?.edited.stations.map((st) => st.id) ?? []));
  return (
    <Section section="stations" intro={t('config.stations.intro')}>
      <div className="adm-stack-sm">
        {ids.map((id, index) => (
          <StationEditor key={id} stationId={id} index={index} />
        ))}
      </div>
      <AddStation />
    </Section>
  );
}

function StationEditor({ stationId, index }: { stationId: string; index: number }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const station = useDraft((s) => s.draft?.edited.stations.find((st) => st.id === stationId));
  const desks = useDraft((s) => s.draft?.edited.desks.filter((d) => d.stationId === stationId).length ?? 0);
  const errors = useDraft((s) => s.errors.filter((e) => e.path.startsWith(`stations.${index}.`)).length);
  const [open, setOpen] = useState(false);
  if (!station) return null;
  const path = `stations.${index}`;
  const removeHintId = `${fieldId(path)}-remove-hint`;
  return (
    <details
      className="adm-station-editor"
      open={open || errors > 0}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary id={`${fieldId(path)}-summary`}>
        <span className="adm-summary-name">{station.name || t('config.stations.unnamed')}</span>
        <span className="adm-muted">
          {tc(`agency.${station.agency}`)} ·{' '}
          {t('config.stations.itemCount', { count: station.checklist.length })}
          {' · '}
          {t('config.stations.deskCount', { count: desks })}
        </span>
        {errors > 0 && (
          <span className="adm-field-error">
            <span aria-hidden="true">⚠ </span>
            {t('config.errorCount', { count: errors })}
          </span>
        )}
      </summary>
      <div className="adm-station-body">
        <div className="adm-grid">
          <TextField
            path={`${path}.name`}
            label={t('config.stations.name')}
            value={station.name}
            maxLength={80}
            onChange={(name) => draftActions.apply(updateStation(stationId, { name }))}
          />
          <SelectField<Agency>
            path={`${path}.agency`}
            label={t('config.stations.agency')}
            hint={t('config.stations.agencyHint')}
            value={station.agency}
            options={AGENCIES.map((a) => ({ value: a, label: tc(`agency.${a}`) }))}
            onChange={(agency) => draftActions.apply(updateStation(stationId, { agency }))}
          />
          <NumberField
            path={`${path}.defaultServiceMinutes`}
            label={t('config.stations.serviceMinutes')}
            hint={t('config.stations.serviceMinutesHint')}
            value={station.defaultServiceMinutes}
            min={1}
            max={240}
            unit={t('unit.minutes')}
            onChange={(defaultServiceMinutes) =>
              draftActions.apply(updateStation(stationId, { defaultServiceMinutes }))
            }
          />
        </div>
        <p className="adm-muted">{t('config.stations.id', { id: stationId })}</p>
        <AgeRuleEditor stationId={stationId} path={`${path}.rule`} rule={station.rule} />
        <ChecklistEditor stationId={stationId} path={`${path}.checklist`} />
        <div className="adm-actions adm-actions-end">
          {desks > 0 && (
            <span id={removeHintId} className="adm-hint">
              {t('config.stations.removeHint', { count: desks })}
            </span>
          )}
          <button
            type="button"
            className="btn btn-danger"
            aria-disabled={desks > 0 || undefined}
            aria-describedby={desks > 0 ? removeHintId : undefined}
            onClick={() => {
              if (desks > 0) return;
              draftActions.apply(removeStation(stationId));
              adminActions.announce(t('config.stations.removed', { name: station.name }));
              focusSoon('cfg-add-station-name');
            }}
          >
            {t('config.stations.remove', { name: station.name })}
          </button>
        </div>
      </div>
    </details>
  );
}

function AddStation() {
  const { t } = useTranslation('admin');
  const [name, setName] = useState('');
  const [error, setError] = useState(false);
  function add() {
    const clean = name.trim();
    if (!clean) {
      setError(true);
      focusSoon('cfg-add-station-name');
      return;
    }
    const { op, id } = addStation(clean);
    const before = draftStore.getState().draft?.edited;
    if (!before) return;
    const newId = id(before);
    draftActions.apply(op);
    setName('');
    setError(false);
    adminActions.announce(t('config.stations.added', { name: clean }));
    const index = draftStore.getState().draft?.edited.stations.findIndex((s) => s.id === newId) ?? -1;
    if (index >= 0) focusSoon(`${fieldId(`stations.${index}`)}-summary`);
  }
  return (
    <div className="adm-add-row">
      <div className="field adm-field">
        <label htmlFor="cfg-add-station-name">{t('config.stations.newName')}</label>
        <input
          id="cfg-add-station-name"
          type="text"
          value={name}
          maxLength={80}
          aria-invalid={error || undefined}
          aria-describedby={error ? 'cfg-add-station-error' : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        {error && (
          <p id="cfg-add-station-error" className="adm-field-error">
            <span aria-hidden="true">⚠ </span>
            {t('validation.required')}
          </p>
        )}
      </div>
      <button type="button" className="btn" onClick={add}>
        <span aria-hidden="true">+</span> {t('config.stations.add')}
      </button>
    </div>
  );
}
