/**
 * Moves focus once React has drawn the change: after a list item moved, was added or removed,
 * focus lands on the element with this id (or the first of the fallbacks that exists). Two
 * frames: the first lets React commit (a tab switch mounts its panel), the second finds it.
 */
export function focusSoon(...ids: string[]): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      for (const id of ids) {
        const el = document.getElementById(id);
        if (el && !(el as HTMLButtonElement).disabled) {
          el.focus({ preventScroll: true });
          el.scrollIntoView({ block: 'nearest' });
          return;
        }
      }
    }),
  );
}
