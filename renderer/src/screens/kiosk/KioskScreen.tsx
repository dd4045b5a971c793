/** Placeholder until the screen is built. */
export function KioskScreen() {
  return <main className="centered">KioskScreen</main>;
}
