/**
 * Prints the receipt: silently on the kiosk's receipt printer inside the desktop app, else with
 * the browser's print dialog. The print stylesheet shows the receipt and hides the rest.
 */
export async function printTicket(): Promise<boolean> {
  const desktop = window.motesplats;
  if (desktop) {
    try {
      return (await desktop.printTicket()).ok;
    } catch {
      return false;
    }
  }
  window.print();
  return true;
}
