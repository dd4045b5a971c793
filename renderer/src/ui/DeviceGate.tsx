import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenRole } from '../../../shared/region.js';
import { loadDevice, ROLE_PATHS } from '../net/device.js';
import { connect, disconnect } from '../net/socket.js';
import { useSession } from '../stores/session.js';

/**
 * A role's screen opens only on a device paired for that role: it connects with the device's
 * token and, once the server says who the device is, shows the screen (or says where to go).
 */
export function DeviceGate({ role, children }: { role: ScreenRole; children: ReactNode }) {
  const { t } = useTranslation('setup');
  const [paired, setPaired] = useState<boolean | undefined>(undefined);
  const device = useSession((s) => s.device);
  const connection = useSession((s) => s.connection);

  useEffect(() => {
    let cancelled = false;
    void loadDevice().then((found) => {
      if (cancelled) return;
      setPaired(found !== null);
      if (found) connect({ kind: 'device', token: found.token });
    });
    return () => {
      cancelled = true;
      disconnect();
    };
  }, []);

  if (paired === false || connection === 'unauthorized' || connection === 'revoked')
    return (
      <main className="centered">
        <div className="card" style={{ maxWidth: 560 }}>
          <h1>{t('notPaired.title')}</h1>
          <p>{t('notPaired.body')}</p>
          <a className="btn btn-primary" href="/pair">
            {t('notPaired.action')}
          </a>
        </div>
      </main>
    );
  if (device && device.role !== role)
    return (
      <main className="centered">
        <div className="card" style={{ maxWidth: 560 }}>
          <h1>{t('wrongRole.title')}</h1>
          <p>{t('wrongRole.body', { role: t(`role.${device.role}`) })}</p>
          <a className="btn btn-primary" href={ROLE_PATHS[device.role]}>
            {t('wrongRole.action')}
          </a>
        </div>
      </main>
    );
  return <>{children}</>;
}
