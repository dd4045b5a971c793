import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { adminActions } from './adminStore.js';
import { addDesk, moveDesk, newDesk, removeDesk, renameDesk } from './configDraft.js';
import { draftActions, draftStore, useDraft } from './draftStore.js';
import { FieldError, fieldId, useFieldError } from './fields.js';
import { focusSoon } from './focus.js';
import { Section } from './Section.js';

/**
 * Desks: named places at a station. Renaming keeps the desk's id, so its paired device and
 * today's visits stay with it; moving one to another station or removing one that is in use
 * is refused by the server, which names the desk.
 */
export function DeskEditor() {
  const { t } = useTranslation('admin');
  const ids = useDraft(useShallow((s) => s.draft?.edited.desks.map((d) => d.id) ?? []));
  return (
    <Section section="desks" intro={t('config.desks.intro')}>
      <table className="adm-table adm-table-form">
        <thead>
          <tr>
            <th scope="col">{t('config.desks.name')}</th>
            <th scope="col">{t('config.desks.station')}</th>
            <th scope="col">{t('config.desks.id')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('config.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id, index) => (
            <DeskRow key={id} deskId={id} index={index} />
          ))}
        </tbody>
      </table>
      <AddDesk />
    </Section>
  );
}

function DeskRow({ deskId, index }: { deskId: string; index: number }) {
  const { t } = useTranslation('admin');
  const desk = useDraft((s) => s.draft?.edited.desks.find((d) => d.id === deskId));
  const stations = useDraft(
    useShallow((s) => s.draft?.edited.stations.map((st) => `${st.id}\u0000${st.name}`) ?? []),
  );
  const path = `desks.${index}`;
  const nameError = useFieldError(`${path}.name`);
  const stationError = useFieldError(`${path}.stationId`);
  if (!desk) return null;
  const options = stations.map((s) => s.split('\u0000') as [string, string]);
  return (
    <tr>
      <td>
        <input
          id={fieldId(`${path}.name`)}
          type="text"
          className="adm-input"
          value={desk.name}
          maxLength={60}
          aria-label={t('config.desks.nameOf', { id: desk.id })}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${fieldId(`${path}.name`)}-error` : undefined}
          onChange={(e) => draftActions.apply(renameDesk(deskId, e.target.value))}
        />
        <FieldError path={`${path}.name`} error={nameError} />
      </td>
      <td>
        <select
          id={fieldId(`${path}.stationId`)}
          className="adm-input"
          value={desk.stationId}
          aria-label={t('config.desks.stationOf', { name: desk.name })}
          aria-invalid={stationError ? true : undefined}
          aria-describedby={stationError ? `${fieldId(`${path}.stationId`)}-error` : undefined}
          onChange={(e) => {
            draftActions.apply(moveDesk(deskId, e.target.value));
            adminActions.announce(t('config.desks.movedTo', { name: desk.name }));
          }}
        >
          {!options.some(([id]) => id === desk.stationId) && (
            <option value={desk.stationId}>{desk.stationId}</option>
          )}
          {options.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <FieldError path={`${path}.stationId`} error={stationError} />
      </td>
      <td className="adm-muted">
        <code>{desk.id}</code>
      </td>
      <td>
        <button
          type="button"
          id={`${fieldId(path)}-remove`}
          className="btn btn-danger btn-small"
          aria-label={t('config.desks.remove', { name: desk.name })}
          onClick={() => {
            draftActions.apply(removeDesk(deskId));
            adminActions.announce(t('config.desks.removed', { name: desk.name }));
            focusSoon(
              `${fieldId(`desks.${index}`)}-remove`,
              `${fieldId(`desks.${index - 1}`)}-remove`,
              'cfg-add-desk-station',
            );
          }}
        >
          {t('action.remove')}
        </button>
      </td>
    </tr>
  );
}

function AddDesk() {
  const { t } = useTranslation('admin');
  const stations = useDraft(
    useShallow((s) => s.draft?.edited.stations.map((st) => `${st.id}\u0000${st.name}`) ?? []),
  );
  const options = stations.map((s) => s.split('\u0000') as [string, string]);
  const [chosen, setChosen] = useState<string>('');
  const stationId = options.some(([id]) => id === chosen) ? chosen : (options[0]?.[0] ?? '');
  function add() {
    const config = draftStore.getState().draft?.edited;
    const station = config?.stations.find((s) => s.id === stationId);
    if (!config || !station) return;
    const desk = newDesk(config, station.id, station.name);
    draftActions.apply(addDesk(desk));
    adminActions.announce(t('config.desks.added', { name: desk.name }));
    const index = draftStore.getState().draft?.edited.desks.findIndex((d) => d.id === desk.id) ?? -1;
    if (index >= 0) focusSoon(fieldId(`desks.${index}.name`));
  }
  return (
    <div className="adm-add-row">
      <div className="field adm-field">
        <label htmlFor="cfg-add-desk-station">{t('config.desks.newAt')}</label>
        <select id="cfg-add-desk-station" value={stationId} onChange={(e) => setChosen(e.target.value)}>
          {options.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn" onClick={add} disabled={options.length === 0}>
        <span aria-hidden="true">+</span> {t('config.desks.add')}
      </button>
    </div>
  );
}
