import type { VisitorLanguage } from '../../../../shared/languages.js';
import { usePublicView } from '../../stores/views.js';

const NONE: readonly VisitorLanguage[] = [];

/** The office's languages in its own order; empty until the first public view has come. */
export function useOfficeLanguages(): readonly VisitorLanguage[] {
  return usePublicView((v) => v?.office.languages ?? NONE);
}
