import { StrictMode, Suspense, lazy, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import type { ScreenRole } from '../../shared/region.js';
import './i18n/index.js';
import './styles/base.css';
import { DeviceGate } from './ui/DeviceGate.js';

/**
 * One page, one screen per path; each screen is its own chunk so that a kiosk downloads the
 * kiosk and not the admin's charts.
 */
const screens: Record<ScreenRole, ComponentType> = {
  kiosk: lazy(() => import('./screens/kiosk/KioskScreen.js').then((m) => ({ default: m.KioskScreen }))),
  desk: lazy(() => import('./screens/desk/DeskScreen.js').then((m) => ({ default: m.DeskScreen }))),
  display: lazy(() =>
    import('./screens/display/DisplayScreen.js').then((m) => ({ default: m.DisplayScreen })),
  ),
  reception: lazy(() =>
    import('./screens/reception/ReceptionScreen.js').then((m) => ({ default: m.ReceptionScreen })),
  ),
  admin: lazy(() => import('./screens/admin/AdminScreen.js').then((m) => ({ default: m.AdminScreen }))),
  region: lazy(() => import('./screens/region/RegionScreen.js').then((m) => ({ default: m.RegionScreen }))),
};
const PairScreen = lazy(() =>
  import('./screens/pair/PairScreen.js').then((m) => ({ default: m.PairScreen })),
);
const StatusScreen = lazy(() =>
  import('./screens/status/StatusScreen.js').then((m) => ({ default: m.StatusScreen })),
);

function route() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const status = /^\/status\/([A-Za-z0-9_-]{16,64})$/.exec(path);
  if (status) return <StatusScreen key={status[1]} />;
  if (path === '/pair' || path === '/') return <PairScreen />;
  const role = path.slice(1) as ScreenRole;
  const Screen = screens[role];
  if (!Screen) return <PairScreen />;
  return (
    <DeviceGate role={role}>
      <Screen />
    </DeviceGate>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>{route()}</Suspense>
  </StrictMode>,
);
