import { useTranslation } from 'react-i18next';
import type { StaffLanguage } from '../../../../shared/languages.js';

/** The staff language the screen is in now, for formatting. */
export function useStaffLanguage(): StaffLanguage {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'sv';
}
