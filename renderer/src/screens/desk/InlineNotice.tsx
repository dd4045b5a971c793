import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors.js';
import { useDesk } from './deskStore.js';
import { Icon } from './Icon.js';

/** A refusal shown where the officer is working: in the open dialog (the page behind it is hidden from assistive tech), or in the sign-in form. */
export function InlineNotice() {
  const { t } = useTranslation('desk');
  const notice = useDesk((s) => s.notice);
  return (
    <div role="alert" className={notice?.kind === 'error' ? 'alert alert-error inline-notice' : undefined}>
      {notice?.kind === 'error' && (
        <>
          <Icon name="warn" />
          {errorText(t, { code: notice.code as never }, 'staff')}
        </>
      )}
    </div>
  );
}
