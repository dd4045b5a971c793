import { useTranslation } from 'react-i18next';
import { useOffice } from '../../stores/office.js';
import { useSession } from '../../stores/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { dayText } from './format.js';
import { useStaffLanguage } from './useStaffLanguage.js';

export function AdminHeader() {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const officeName = useOffice((s) => s.office?.config.name ?? '');
  const day = useOffice((s) => s.office?.day ?? null);
  const deviceName = useSession((s) => s.device?.name ?? null);
  return (
    <header className="adm-header">
      <div className="adm-title">
        <h1>{t('title')}</h1>
        <span className="adm-office">{officeName}</span>
        {day && <span className="adm-day">{dayText(day, language)}</span>}
      </div>
      <div className="adm-header-actions">
        {deviceName && <span className="adm-device">{t('header.device', { name: deviceName })}</span>}
        <LanguageSwitch />
      </div>
    </header>
  );
}
