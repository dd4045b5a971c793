import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { LanguageCodeSchema } from '../../../../shared/languages.js';
import { useOffice } from '../../stores/office.js';
import { errorText } from '../../ui/errors.js';
import { adminActions } from './adminStore.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { focusSoon } from './focus.js';
import { languageName } from './format.js';
import { interpreterActions } from './interpreterActions.js';
import { interpreterFigures, interpreterIds, uncoveredLanguages } from './interpreterView.js';
import { useStaffLanguage } from './useStaffLanguage.js';
import { ScrollArea } from './ScrollArea.js';

/** Interpreters here today (or on the phone): desks see who is free for a visit's language. */
export function Interpreters() {
  const { t } = useTranslation('admin');
  const ui = useStaffLanguage();
  const ids = useOffice(useShallow((s) => (s.office ? interpreterIds(s.office) : [])));
  const uncovered = useOffice(useShallow((s) => (s.office ? uncoveredLanguages(s.office) : [])));
  return (
    <div className="adm-stack">
      <h2 className="adm-section-title">{t('interpreters.title')}</h2>
      <p className="adm-muted">{t('interpreters.intro')}</p>
      {uncovered.length > 0 && (
        <p className="alert adm-alert-warn">
          <span aria-hidden="true">⚠ </span>
          {t('interpreters.uncovered', { languages: uncovered.map((l) => languageName(l, ui)).join(', ') })}
        </p>
      )}
      <div className="adm-card">
        {ids.length === 0 ? (
          <p className="adm-muted">{t('interpreters.none')}</p>
        ) : (
          <ScrollArea label={t('interpreters.title')}>
            <table className="adm-table">
              <caption className="visually-hidden">{t('interpreters.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('interpreters.column.language')}</th>
                  <th scope="col">{t('interpreters.column.name')}</th>
                  <th scope="col">{t('interpreters.column.mode')}</th>
                  <th scope="col">{t('interpreters.column.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('config.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {ids.map((id) => (
                  <InterpreterRow key={id} id={id} />
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </div>
      <AddInterpreter />
    </div>
  );
}

function InterpreterRow({ id }: { id: string }) {
  const { t } = useTranslation('admin');
  const ui = useStaffLanguage();
  const f = useOffice(useShallow((s) => (s.office ? interpreterFigures(s.office, id) : null)));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!f) return null;
  return (
    <tr>
      <td>{languageName(f.language, ui)}</td>
      <th scope="row">{f.name}</th>
      <td>{t(`interpreters.mode.${f.mode}`)}</td>
      <td>
        {f.busy ? (
          <span className="adm-state adm-state-busy">
            <span aria-hidden="true">● </span>
            {t('interpreters.busyWith', { ticket: f.ticket ?? '?' })}
          </span>
        ) : (
          <span className="adm-state adm-state-free">
            <span aria-hidden="true">○ </span>
            {t('interpreters.free')}
          </span>
        )}
      </td>
      <td>
        <span id={`int-${id}-hint`} className="visually-hidden">
          {f.busy ? t('interpreters.removeBusy') : ''}
        </span>
        <button
          type="button"
          className="btn btn-small btn-danger"
          aria-label={t('interpreters.removeOf', { name: f.name })}
          aria-disabled={f.busy || undefined}
          aria-describedby={f.busy ? `int-${id}-hint` : undefined}
          title={f.busy ? t('interpreters.removeBusy') : undefined}
          onClick={() => !f.busy && setConfirming(true)}
        >
          {t('action.remove')}
        </button>
        {confirming && (
          <ConfirmDialog
            title={t('interpreters.removeTitle', { name: f.name })}
            confirmLabel={t('action.remove')}
            danger
            error={error}
            returnFocus={() => document.getElementById('int-name')}
            onClose={() => setConfirming(false)}
            onConfirm={async () => {
              const result = await interpreterActions.remove(id);
              if (result.ok) {
                setConfirming(false);
                adminActions.announce(t('interpreters.removed', { name: f.name }));
              } else setError(errorText(t, result.error));
            }}
          >
            <p>{t('interpreters.removeBody', { name: f.name })}</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

function AddInterpreter() {
  const { t } = useTranslation('admin');
  const ui = useStaffLanguage();
  const languages = useOffice(useShallow((s) => s.office?.config.interpreterLanguages ?? []));
  const [language, setLanguage] = useState('');
  const [other, setOther] = useState('');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'onsite' | 'phone'>('onsite');
  const [problem, setProblem] = useState<'name' | 'language' | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = language || languages[0] || 'other';
  const code = chosen === 'other' ? other.trim().toLowerCase() : chosen;

  async function submit() {
    if (busy) return;
    if (!LanguageCodeSchema.safeParse(code).success) {
      setProblem('language');
      return focusSoon('int-other');
    }
    if (!name.trim()) {
      setProblem('name');
      return focusSoon('int-name');
    }
    setProblem(null);
    setBusy(true);
    const outcome = await interpreterActions.add({ language: code, mode, name: name.trim() });
    setBusy(false);
    if (outcome.ok) {
      setResult({
        ok: true,
        text: t('interpreters.added', { name: name.trim(), language: languageName(code, ui) }),
      });
      setName('');
      focusSoon('int-name');
    } else setResult({ ok: false, text: errorText(t, outcome.error) });
  }

  return (
    <section className="adm-card" aria-labelledby="int-add-heading">
      <h3 id="int-add-heading" className="adm-section-title">
        {t('interpreters.add')}
      </h3>
      <form
        noValidate
        className="adm-add-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field adm-field">
          <label htmlFor="int-language">{t('interpreters.column.language')}</label>
          <select id="int-language" value={chosen} onChange={(e) => setLanguage(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l, ui)}
              </option>
            ))}
            <option value="other">{t('interpreters.otherLanguage')}</option>
          </select>
        </div>
        {chosen === 'other' && (
          <div className="field adm-field adm-field-short">
            <label htmlFor="int-other">{t('config.languages.code')}</label>
            <input
              id="int-other"
              type="text"
              maxLength={3}
              value={other}
              aria-invalid={problem === 'language' || undefined}
              aria-describedby={problem === 'language' ? 'int-other-error' : undefined}
              onChange={(e) => setOther(e.target.value)}
            />
            {problem === 'language' && (
              <p id="int-other-error" className="adm-field-error">
                <span aria-hidden="true">⚠ </span>
                {t('validation.languageCode')}
              </p>
            )}
          </div>
        )}
        <div className="field adm-field">
          <label htmlFor="int-name">{t('interpreters.column.name')}</label>
          <input
            id="int-name"
            type="text"
            maxLength={120}
            value={name}
            autoComplete="off"
            aria-invalid={problem === 'name' || undefined}
            aria-describedby={problem === 'name' ? 'int-name-error' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {problem === 'name' && (
            <p id="int-name-error" className="adm-field-error">
              <span aria-hidden="true">⚠ </span>
              {t('validation.required')}
            </p>
          )}
        </div>
        <fieldset className="adm-radios">
          <legend>{t('interpreters.column.mode')}</legend>
          {(['onsite', 'phone'] as const).map((m) => (
            <label key={m} className="adm-radio">
              <input
                type="radio"
                name="int-mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              {t(`interpreters.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
          {t('interpreters.addButton')}
        </button>
      </form>
      <div role="status">
        {result && <p className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`}>{result.text}</p>}
      </div>
    </section>
  );
}
