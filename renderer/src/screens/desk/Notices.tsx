import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors.js';
import { deskActions, deskStore, useDesk } from './deskStore.js';
import { Icon } from './Icon.js';

const DONE_VISIBLE_MS = 8_000;
const currentNotice = () => deskStore.getState().notice;

/**
 * Refusals in an alert region (read out at once), and what was just done in a status region
 * (read out politely). Both regions stay in the page so that screen readers hear each change.
 */
export function Notices() {
  const { t } = useTranslation('desk');
  const notice = useDesk((s) => s.notice);
  const error = notice?.kind === 'error' ? notice : null;
  const done = notice?.kind === 'done' ? notice : null;
  // What was done fades after a while; a refusal stays until dismissed or followed by a success.
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => {
      if (currentNotice() === done) deskActions.clearNotice();
    }, DONE_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [done]);
  return (
    <div className="desk-notices">
      <div role="alert" className={error ? 'alert alert-error notice' : undefined}>
        {error && (
          <>
            <span>
              <Icon name="warn" />
              {errorText(t, { code: error.code as never }, 'staff')}
            </span>
            <button type="button" className="btn btn-small" onClick={deskActions.clearNotice}>
              {t('notice.dismiss')}
            </button>
          </>
        )}
      </div>
      <div role="status" className={done ? 'notice-done' : 'visually-hidden'}>
        {done && (
          <>
            <Icon name="check" />
            {t(done.key, { ...done.values })}
          </>
        )}
      </div>
    </div>
  );
}
