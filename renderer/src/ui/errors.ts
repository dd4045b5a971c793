import type { TFunction } from 'i18next';
import type { DomainError } from '../../../shared/errors.js';

/** A refusal in the reader's words: the code's own message, or a general one. */
export function errorText(
  t: TFunction,
  error: Pick<DomainError, 'code'>,
  ns: 'common' | 'staff' = 'staff',
): string {
  return t(`error.${error.code}`, { ns, defaultValue: t('error.generic', { ns }) });
}
