import { useTranslation } from 'react-i18next';
import { DeleteIcon } from './icons.js';

const DIGITS = '1234567890'.split('');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/**
 * Letters and digits in plain order (alphabetical is easier to search for someone who does not
 * use a Latin keyboard every day), big keys, no operating-system keyboard. Always left to right:
 * booking numbers are Latin text even on an Arabic screen.
 */
export function Keypad({
  onKey,
  onDelete,
  disabled,
}: {
  onKey: (key: string) => void;
  onDelete: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('kiosk');
  return (
    <div className="kiosk-keypad" dir="ltr" role="group" aria-label={t('booking.keypad')}>
      <div className="kiosk-keypad-digits">
        {DIGITS.map((k) => (
          <button key={k} type="button" className="kiosk-key" onClick={() => onKey(k)} disabled={disabled}>
            {k}
          </button>
        ))}
      </div>
      <div className="kiosk-keypad-letters">
        {LETTERS.map((k) => (
          <button key={k} type="button" className="kiosk-key" onClick={() => onKey(k)} disabled={disabled}>
            {k}
          </button>
        ))}
        <button
          type="button"
          className="kiosk-key"
          onClick={() => onKey('-')}
          disabled={disabled}
          aria-label={t('booking.dash')}
        >
          -
        </button>
        <button
          type="button"
          className="kiosk-key kiosk-key-wide"
          onClick={onDelete}
          aria-label={t('booking.delete')}
        >
          <DeleteIcon />
        </button>
      </div>
    </div>
  );
}
