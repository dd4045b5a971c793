/** What the main process knows of a printer (Electron's PrinterInfo, trimmed). */
export interface PrinterSummary {
  readonly name: string;
  readonly displayName: string;
}

export type PrintPlan =
  { kind: 'silent'; deviceName: string } | { kind: 'dialog' } | { kind: 'error'; message: string };

/**
 * Which way a ticket goes: silently to the configured receipt printer when it is connected,
 * through the print dialog when none is configured, and never silently to some other printer
 * (a ticket on the office's A4 printer helps no one waiting at the kiosk).
 */
export function planPrint(configured: string | null, printers: readonly PrinterSummary[]): PrintPlan {
  if (configured === null || configured.trim() === '') return { kind: 'dialog' };
  const wanted = configured.trim();
  const found =
    printers.find((p) => p.name === wanted) ??
    printers.find((p) => p.displayName === wanted) ??
    printers.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
  if (found) return { kind: 'silent', deviceName: found.name };
  const available = printers.map((p) => `"${p.name}"`).join(', ');
  return {
    kind: 'error',
    message:
      `The ticket printer "${wanted}" is not connected to this computer ` +
      (printers.length > 0 ? `(printers found: ${available}).` : '(no printers found).'),
  };
}

export interface PrintOptions {
  readonly silent: boolean;
  readonly deviceName?: string;
  readonly printBackground: boolean;
  readonly margins: { readonly marginType: 'none' };
}

export function printOptions(
  plan: { kind: 'silent'; deviceName: string } | { kind: 'dialog' },
): PrintOptions {
  const common = { printBackground: true, margins: { marginType: 'none' } } as const;
  return plan.kind === 'silent'
    ? { ...common, silent: true, deviceName: plan.deviceName }
    : { ...common, silent: false };
}

export type PrintResult = { ok: true } | { ok: false; reason: string };

export interface Printing {
  printers(): Promise<readonly PrinterSummary[]>;
  /** Electron's `webContents.print`, as a promise of its callback's arguments. */
  print(options: PrintOptions): Promise<{ success: boolean; failureReason: string }>;
}

export async function printTicket(printing: Printing, configured: string | null): Promise<PrintResult> {
  let plan: PrintPlan;
  try {
    plan = planPrint(configured, await printing.printers());
  } catch (error) {
    return { ok: false, reason: `Could not list the printers: ${(error as Error).message}` };
  }
  if (plan.kind === 'error') return { ok: false, reason: plan.message };
  const { success, failureReason } = await printing.print(printOptions(plan));
  if (success) return { ok: true };
  if (failureReason === 'cancelled') return { ok: false, reason: 'Printing was cancelled.' };
  return { ok: false, reason: `The ticket could not be printed (${failureReason || 'unknown reason'}).` };
}
