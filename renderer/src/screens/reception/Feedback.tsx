import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/errors.js';
import { errorText } from '../../ui/errors.js';

/** A command's outcome beside its button: a refusal in words, or a short confirmation. */
export function Feedback({
  error,
  done,
  doneText,
}: {
  error: ErrorCode | null;
  done: boolean;
  doneText: string;
}) {
  const { t } = useTranslation('staff');
  return (
    <p className="rcp-feedback" role={error ? 'alert' : 'status'}>
      {error ? (
        <span className="rcp-feedback-error">{errorText(t, { code: error })}</span>
      ) : done ? (
        <span className="rcp-feedback-ok">✓ {doneText}</span>
      ) : null}
    </p>
  );
}
