import { useEffect, useState } from 'react';

/**
 * A QR code as an SVG data: URL: the page's CSP allows data: images (but no inline styles), and
 * SVG stays sharp on a receipt printer. The encoder loads only when a code is to be shown.
 * Without it (a failed load) the number, code or link beside the QR still works.
 */
const OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;

export function useQrCode(text: string | null): string | null {
  const [made, setMade] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (!text) return;
    let cancelled = false;
    void import('qrcode')
      .then((mod) => {
        // A CommonJS package: once bundled its functions may sit on the default export.
        const qr = (mod as unknown as { default?: typeof mod }).default ?? mod;
        return qr.toString(text, OPTIONS);
      })
      .then((svg) => {
        if (!cancelled) setMade({ text, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [text]);
  return made && made.text === text ? made.url : null;
}
