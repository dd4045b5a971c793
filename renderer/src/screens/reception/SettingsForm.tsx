import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { Feedback } from './Feedback.js';
import { languageName, optionName } from './format.js';
import { receptionActions } from './receptionActions.js';
import { useCommand } from './useCommand.js';
import { useStaffLang } from './useStaffLang.js';
import { interpreterLanguages, settingsChange, type VisitSettings } from './visitOptions.js';
import { useShallow } from 'zustand/react/shallow';
import { SelectField } from './Fields.js';

/** Language, interpreter need and consent, as the visitor tells reception. */
export function SettingsForm({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const lang = useStaffLang();
  const languages = useOffice(useShallow((s) => s.office?.config.languages ?? []));
  const interpreterChoices = useOffice(
    useShallow((s) => (s.office ? interpreterLanguages(s.office.config) : [])),
  );
  // Only what was edited here; the rest follows the visit as it changes (a desk may edit it too).
  const [draft, setDraft] = useState<Partial<VisitSettings>>({});
  const language = draft.language ?? visit.language;
  const interpreter =
    (draft.interpreterLanguage === undefined ? visit.interpreterLanguage : draft.interpreterLanguage) ?? '';
  const consent = draft.consent ?? visit.consent;
  const edit = (p: Partial<VisitSettings>) => {
    command.reset();
    setDraft((d) => ({ ...d, ...p }));
  };
  const command = useCommand();
  const change = settingsChange(visit, { language, interpreterLanguage: interpreter || null, consent });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!change) return;
    void command
      .run(() => receptionActions.update(visit.id, change))
      .then((o) => {
        if (o.ok) setDraft({});
      });
  }

  return (
    <form className="rcp-form" onSubmit={onSubmit} aria-labelledby="rcp-settings-heading">
      <h3 id="rcp-settings-heading" className="rcp-subtitle">
        {t('settings.title')}
      </h3>
      <div className="rcp-form-row">
        <SelectField
          label={t('list.language')}
          value={language}
          onChange={(e) => edit({ language: e.target.value as VisitorLanguage })}
        >
          {languages.map((l) => (
            <option key={l} value={l}>
              {optionName(l, lang)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('settings.interpreter')}
          value={interpreter}
          onChange={(e) => edit({ interpreterLanguage: e.target.value || null })}
        >
          <option value="">{t('visit.noInterpreter')}</option>
          {interpreterChoices.map((l) => (
            <option key={l} value={l}>
              {languageName(l, lang)}
            </option>
          ))}
        </SelectField>
      </div>
      <label className="rcp-check">
        <input type="checkbox" checked={consent} onChange={(e) => edit({ consent: e.target.checked })} />
        <span>{t('settings.consent')}</span>
      </label>
      <div className="rcp-form-actions">
        <button type="submit" className="btn btn-primary" disabled={!change || command.busy}>
          {t('settings.save')}
        </button>
        <Feedback error={command.error} done={command.done} doneText={t('settings.saved')} />
      </div>
    </form>
  );
}
