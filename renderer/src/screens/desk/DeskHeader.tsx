import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_LANGUAGES } from '../../../../shared/languages.js';
import { deskOf } from '../../../../shared/office.js';
import { setStaffLanguage } from '../../i18n/index.js';
import { useOffice } from '../../stores/office.js';
import { useSession } from '../../stores/session.js';
import { ActionButton } from './ActionButton.js';
import { signOutAvailability } from './actionRules.js';
import { run } from './deskCommands.js';
import { deskActions } from './deskStore.js';
import { useStaffLanguage, useStationLabel } from './labels.js';

/** Always in view: which desk this is, who works it, whether it is live, language, sign-out. */
export function DeskHeader({ deskId }: { deskId: string }) {
  const { t } = useTranslation('desk');
  const desk = useOffice((s) => (s.office ? deskOf(s.office.config, deskId) : undefined));
  const officer = useOffice((s) => s.office?.desks[deskId]?.officer ?? null);
  const office = useOffice((s) => s.office);
  const signOut = useMemo(() => office && signOutAvailability(office, deskId), [office, deskId]);
  const stationLabel = useStationLabel();

  return (
    <header className="desk-header">
      <div className="desk-id">
        <h1 className="desk-name">{desk?.name ?? deskId}</h1>
        <span className="desk-station">{desk ? stationLabel(desk.stationId) : ''}</span>
      </div>
      <div className="desk-session">
        <ConnectionState />
        <span className="desk-officer">
          {officer ? (
            <>
              <span className="muted">{t('header.signedInAs')}</span> <strong>{officer}</strong>
            </>
          ) : (
            <span className="muted">{t('header.closed')}</span>
          )}
        </span>
      </div>
      <div className="desk-tools">
        <LanguageSwitch />
        {officer && signOut && (
          <ActionButton
            availability={signOut}
            showReason={false}
            onClick={() =>
              void run('desk:sign_out', {}).then((ack) => {
                if (ack.ok) deskActions.reset();
              })
            }
          >
            {t('action.signOut')}
          </ActionButton>
        )}
      </div>
    </header>
  );
}

function ConnectionState() {
  const { t } = useTranslation('desk');
  const connection = useSession((s) => s.connection);
  const online = connection === 'online';
  return (
    <span className={`conn ${online ? 'conn-online' : 'conn-offline'}`}>
      <span className="conn-icon" aria-hidden="true">
        {online ? '●' : '⟳'}
      </span>
      {online ? t('staff:connection.online') : t(`header.connection.${connection}`)}
    </span>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation('desk');
  const current = useStaffLanguage();
  return (
    <div className="lang-switch" role="group" aria-label={t('staff:language')}>
      {STAFF_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="lang-option"
          lang={language}
          aria-pressed={current === language}
          onClick={() => void setStaffLanguage(language)}
        >
          {t(`staff:languageName.${language}`)}
        </button>
      ))}
    </div>
  );
}
