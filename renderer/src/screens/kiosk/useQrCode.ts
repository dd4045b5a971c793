import { useEffect, useState } from 'react';

/**
 * A QR code as an SVG data: URL (the page's CSP allows data: images, and SVG stays sharp on a
 * receipt printer). The encoder is loaded only when a ticket needs it.
 */
const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;

export function useQrCode(text: string | null): string | null {
  const [made, setMade] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (!text) return;
    let cancelled = false;
    void import('qrcode')
      // A CommonJS package: its functions sit on the default export once bundled.
      .then((mod) => (mod.default ?? mod).toString(text, QR_OPTIONS))
      .then((svg) => {
        if (!cancelled) setMade({ text, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      .catch(() => {
        // Without a QR code the ticket still works: the number is what the screens call.
      });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return made && made.text === text ? made.url : null;
}
