import { useTranslation } from 'react-i18next';
import { useSession } from '../stores/session.js';

/**
 * Always tells whether the screen is live. A screen that is reconnecting keeps showing the last
 * state it had, marked as such, and catches up on its own.
 */
export function ConnectionBanner({ staff = false }: { staff?: boolean }) {
  const { t } = useTranslation('common');
  const { t: ts } = useTranslation('staff');
  const connection = useSession((s) => s.connection);
  const storageDown = useSession((s) => s.storageDown);
  if (connection === 'online' && !(staff && storageDown)) return null;
  if (connection === 'online')
    return (
      <div className="banner banner-danger" role="alert">
        {ts('connection.storageDown')}
      </div>
    );
  const danger = connection === 'unauthorized' || connection === 'revoked';
  return (
    <div className={`banner ${danger ? 'banner-danger' : 'banner-warn'}`} role={danger ? 'alert' : 'status'}>
      <span aria-hidden="true">{danger ? '⛔' : '⟳'}</span>
      {t(`connection.${connection}`)}
    </div>
  );
}
