/** Placeholder until the screen is built. */
export function DeskScreen() {
  return <main className="centered">DeskScreen</main>;
}
