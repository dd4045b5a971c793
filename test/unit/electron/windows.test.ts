import { describe, expect, it } from 'vitest';
import { windowSpecFor, type MenuSpec } from '../../../electron/src/windows.js';

function actions(menu: readonly MenuSpec[] | null): string[] {
  return (menu ?? []).flatMap((m) =>
    m.items.flatMap((i) => ('action' in i ? [i.action] : 'role' in i ? [i.role] : [])),
  );
}

describe('the window of each role', () => {
  it.each(['kiosk', 'display'] as const)(
    '%s runs full screen in kiosk mode, without menus, awake',
    (role) => {
      const spec = windowSpecFor(role, { devTools: true });
      expect(spec).toMatchObject({
        kiosk: true,
        menu: null,
        guardClose: true,
        lockZoom: true,
        keepAwake: true,
      });
    },
  );

  it('the display hides the cursor and may chime without a tap', () => {
    expect(windowSpecFor('display', { devTools: false })).toMatchObject({
      hideCursor: true,
      autoplayWithoutGesture: true,
    });
    expect(windowSpecFor('kiosk', { devTools: false })).toMatchObject({
      hideCursor: false,
      autoplayWithoutGesture: false,
    });
  });

  it.each(['desk', 'reception'] as const)('%s opens a normal window with a menu', (role) => {
    const spec = windowSpecFor(role, { devTools: false });
    expect(spec).toMatchObject({ kiosk: false, hideCursor: false, guardClose: false, keepAwake: false });
    expect(actions(spec.menu)).toEqual(
      expect.arrayContaining(['settings', 'reload', 'quit', 'copy', 'paste']),
    );
    expect(actions(spec.menu)).not.toContain('toggleDevTools');
    expect(actions(windowSpecFor(role, { devTools: true }).menu)).toContain('toggleDevTools');
  });

  it('setup opens a normal window with only an Edit menu (to paste the pairing link)', () => {
    const spec = windowSpecFor('setup', { devTools: true });
    expect(spec).toMatchObject({ kiosk: false, guardClose: false });
    expect(spec.menu?.map((m) => m.label)).toEqual(['Edit']);
    expect(actions(spec.menu)).toContain('paste');
  });
});
