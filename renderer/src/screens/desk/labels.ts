import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { deskOf } from '../../../../shared/office.js';
import type { StaffLanguage } from '../../../../shared/languages.js';
import { useOffice } from '../../stores/office.js';
import { stationName } from './deskView.js';

/** Names as staff read them: stations by their agency in the staff language, desks by name. */

export function useStaffLanguage(): StaffLanguage {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'sv';
}

export function useStationLabel(): (stationId: string) => string {
  const config = useOffice((s) => s.office?.config);
  const { t } = useTranslation('common');
  return useCallback(
    (stationId: string) => {
      if (!config) return stationId;
      const name = stationName(config, stationId);
      const agency = t(`agency.${name.agency}`);
      return name.qualifier ? `${agency} – ${name.qualifier}` : agency;
    },
    [config, t],
  );
}

export function useDeskLabel(): (deskId: string) => string {
  const config = useOffice((s) => s.office?.config);
  return useCallback((deskId: string) => (config && deskOf(config, deskId)?.name) ?? deskId, [config]);
}

/** A household's size in words: "2 adults, 1 child" (children only when there are some). */
export function useHouseholdText(): (h: { readonly adults: number; readonly children: number }) => string {
  const { t } = useTranslation('desk');
  return useCallback(
    (h) =>
      h.children > 0
        ? t('household.adultsAndChildren', {
            adults: t('household.adults', { count: h.adults }),
            children: t('household.children', { count: h.children }),
          })
        : t('household.adults', { count: h.adults }),
    [t],
  );
}
