/** Placeholder until the screen is built. */
export function StatusScreen() {
  return <main className="centered">StatusScreen</main>;
}
