import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import {
  LANGUAGE_NATIVE_NAMES,
  VISITOR_LANGUAGES,
  type VisitorLanguage,
} from '../../../../shared/languages.js';
import { LanguageCodeSchema } from '../../../../shared/languages.js';
import { adminActions } from './adminStore.js';
import {
  addInterpreterLanguage,
  moveLanguage,
  removeInterpreterLanguage,
  setLanguage,
} from './configDraft.js';
import { draftActions, useDraft } from './draftStore.js';
import { FieldError, fieldId, useFieldError } from './fields.js';
import { focusSoon } from './focus.js';
import { languageName } from './format.js';
import { Section } from './Section.js';
import { useStaffLanguage } from './useStaffLanguage.js';

/** The languages the kiosk, display and status page offer (in order), and those interpreters can be asked for. */
export function LanguagesSection() {
  return (
    <Section section="languages">
      <div className="adm-columns">
        <VisitorLanguages />
        <InterpreterLanguages />
      </div>
    </Section>
  );
}

function VisitorLanguages() {
  const { t } = useTranslation('admin');
  const ui = useStaffLanguage();
  const offered = useDraft(useShallow((s) => s.draft?.edited.languages ?? []));
  const error = useFieldError('languages');
  const label = (l: VisitorLanguage) => {
    const own = LANGUAGE_NATIVE_NAMES[l];
    const name = languageName(l, ui);
    return own.toLocaleLowerCase() === name.toLocaleLowerCase() ? name : `${name} – ${own}`;
  };
  const notOffered = VISITOR_LANGUAGES.filter((l) => !offered.includes(l));
  const id = (l: string, what: string) => `cfg-lang-${l}-${what}`;
  return (
    <fieldset
      className="adm-fieldset"
      id={fieldId('languages')}
      tabIndex={-1}
      aria-describedby={error ? `${fieldId('languages')}-error` : undefined}
    >
      <legend>{t('config.languages.offered')}</legend>
      <p className="adm-hint">{t('config.languages.offeredHint')}</p>
      <ol className="adm-chain">
        {offered.map((l, index) => (
          <li key={l} className="adm-chain-item">
            <span className="adm-chain-pos" aria-hidden="true">
              {index + 1}
            </span>
            <span className="adm-chain-name">{label(l)}</span>
            <span className="adm-row-buttons">
              <button
                id={id(l, 'up')}
                type="button"
                className="btn btn-icon"
                disabled={index === 0}
                aria-label={t('config.moveUp', { name: label(l) })}
                onClick={() => {
                  draftActions.apply(moveLanguage(l, -1));
                  adminActions.announce(
                    t('config.moved', { name: label(l), position: index, count: offered.length }),
                  );
                  focusSoon(id(l, 'up'), id(l, 'down'));
                }}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                id={id(l, 'down')}
                type="button"
                className="btn btn-icon"
                disabled={index === offered.length - 1}
                aria-label={t('config.moveDown', { name: label(l) })}
                onClick={() => {
                  draftActions.apply(moveLanguage(l, 1));
                  adminActions.announce(
                    t('config.moved', { name: label(l), position: index + 2, count: offered.length }),
                  );
                  focusSoon(id(l, 'down'), id(l, 'up'));
                }}
              >
                <span aria-hidden="true">↓</span>
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={t('config.languages.stopOffering', { name: label(l) })}
                onClick={() => {
                  draftActions.apply(setLanguage(l, false));
                  adminActions.announce(t('config.languages.removed', { name: label(l) }));
                  focusSoon(id(l, 'add'));
                }}
              >
                {t('action.remove')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <FieldError path="languages" error={error} />
      {notOffered.length > 0 && (
        <ul className="adm-plain-list">
          {notOffered.map((l) => (
            <li key={l}>
              <span className="adm-muted">{label(l)}</span>{' '}
              <button
                id={id(l, 'add')}
                type="button"
                className="btn btn-small"
                aria-label={t('config.languages.offer', { name: label(l) })}
                onClick={() => {
                  draftActions.apply(setLanguage(l, true));
                  adminActions.announce(t('config.languages.added', { name: label(l) }));
                  focusSoon(id(l, 'up'));
                }}
              >
                {t('config.languages.add')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function InterpreterLanguages() {
  const { t } = useTranslation('admin');
  const ui = useStaffLanguage();
  const codes = useDraft(useShallow((s) => s.draft?.edited.interpreterLanguages ?? []));
  const errors = useDraft(
    useShallow((s) => s.errors.filter((e) => e.path.startsWith('interpreterLanguages')).map((e) => e.path)),
  );
  const [code, setCode] = useState('');
  const [bad, setBad] = useState(false);
  function add() {
    const clean = code.trim().toLowerCase();
    if (!LanguageCodeSchema.safeParse(clean).success) {
      setBad(true);
      focusSoon('cfg-new-interpreter-language');
      return;
    }
    draftActions.apply(addInterpreterLanguage(clean));
    adminActions.announce(t('config.languages.added', { name: languageName(clean, ui) }));
    setCode('');
    setBad(false);
  }
  const preview = LanguageCodeSchema.safeParse(code.trim().toLowerCase()).success
    ? languageName(code.trim().toLowerCase(), ui)
    : null;
  return (
    <fieldset className="adm-fieldset">
      <legend>{t('config.languages.interpreters')}</legend>
      <p className="adm-hint">{t('config.languages.interpretersHint')}</p>
      <ul className="adm-chips">
        {codes.map((c, i) => (
          <li key={c} className={errors.includes(`interpreterLanguages.${i}`) ? 'is-error' : undefined}>
            <span id={fieldId(`interpreterLanguages.${i}`)} tabIndex={-1}>
              {languageName(c, ui)} <code>{c}</code>
            </span>
            <button
              type="button"
              className="btn btn-icon btn-chip"
              aria-label={t('config.languages.removeInterpreter', { name: languageName(c, ui) })}
              onClick={() => {
                draftActions.apply(removeInterpreterLanguage(c));
                adminActions.announce(t('config.languages.removed', { name: languageName(c, ui) }));
                focusSoon('cfg-new-interpreter-language');
              }}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="adm-add-row">
        <div className="field adm-field adm-field-short">
          <label htmlFor="cfg-new-interpreter-language">{t('config.languages.code')}</label>
          <span id="cfg-new-interpreter-language-hint" className="adm-hint">
            {preview ?? t('config.languages.codeHint')}
          </span>
          <input
            id="cfg-new-interpreter-language"
            type="text"
            value={code}
            maxLength={3}
            autoComplete="off"
            aria-invalid={bad || undefined}
            aria-describedby={`cfg-new-interpreter-language-hint${bad ? ' cfg-new-interpreter-language-error' : ''}`}
            onChange={(e) => {
              setCode(e.target.value);
              setBad(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          {bad && (
            <p id="cfg-new-interpreter-language-error" className="adm-field-error">
              <span aria-hidden="true">⚠ </span>
              {t('validation.languageCode')}
            </p>
          )}
        </div>
        <button type="button" className="btn" onClick={add}>
          <span aria-hidden="true">+</span> {t('config.languages.addInterpreter')}
        </button>
      </div>
    </fieldset>
  );
}
