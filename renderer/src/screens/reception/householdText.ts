import type { TFunction } from 'i18next';

/** "2 vuxna, 1 barn" / "1 adult": children only when there are some. */
export function householdText(
  t: TFunction,
  h: { readonly adults: number; readonly children: number },
): string {
  const adults = t('adults', { ns: 'reception', count: h.adults });
  return h.children > 0 ? `${adults}, ${t('children', { ns: 'reception', count: h.children })}` : adults;
}
