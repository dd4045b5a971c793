import { useTranslation } from 'react-i18next';
import { isRtl, LANGUAGE_NATIVE_NAMES, languageTag } from '../../../../shared/languages.js';
import { CheckIcon, CrossIcon } from './icons.js';
import { interpreterChoices, selectedInterpreterLanguage } from './kioskFlow.js';
import { kioskActions, useKiosk } from './kioskStore.js';
import { StepFrame } from './StepFrame.js';
import { useOfficeLanguages } from './useOfficeLanguages.js';

/**
 * "Do you need an interpreter?" One touch for most: the visitor's own language is chosen
 * already, and another can be picked below before answering yes.
 */
export function InterpreterStep() {
  const { t } = useTranslation('kiosk');
  const offered = useOfficeLanguages();
  const language = useKiosk((s) => s.language);
  const picked = useKiosk((s) => s.interpreterLanguage);
  const answeredYes = useKiosk((s) => s.interpreter === true);
  const choices = interpreterChoices(offered, language);
  const selected = selectedInterpreterLanguage({ language, interpreterLanguage: picked }, offered);
  const missing = answeredYes && !selected;

  return (
    <StepFrame title={t('interpreter.title')} hint={t('interpreter.hint')}>
      {selected && (
        <p id="interpreter-yes-note" className="kiosk-hint">
          {t('interpreter.willSpeak', { language: LANGUAGE_NATIVE_NAMES[selected] })}
        </p>
      )}
      <div className="kiosk-yes-no">
        <button
          type="button"
          className="kiosk-btn kiosk-answer"
          aria-describedby={selected ? 'interpreter-yes-note' : undefined}
          onClick={() => kioskActions.answerInterpreter(true, offered)}
        >
          <CheckIcon />
          {t('yes')}
        </button>
        <button
          type="button"
          className="kiosk-btn kiosk-answer"
          onClick={() => kioskActions.answerInterpreter(false, offered)}
        >
          <CrossIcon />
          {t('no')}
        </button>
      </div>
      {missing && (
        <p className="kiosk-alert" role="alert">
          {t('interpreter.pickFirst')}
        </p>
      )}
      {choices.length > 0 && (
        <fieldset className="kiosk-fieldset">
          <legend className="kiosk-label">{t('interpreter.languageLabel')}</legend>
          <div className="kiosk-option-grid">
            {choices.map((l) => (
              <label key={l} className="kiosk-option">
                <input
                  type="radio"
                  name="interpreter-language"
                  value={l}
                  checked={selected === l}
                  onChange={() => kioskActions.pickInterpreterLanguage(l)}
                />
                <span lang={languageTag(l)} dir={isRtl(l) ? 'rtl' : 'ltr'}>
                  {LANGUAGE_NATIVE_NAMES[l]}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </StepFrame>
  );
}
