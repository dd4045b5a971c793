import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../../../../shared/office.js';
import { adminActions } from './adminStore.js';
import {
  addChecklistItem,
  moveChecklistItem,
  removeChecklistItem,
  updateChecklistItem,
} from './configDraft.js';
import { draftActions, draftStore, useDraft } from './draftStore.js';
import { TextField, fieldId } from './fields.js';
import { focusSoon } from './focus.js';

/** What a desk ticks off at this station, in Swedish and English; ids stay as items are renamed. */
export function ChecklistEditor({ stationId, path }: { stationId: string; path: string }) {
  const { t } = useTranslation('admin');
  const items = useDraft((s) => s.draft?.edited.stations.find((st) => st.id === stationId)?.checklist);
  if (!items) return null;
  const label = (item: Label) => item.sv || item.en;
  return (
    <fieldset className="adm-fieldset">
      <legend>{t('config.checklist.title')}</legend>
      {items.length === 0 && <p className="adm-muted">{t('config.checklist.empty')}</p>}
      <ol className="adm-checklist">
        {items.map((item, j) => {
          const itemPath = `${path}.${j}`;
          const upId = `${fieldId(itemPath)}-up`;
          const downId = `${fieldId(itemPath)}-down`;
          const move = (delta: number) => {
            draftActions.apply(moveChecklistItem(stationId, item.id, delta));
            const to = j + delta;
            adminActions.announce(
              t('config.moved', { name: label(item.label), position: to + 1, count: items.length }),
            );
            // The item's buttons now carry the new position's ids.
            const moved = `${path}.${to}`;
            focusSoon(
              `${fieldId(moved)}-${delta < 0 ? 'up' : 'down'}`,
              `${fieldId(moved)}-${delta < 0 ? 'down' : 'up'}`,
            );
          };
          return (
            <li key={item.id} className="adm-checklist-item">
              <TextField
                path={`${itemPath}.label.sv`}
                label={t('config.checklist.sv')}
                lang="sv"
                value={item.label.sv}
                maxLength={120}
                onChange={(sv) =>
                  draftActions.apply(updateChecklistItem(stationId, item.id, { ...item.label, sv }))
                }
              />
              <TextField
                path={`${itemPath}.label.en`}
                label={t('config.checklist.en')}
                lang="en"
                value={item.label.en}
                maxLength={120}
                onChange={(en) =>
                  draftActions.apply(updateChecklistItem(stationId, item.id, { ...item.label, en }))
                }
              />
              <div className="adm-row-buttons">
                <button
                  id={upId}
                  type="button"
                  className="btn btn-icon"
                  disabled={j === 0}
                  aria-label={t('config.moveUp', { name: label(item.label) })}
                  onClick={() => move(-1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  id={downId}
                  type="button"
                  className="btn btn-icon"
                  disabled={j === items.length - 1}
                  aria-label={t('config.moveDown', { name: label(item.label) })}
                  onClick={() => move(1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="btn btn-danger btn-icon"
                  aria-label={t('config.checklist.remove', { name: label(item.label) })}
                  onClick={() => {
                    draftActions.apply(removeChecklistItem(stationId, item.id));
                    adminActions.announce(t('config.checklist.removed', { name: label(item.label) }));
                    focusSoon(
                      `${fieldId(`${path}.${Math.max(0, j - 1)}`)}-remove`,
                      `${fieldId(path)}-new-sv`,
                    );
                  }}
                  id={`${fieldId(itemPath)}-remove`}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <AddItem stationId={stationId} path={path} />
    </fieldset>
  );
}

function AddItem({ stationId, path }: { stationId: string; path: string }) {
  const { t } = useTranslation('admin');
  const [label, setLabel] = useState<Label>({ sv: '', en: '' });
  const [missing, setMissing] = useState<{ sv: boolean; en: boolean }>({ sv: false, en: false });
  const base = `${fieldId(path)}-new`;
  function add() {
    const clean = { sv: label.sv.trim(), en: label.en.trim() };
    const gaps = { sv: !clean.sv, en: !clean.en };
    setMissing(gaps);
    if (gaps.sv || gaps.en) {
      focusSoon(gaps.sv ? `${base}-sv` : `${base}-en`);
      return;
    }
    draftActions.apply(addChecklistItem(stationId, clean));
    setLabel({ sv: '', en: '' });
    adminActions.announce(t('config.checklist.added', { name: clean.sv }));
    const count =
      draftStore.getState().draft?.edited.stations.find((s) => s.id === stationId)?.checklist.length ?? 0;
    focusSoon(fieldId(`${path}.${count - 1}.label.sv`));
  }
  return (
    <div className="adm-add-row">
      {(['sv', 'en'] as const).map((lang) => (
        <div key={lang} className="field adm-field">
          <label htmlFor={`${base}-${lang}`}>{t(`config.checklist.new.${lang}`)}</label>
          <input
            id={`${base}-${lang}`}
            type="text"
            lang={lang}
            value={label[lang]}
            maxLength={120}
            aria-invalid={missing[lang] || undefined}
            aria-describedby={missing[lang] ? `${base}-${lang}-error` : undefined}
            onChange={(e) => setLabel({ ...label, [lang]: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          {missing[lang] && (
            <p id={`${base}-${lang}-error`} className="adm-field-error">
              <span aria-hidden="true">⚠ </span>
              {t('validation.required')}
            </p>
          )}
        </div>
      ))}
      <button type="button" className="btn" onClick={add}>
        <span aria-hidden="true">+</span> {t('config.checklist.add')}
      </button>
    </div>
  );
}
