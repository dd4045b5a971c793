import { useTranslation } from 'react-i18next';
import { useOffice } from '../../stores/office.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { receptionActions } from './receptionActions.js';

export function ReceptionHeader() {
  const { t } = useTranslation('reception');
  const officeName = useOffice((s) => s.office?.config.name ?? '');
  return (
    <header className="rcp-header">
      <div className="rcp-title">
        <h1>{t('title')}</h1>
        <span className="rcp-office">{officeName}</span>
      </div>
      <div className="rcp-header-actions">
        <button
          type="button"
          className="btn btn-primary rcp-checkin-btn"
          onClick={receptionActions.openCheckIn}
        >
          <span aria-hidden="true">+</span>
          {t('checkIn.open')}
        </button>
        <LanguageSwitch />
      </div>
    </header>
  );
}
