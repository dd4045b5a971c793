import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside it and makes the
 * rest of the page inert; Escape (or the browser's own close) calls `onClose`. On opening,
 * focus goes to the element marked `data-autofocus` (else the first control); on closing it
 * returns to the control that opened the dialog, or to `returnFocus()` if that one is gone.
 */
export function Dialog({
  title,
  onClose,
  children,
  describedBy,
  wide = false,
  returnFocus,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  describedBy?: string;
  wide?: boolean;
  returnFocus?: () => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  const returnRef = useRef(returnFocus);
  useEffect(() => {
    onCloseRef.current = onClose;
    returnRef.current = returnFocus;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // The control that opened the dialog, unless focus was nowhere in particular.
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
    let closing = false;
    const onNativeClose = () => {
      if (!closing) onCloseRef.current();
    };
    dialog.addEventListener('close', onNativeClose);
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      closing = true;
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      // The page behind may become usable only after this commit: focus once it has.
      queueMicrotask(() => {
        const target = opener?.isConnected ? opener : (returnRef.current?.() ?? null);
        target?.focus();
      });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        // Escape closes this dialog only, not one behind it that React would also tell.
        event.preventDefault();
        event.stopPropagation();
        onCloseRef.current();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
