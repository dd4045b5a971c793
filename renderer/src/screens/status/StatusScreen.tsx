import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setPageLanguage } from '../../i18n/index.js';
import { connect, disconnect } from '../../net/socket.js';
import { useStatusView } from '../../stores/views.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { JourneySteps } from './JourneySteps.js';
import { NowCard } from './NowCard.js';
import { documentTitle, guessLanguage, statusTokenFromPath } from './statusModel.js';
import './status.css';

/**
 * A visitor's own ticket on their phone, opened from the QR code: where they stand, where to
 * go when called, and which meetings are done and left, in their language, live.
 */
export function StatusScreen() {
  const { t } = useTranslation('status');
  const view = useStatusView((s) => s.view);
  const unknown = useStatusView((s) => s.unknown);
  const language = view?.language ?? guessLanguage(navigator.languages);

  useEffect(() => {
    const statusToken = statusTokenFromPath(location.pathname);
    if (!statusToken) return;
    connect({ kind: 'status', statusToken });
    return () => disconnect();
  }, []);

  useEffect(() => {
    void setPageLanguage(language);
  }, [language]);

  const title = view ? documentTitle(view, (key, options) => t(key, options)) : t('pageTitle');
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="status-page">
      {!unknown && <ConnectionBanner />}
      <main className="status-main">
        {unknown ? (
          <section className="status-now status-now-ended" role="alert">
            <h1>{t('unknown.title')}</h1>
            <p>{t('unknown.body')}</p>
          </section>
        ) : view ? (
          <>
            <header className="status-head">
              <h1 className="status-label">{t('ticket')}</h1>
              <p className="status-ticket" dir="ltr">
                {view.ticket}
              </p>
            </header>
            <NowCard view={view} />
            <JourneySteps view={view} />
            {view.status === 'active' && <p className="status-live">{t('live')}</p>}
          </>
        ) : (
          <p className="status-loading" role="status">
            {t('loading')}
          </p>
        )}
      </main>
    </div>
  );
}
