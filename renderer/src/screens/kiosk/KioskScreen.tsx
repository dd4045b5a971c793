import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next, setPageLanguage } from '../../i18n/index.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { ArrivalStep } from './ArrivalStep.js';
import { BookingStep } from './BookingStep.js';
import { ConfirmStep } from './ConfirmStep.js';
import { ConsentStep } from './ConsentStep.js';
import { HouseholdStep } from './HouseholdStep.js';
import { IdleWarning } from './IdleWarning.js';
import { InterpreterStep } from './InterpreterStep.js';
import { idleTimeout } from './kioskFlow.js';
import { kioskActions, useKiosk } from './kioskStore.js';
import { LanguageStep } from './LanguageStep.js';
import { NavBar } from './NavBar.js';
import { TicketView } from './TicketView.js';
import { useIdle } from './useIdle.js';
import { useOfficeLanguages } from './useOfficeLanguages.js';
import './kiosk.css';

/** The reception kiosk in self-service mode: one visitor at a time, in their own language. */
export function KioskScreen() {
  const { t } = useTranslation('kiosk');
  const languages = useOfficeLanguages();
  const step = useKiosk((s) => s.step);
  const language = useKiosk((s) => s.language);
  const ticket = useKiosk((s) => s.ticket);
  const timeout = useKiosk((s) => idleTimeout(s)?.totalMs ?? 0);
  const warn = useKiosk((s) => idleTimeout(s)?.warnMs ?? 0);
  const secondsLeft = useIdle(timeout ? { totalMs: timeout, warnMs: warn } : null, step, kioskActions.reset);
  const restingLanguage = languages[0] ?? 'sv';
  const languageKey = languages.join(',');
  const [catalogsReady, setCatalogsReady] = useState(false);

  // Every office language's catalogs up front: switching is then instant, and the first screen
  // can ask "choose your language" in each of them.
  useEffect(() => {
    if (!languageKey) return;
    let cancelled = false;
    void i18next.loadLanguages(languageKey.split(',')).then(() => {
      if (!cancelled) setCatalogsReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [languageKey]);

  // A kiosk at rest speaks the office's first language; a visitor's choice lasts until reset.
  useEffect(() => {
    void setPageLanguage(language ?? restingLanguage);
  }, [language, restingLanguage]);

  return (
    <div className="kiosk">
      <div className="no-print">
        <ConnectionBanner />
      </div>
      <main className="kiosk-main">
        {languages.length === 0 ? (
          <p className="kiosk-loading" role="status">
            {t('loading')}
          </p>
        ) : step === 'language' ? (
          <LanguageStep languages={languages} catalogsReady={catalogsReady} />
        ) : step === 'arrival' ? (
          <ArrivalStep />
        ) : step === 'booking' ? (
          <BookingStep />
        ) : step === 'household' ? (
          <HouseholdStep />
        ) : step === 'interpreter' ? (
          <InterpreterStep />
        ) : step === 'consent' ? (
          <ConsentStep />
        ) : step === 'confirm' ? (
          <ConfirmStep />
        ) : ticket ? (
          <TicketView ticket={ticket} secondsLeft={secondsLeft} />
        ) : null}
      </main>
      <NavBar />
      {secondsLeft !== null && step !== 'ticket' && <IdleWarning secondsLeft={secondsLeft} />}
    </div>
  );
}
